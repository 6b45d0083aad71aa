/// Turns a lint-clean `CourseFile` into the runtime `Course`, resolving every id.
public enum CourseBuilder {
    public static func build(_ file: CourseFile, contentHash: String) -> Course {
        var steps: [String: Step] = [:]
        for step in file.steps where steps[step.id.value] == nil {
            steps[step.id.value] = Step(
                id: step.id.value, kind: step.kind ?? .lesson, minutes: step.minutes?.value ?? 0,
                isOptional: step.isOptional,
                value: step.value, next: step.next?.value, isFinal: step.isFinal,
                branches: step.branches.map {
                    Branch(condition: condition($0.condition), target: $0.target.value)
                },
                answer: step.kind == .question ? step.answer : .single,
                choices: step.choices.map {
                    Choice(id: $0.id.value, isCorrect: $0.isCorrect, isFixed: $0.isFixed)
                },
                scale: step.scale?.value,
                items: step.items.map {
                    AssessmentItem(id: $0.id.value, dimension: $0.dimension.value)
                },
                recommendations: step.recommendations.map {
                    Recommendation(
                        resource: $0.resource.value, reason: $0.reason.value,
                        condition: $0.condition.map(condition))
                },
                recommendationLimit: step.recommendationLimit,
                countdownMinutes: step.countdownMinutes, hasDeliverable: step.hasDeliverable,
                isOffline: step.isOffline, uses: step.uses.map(\.value), hasTemplate: step.hasTemplate,
                selfCheck: step.selfCheck.map(\.value), shufflesChoices: step.shufflesChoices)
        }
        let paths = file.paths.map { path in
            let ids = path.steps.map(\.value)
            return CoursePath(
                id: path.id.value, budgetMinutes: path.budgetMinutes?.value ?? 0,
                tolerancePercent: path.tolerancePercent,
                stepIDs: ids, graph: PathGraph(stepIDs: ids) { steps[$0]?.shape },
                uses: path.uses.map(\.value), masteryScore: path.masteryScore?.value)
        }
        return Course(
            id: file.id.value, version: file.version, contentHash: contentHash,
            sourceLanguage: file.sourceLanguage.value, paths: paths, steps: steps,
            dimensions: file.dimensions.map(\.value),
            scales: Dictionary(
                file.scales.map { ($0.id.value, Scale(id: $0.id.value, points: $0.points)) },
                uniquingKeysWith: { first, _ in first }),
            resources: file.resources.map {
                Resource(
                    id: $0.id.value, kind: $0.kind ?? .website, url: $0.url, minutes: $0.minutes,
                    level: $0.level)
            })
    }

    static func condition(_ file: CourseFile.ConditionFile) -> Condition {
        switch file {
        case .answer(let question, let choices):
            .answer(question: question.value, choices: Set(choices.map(\.value)))
        case .correct(let question, let expected):
            .correct(question: question.value, expected: expected)
        case .score(let dimension, let below, let atLeast):
            if let below {
                .scoreBelow(dimension: dimension.value, threshold: below)
            } else {
                .scoreAtLeast(dimension: dimension.value, threshold: atLeast ?? 0)
            }
        case .all(let parts): .all(parts.map(condition))
        case .any(let parts): .any(parts.map(condition))
        case .not(let inner): .not(condition(inner))
        }
    }
}

extension Step {
    var shape: PathGraph.StepShape {
        PathGraph.StepShape(
            minutes: minutes, isOptional: isOptional, isFinal: isFinal, next: next,
            branchTargets: branches.map(\.target))
    }
}

/// Loads a course graph for running it: decodes it, checks its structure, builds it.
public enum CourseLoader {
    /// A course that cannot run, with every problem found.
    public struct InvalidCourse: Error, Sendable {
        public var diagnostics: [Diagnostic]
    }

    /// Loads the graph from text. Translations are not checked here: lint does that, and a
    /// missing word falls back to the source language at run time.
    public static func load(graph: SourceText) throws(InvalidCourse) -> Course {
        let (file, diagnostics) = CourseFileDecoder.decode(graph.text, file: graph.path)
        guard let file else { throw InvalidCourse(diagnostics: diagnostics) }
        let context = LintContext(course: file, locales: [])
        let structural = Linter.rules.filter { !($0 is TranslationRule) && !($0 is BudgetRule) }
        let errors = (diagnostics + structural.flatMap { $0.check(context) }).filter {
            $0.severity == .error
        }
        guard errors.isEmpty else { throw InvalidCourse(diagnostics: errors) }
        return CourseBuilder.build(file, contentHash: ContentHash.of(graph.text))
    }
}

/// A stable 64-bit FNV-1a hash, as 16 hex digits: cheap, and the same on every platform.
public enum ContentHash {
    public static func of(_ text: String) -> String {
        let digits = String(FNV1a.hash(text), radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
