/// Where a learner stands on a path: the figures `parcours status` shows the learner and the
/// report shows their facilitator, drawn the same way for both.
///
/// ```swift
/// let standing = LearnerStanding(progress, navigator: Navigator(course: course, path: path))
/// print("\(standing.completedRequired)/\(standing.required)", standing.pace?.rawValue ?? "done")
/// ```
public struct LearnerStanding: Sendable, Equatable {
    /// Required steps of the learner's walk that are completed, and how many it holds.
    public var completedRequired: Int
    public var required: Int
    /// The step on screen; nil once the path is finished.
    public var currentStep: String?
    public var activeSeconds: Int
    public var budgetSeconds: Int
    /// What the author planned for the steps already behind the learner.
    public var plannedMinutes: Int
    /// Ahead, on track or behind; nil once the path is finished (a finished learner is
    /// neither).
    public var pace: Pacing.Status?
    public var isFinished: Bool
    /// A step completed or waived: the learner has begun the path, not only opened it.
    public var hasBegun: Bool

    /// Completed required steps out of all required ones, rounded down (100 only when all;
    /// a finished path with no required step is 100).
    public var percent: Int {
        required > 0 ? completedRequired * 100 / required : (isFinished ? 100 : 0)
    }

    public init(_ progress: LearnerProgress, navigator: Navigator) {
        self.init(
            progress, navigator: navigator, facts: LearnerFacts(progress: progress, course: navigator.course),
            nodes: navigator.nodes(of: progress))
    }

    /// The same, from the facts and step nodes a caller has already drawn for this progress
    /// (the report draws them once per learner for several figures).
    package init(
        _ progress: borrowing LearnerProgress, navigator: borrowing Navigator, facts: LearnerFacts,
        nodes: Navigator.StepNodes
    ) {
        (completedRequired, required) = navigator.requiredCounts(progress, facts: facts, nodes: nodes)
        isFinished = progress.isFinished
        hasBegun = !(progress.completed.isEmpty && progress.waived.isEmpty)
        currentStep = isFinished ? nil : progress.currentStep
        activeSeconds = progress.activeMilliseconds / 1_000
        budgetSeconds = navigator.path.budgetSeconds
        let pacing = Pacing.pace(progress, navigator: navigator, nodes: nodes)
        plannedMinutes = pacing.plannedMinutes
        pace = isFinished ? nil : pacing.status
    }
}
