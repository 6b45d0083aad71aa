/// Reads `Paths/<course>.yml` into a `CourseFile`, reporting shape problems as diagnostics.
public enum CourseFileDecoder {
    /// The format versions this parcours reads.
    public static let currentFormatVersion = 1
    public static let minimumFormatVersion = 1

    /// Decodes a graph file; returns nil only when the file is not usable at all.
    public static func decode(_ text: String, file: String) -> (CourseFile?, [Diagnostic]) {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text) else { return (nil, reader.diagnostics) }
        let course = decodeCourse(root, reader)
        return (course, reader.diagnostics)
    }

    private static func decodeCourse(_ root: YAMLNode, _ reader: YAMLReader) -> CourseFile? {
        guard
            let fields = reader.fields(
                root, in: "the course",
                required: [
                    "formatVersion", "course", "version", "sourceLanguage", "paths", "steps",
                ],
                optional: ["dimensions", "scales", "resources"])
        else { return nil }
        let formatVersion = fields.int("formatVersion", in: "the course")
        if let formatVersion,
            !(minimumFormatVersion...currentFormatVersion).contains(formatVersion.value)
        {
            reader.report(
                .error(
                    "unsupported-format", at: formatVersion.location,
                    "formatVersion \(formatVersion.value) is not supported; this parcours reads version \(currentFormatVersion)"
                ))
            return nil
        }
        let missing = Located("", at: fields.location)
        var course = CourseFile(
            file: reader.file,
            formatVersion: formatVersion,
            id: fields.string("course", in: "the course") ?? missing,
            version: fields.string("version", in: "the course")?.value ?? "",
            sourceLanguage: fields.string("sourceLanguage", in: "the course") ?? missing,
            location: fields.location)
        if let node = fields["paths"] {
            course.paths = reader.sequence(node, in: "'paths'").compactMap {
                decodePath($0, reader)
            }
        }
        if let node = fields["dimensions"] {
            course.dimensions = reader.stringList(node, in: "'dimensions'")
        }
        if let node = fields["scales"] {
            course.scales = reader.sequence(node, in: "'scales'").compactMap {
                decodeScale($0, reader)
            }
        }
        if let node = fields["resources"] {
            course.resources = reader.sequence(node, in: "'resources'").compactMap {
                decodeResource($0, reader)
            }
        }
        if let node = fields["steps"] {
            course.steps = reader.sequence(node, in: "'steps'").compactMap {
                decodeStep($0, reader)
            }
        }
        return course
    }

    private static func decodePath(_ node: YAMLNode, _ reader: YAMLReader) -> CourseFile.PathFile? {
        guard
            let fields = reader.fields(
                node, in: "a path", required: ["id", "budget", "steps"],
                optional: ["tolerance", "masteryScore", "uses"]),
            let id = fields.string("id", in: "a path")
        else { return nil }
        let context = "path '\(id.value)'"
        var budget: Located<Int>?
        if let text = fields.string("budget", in: context) {
            if let seconds = ISODuration.seconds(text.value), seconds > 0 {
                budget = Located((seconds + 59) / 60, at: text.location)
            } else {
                reader.report(
                    .error(
                        "invalid-value", at: text.location,
                        "'budget' of \(context) must be an ISO 8601 duration such as PT2H or PT1H30M, not '\(text.value)'"
                    ))
            }
        }
        return CourseFile.PathFile(
            id: id,
            budgetMinutes: budget,
            tolerancePercent: fields.int("tolerance", in: context, range: 0...100)?.value ?? 15,
            masteryScore: fields["masteryScore"].flatMap { masteryScore($0, in: context, reader) },
            steps: fields["steps"].map { reader.stringList($0, in: "'steps' of \(context)") } ?? [],
            uses: fields["uses"].map { reader.stringList($0, in: "'uses' of \(context)") } ?? [],
            location: fields.location)
    }

    /// A path's `masteryScore`: a decimal from 0 to 1 with at most four decimals, as cmi5
    /// defines it (cmi5 9.6.3.2, "masteryScore": 0 to 1 inclusive, up to 4 decimal places).
    private static func masteryScore(_ node: YAMLNode, in context: String, _ reader: YAMLReader) -> Located<Double>? {
        let what = "'masteryScore' of \(context)"
        guard let score = reader.double(node, in: what) else { return nil }
        let decimals = node.string.map { text in text.split(separator: ".").dropFirst().first?.count ?? 0 } ?? 0
        guard (0...1).contains(score.value), decimals <= 4 else {
            reader.invalid(
                node,
                "\(what) must be a decimal from 0 to 1 with at most four decimals, such as 0.8, not \(node.string ?? "")"
            )
            return nil
        }
        return score
    }

    private static func decodeScale(_ node: YAMLNode, _ reader: YAMLReader) -> CourseFile.ScaleFile? {
        guard let fields = reader.fields(node, in: "a scale", required: ["id", "points"]),
            let id = fields.string("id", in: "a scale"),
            let points = fields.int("points", in: "scale '\(id.value)'", range: 2...11)
        else { return nil }
        return CourseFile.ScaleFile(id: id, points: points.value)
    }

    private static func decodeResource(_ node: YAMLNode, _ reader: YAMLReader) -> CourseFile
        .ResourceFile?
    {
        guard
            let fields = reader.fields(
                node, in: "a resource", required: ["id", "kind", "url", "minutes"], optional: ["level"]),
            let id = fields.string("id", in: "a resource")
        else { return nil }
        let context = "resource '\(id.value)'"
        let kind = fields["kind"].flatMap {
            reader.enumeration($0, in: "'kind' of \(context)", as: ResourceKind.self)
        }
        let url = fields.string("url", in: context)
        if let url, !(url.value.hasPrefix("https://") || url.value.hasPrefix("http://")) {
            reader.report(
                .error(
                    "invalid-value", at: url.location,
                    "'url' of \(context) must start with https:// or http://"))
        }
        let level = fields["level"].flatMap {
            reader.enumeration($0, in: "'level' of \(context)", as: ResourceLevel.self)
        }
        // A resource with a bad field is kept, so its words are not reported as unused.
        return CourseFile.ResourceFile(
            id: id, kind: kind?.value, url: url?.value ?? "",
            minutes: fields.int("minutes", in: context, range: 0...10_000)?.value ?? 0, level: level?.value)
    }

    private static let stepKeys = [
        "minutes", "optional", "value", "next", "final", "branches", "answer", "choices", "scale",
        "items",
        "recommend", "countdown", "deliverable", "offline", "uses", "template", "selfCheck", "shuffle",
        "limit",
    ]

    private static func decodeStep(_ node: YAMLNode, _ reader: YAMLReader) -> CourseFile.StepFile? {
        guard
            let fields = reader.fields(
                node, in: "a step", required: ["id", "kind"], optional: stepKeys),
            let id = fields.string("id", in: "a step")
        else { return nil }
        let context = "step '\(id.value)'"
        // A step of an unknown kind is kept, so references to it do not cascade into errors.
        let kind = fields["kind"].flatMap {
            reader.enumeration($0, in: "'kind' of \(context)", as: StepKind.self)
        }?.value
        if let kind { checkKindSpecificKeys(fields, kind: kind, context: context, reader) }
        var step = CourseFile.StepFile(
            id: id, kind: kind,
            minutes: fields.int("minutes", in: context, range: 0...10_000),
            hasMinutesKey: fields["minutes"] != nil,
            isOptional: fields.bool("optional", in: context),
            value: fields.int("value", in: context, range: 1...5)?.value ?? 3,
            next: fields.string("next", in: context),
            isFinal: fields.bool("final", in: context),
            branches: [],
            answer: .single, choices: [], scale: fields.string("scale", in: context), items: [],
            recommendations: [],
            countdownMinutes: fields.int("countdown", in: context, range: 1...600)?.value,
            hasDeliverable: fields.bool("deliverable", in: context),
            isOffline: fields.bool("offline", in: context),
            uses: fields["uses"].map { reader.stringList($0, in: "'uses' of \(context)") } ?? [],
            hasTemplate: fields.bool("template", in: context),
            selfCheck: fields["selfCheck"].map { reader.stringList($0, in: "'selfCheck' of \(context)") } ?? [],
            shufflesChoices: fields["shuffle"] == nil || fields.bool("shuffle", in: context),
            location: fields.location)
        if let limit = fields.int("limit", in: context, range: 1...50) {
            step.recommendationLimit = limit.value
        }
        if let node = fields["answer"] {
            step.answer =
                reader.enumeration(node, in: "'answer' of \(context)", as: AnswerMode.self)?.value
                ?? .single
        }
        if let node = fields["branches"] {
            step.branches = reader.sequence(node, in: "'branches' of \(context)").compactMap {
                decodeBranch($0, context: context, reader)
            }
        }
        if let node = fields["choices"] {
            step.choices = reader.sequence(node, in: "'choices' of \(context)").compactMap {
                choice in
                guard
                    let fields = reader.fields(
                        choice, in: "a choice", required: ["id"], optional: ["correct", "fixed"]),
                    let id = fields.string("id", in: "a choice")
                else { return nil }
                let correct = fields["correct"].flatMap {
                    reader.bool($0, in: "'correct' of choice '\(id.value)'")
                }
                return CourseFile.ChoiceFile(
                    id: id, isCorrect: correct?.value, isFixed: fields.bool("fixed", in: "choice '\(id.value)'"))
            }
        }
        if let node = fields["items"] {
            step.items = reader.sequence(node, in: "'items' of \(context)").compactMap { item in
                guard
                    let fields = reader.fields(item, in: "an item", required: ["id", "dimension"]),
                    let id = fields.string("id", in: "an item"),
                    let dimension = fields.string("dimension", in: "item '\(id.value)'")
                else { return nil }
                return CourseFile.ItemFile(id: id, dimension: dimension)
            }
        }
        if let node = fields["recommend"] {
            step.recommendations = reader.sequence(node, in: "'recommend' of \(context)").compactMap {
                decodeRecommendation($0, reader)
            }
        }
        return step
    }

    /// Keys that only make sense for some kinds are rejected elsewhere, at the key.
    /// The keys only some kinds of step take, and the kind each belongs to. Built once: per
    /// step, the dictionary and its sets cost a course's load more than the check itself.
    private static let kindSpecificKeys: [(key: String, kind: StepKind)] = [
        ("answer", .question), ("choices", .question), ("shuffle", .question),
        ("scale", .assessment), ("items", .assessment),
        ("recommend", .resources), ("limit", .resources),
        ("countdown", .activity), ("deliverable", .activity), ("template", .activity), ("selfCheck", .activity),
    ]

    private static func checkKindSpecificKeys(
        _ fields: Fields, kind: StepKind, context: String, _ reader: YAMLReader
    ) {
        for (key, owner) in kindSpecificKeys where owner != kind && fields[key] != nil {
            if let location = fields.keyLocation(key) {
                reader.report(
                    .error(
                        "unknown-key", at: location,
                        "'\(key)' does not apply to a \(kind.rawValue) (\(context))"))
            }
        }
        switch kind {
        case .question:
            let mode = fields["answer"]?.string
            if mode != AnswerMode.text.rawValue, fields["choices"] == nil {
                reader.report(
                    .error(
                        "missing-key", at: fields.location,
                        "\(context) is missing the required key 'choices'"))
            }
        case .assessment:
            for key in ["scale", "items"] where fields[key] == nil {
                reader.report(
                    .error(
                        "missing-key", at: fields.location,
                        "\(context) is missing the required key '\(key)'"))
            }
        case .resources:
            if fields["recommend"] == nil {
                reader.report(
                    .error(
                        "missing-key", at: fields.location,
                        "\(context) is missing the required key 'recommend'"))
            }
        case .activity:
            // A template shapes a deliverable: without one, there is nothing to shape.
            if fields["template"]?.string == "true", fields["deliverable"]?.string != "true",
                let location = fields.keyLocation("template")
            {
                reader.report(
                    .error(
                        "unknown-key", at: location,
                        "'template' applies only to an activity with 'deliverable: true' (\(context))"))
            }
            if let node = fields["selfCheck"], node.sequence?.items.isEmpty == true {
                reader.invalid(node, "'selfCheck' of \(context) needs at least one item")
            }
        case .lesson, .checkpoint:
            break
        }
    }

    private static func decodeBranch(_ node: YAMLNode, context: String, _ reader: YAMLReader)
        -> CourseFile.BranchFile?
    {
        guard
            let fields = reader.fields(
                node, in: "a branch of \(context)", required: ["when", "goto"]),
            let whenNode = fields["when"],
            let condition = decodeCondition(whenNode, reader),
            let target = fields.string("goto", in: "a branch of \(context)")
        else { return nil }
        return CourseFile.BranchFile(condition: condition, target: target)
    }

    private static func decodeRecommendation(_ node: YAMLNode, _ reader: YAMLReader) -> CourseFile
        .RecommendationFile?
    {
        guard
            let fields = reader.fields(
                node, in: "a recommendation", required: ["resource", "because"], optional: ["when"]),
            let resource = fields.string("resource", in: "a recommendation"),
            let reason = fields.string("because", in: "recommendation of '\(resource.value)'")
        else { return nil }
        let condition = fields["when"].flatMap { decodeCondition($0, reader) }
        return CourseFile.RecommendationFile(
            resource: resource, reason: reason, condition: condition)
    }

    static func decodeCondition(_ node: YAMLNode, _ reader: YAMLReader) -> CourseFile.ConditionFile? {
        guard let mapping = node.mapping, let written = mapping.first?.key.string else {
            reader.invalid(
                node,
                "a condition must be a mapping such as { answer: q, is: c } or { score: d, below: 3 }"
            )
            return nil
        }
        let keys = Set(mapping.keys.compactMap(\.string))
        // The form is told by its key, wherever it stands: `{ correct: false, answer: q }` works.
        let first = ["answer", "score", "all", "any", "not"].first(where: keys.contains) ?? written
        switch first {
        case "answer":
            guard
                let fields = reader.fields(
                    node, in: "an answer condition", required: ["answer"],
                    optional: ["is", "in", "correct"]),
                let question = fields.string("answer", in: "the condition")
            else { return nil }
            let forms = keys.intersection(["is", "in", "correct"])
            guard forms.count == 1 else {
                reader.invalid(
                    node, "an answer condition needs exactly one of 'is', 'in' or 'correct'")
                return nil
            }
            if let isNode = fields["is"], let choice = reader.string(isNode, in: "'is'") {
                return .answer(question: question, choices: [choice])
            }
            if let inNode = fields["in"] {
                return .answer(question: question, choices: reader.stringList(inNode, in: "'in'"))
            }
            if let correctNode = fields["correct"],
                let expected = reader.bool(correctNode, in: "'correct'")
            {
                return .correct(question: question, expected: expected.value)
            }
            return nil
        case "score":
            guard
                let fields = reader.fields(
                    node, in: "a score condition", required: ["score"],
                    optional: ["below", "atLeast"]),
                let dimension = fields.string("score", in: "the condition")
            else { return nil }
            let below = fields["below"].flatMap { reader.double($0, in: "'below'") }?.value
            let atLeast = fields["atLeast"].flatMap { reader.double($0, in: "'atLeast'") }?.value
            guard (below == nil) != (atLeast == nil) else {
                reader.invalid(node, "a score condition needs exactly one of 'below' or 'atLeast'")
                return nil
            }
            return .score(dimension: dimension, below: below, atLeast: atLeast)
        case "all", "any":
            guard
                let fields = reader.fields(node, in: "an '\(first)' condition", required: [first]),
                let list = fields[first]
            else { return nil }
            let parts = reader.sequence(list, in: "'\(first)'").compactMap {
                decodeCondition($0, reader)
            }
            return first == "all" ? .all(parts) : .any(parts)
        case "not":
            guard let fields = reader.fields(node, in: "a 'not' condition", required: ["not"]),
                let inner = fields["not"].flatMap({ decodeCondition($0, reader) })
            else { return nil }
            return .not(inner)
        default:
            reader.report(
                .error(
                    "unknown-key", at: reader.location(mapping.first?.key ?? node),
                    "unknown condition '\(first)'; expected 'answer', 'score', 'all', 'any' or 'not'"
                ))
            return nil
        }
    }
}
