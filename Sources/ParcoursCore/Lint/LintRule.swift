/// One family of checks on a course. Each rule lives in its own file with its messages.
public protocol LintRule: Sendable {
    /// The rule ids this type can report, as shown in `[brackets]` after each message.
    static var ids: [String] { get }
    func check(_ context: LintContext) -> [Diagnostic]
}

/// Everything a rule may look at, prepared once.
public struct LintContext: Sendable {
    public let course: CourseFile
    public let locales: [LocaleFile]
    /// The first step written under each id.
    public let steps: [String: CourseFile.StepFile]
    /// Each path with its graph.
    public let graphs: [(path: CourseFile.PathFile, graph: PathGraph)]
    /// Languages whose locale file exists but could not be read (its own diagnostic says
    /// why): the file is not missing, so no rule says it is.
    public let unreadableLanguages: Set<String>
    /// The text of each locale file, by the path it is reported under, for rules that read
    /// the words as written (the `typography` rule needs their columns).
    public let localeTexts: [String: String]

    public init(
        course: CourseFile, locales: [LocaleFile], unreadableLanguages: Set<String> = [],
        localeTexts: [String: String] = [:]
    ) {
        self.course = course
        self.locales = locales
        self.unreadableLanguages = unreadableLanguages
        self.localeTexts = localeTexts
        var steps: [String: CourseFile.StepFile] = [:]
        for step in course.steps where steps[step.id.value] == nil {
            steps[step.id.value] = step
        }
        self.steps = steps
        self.graphs = course.paths.map { path in
            (path, PathGraph(stepIDs: path.steps.map(\.value)) { id in steps[id].map(\.shape) })
        }
    }

    /// Every condition of the course: branch conditions and recommendation conditions.
    public var conditions: [CourseFile.ConditionFile] {
        course.steps.flatMap { step in
            step.branches.map(\.condition) + step.recommendations.compactMap(\.condition)
        }
    }
}

extension CourseFile.StepFile {
    /// What the path graph needs of this step. A missing estimate counts as zero minutes.
    public var shape: PathGraph.StepShape {
        PathGraph.StepShape(
            minutes: minutes?.value ?? 0, isOptional: isOptional, isFinal: isFinal,
            next: next?.value,
            branchTargets: branches.map(\.target.value))
    }
}
