/// One step of a course graph. Its words are in the catalog under `steps.<id>.*`.
public struct Step: Sendable {
    public let id: String
    public let kind: StepKind
    public let minutes: Int
    /// An optional step may be skipped without a reason and dropped by the planner.
    public let isOptional: Bool
    /// How much an optional step is worth, 1…5: the planner keeps the most valuable ones.
    public let value: Int
    public let next: String?
    public let isFinal: Bool
    public let branches: [Branch]
    public let answer: AnswerMode
    public let choices: [Choice]
    public let scale: String?
    public let items: [AssessmentItem]
    public let recommendations: [Recommendation]
    /// A resources step offers at most this many resources (`limit`, default 5).
    public let recommendationLimit: Int
    public let countdownMinutes: Int?
    public let hasDeliverable: Bool
    /// The work happens away from the screen (reading a chapter, an interview): a gap on
    /// this step counts up to twice its estimate, not only up to the idle threshold.
    public let isOffline: Bool
    /// Resources whose content the learner works through on this step (`uses`): once the
    /// step is completed, they are not recommended again.
    public let uses: [String]
    /// The deliverable comes with a template (`steps.<id>.template` in the locales), shown
    /// with the deliverable's prompt and in the journal with the learner's answer.
    public let hasTemplate: Bool
    /// The self-check items the learner ticks before moving on (`selfCheck`), in order;
    /// their sentences are `steps.<id>.selfCheck.<item>`.
    public let selfCheck: [String]
    /// Whether a question's choices are shown in an order of the learner's own
    /// (`shuffle`, default true; see `ChoiceOrder`).
    public let shufflesChoices: Bool

    /// A question is graded when at least one choice says whether it is correct.
    public var isGraded: Bool { choices.contains { $0.isCorrect != nil } }

    /// Whether time on this step is offline work: marked `offline`, or an activity with a
    /// countdown (the countdown is the work). See `Pacing.activeCap(on:idleThreshold:)`.
    public var isOfflineWork: Bool { isOffline || (kind == .activity && countdownMinutes != nil) }

    public var correctChoices: Set<String> {
        Set(choices.filter { $0.isCorrect == true }.map(\.id))
    }
}

public struct Choice: Sendable, Hashable {
    public let id: String
    public let isCorrect: Bool?
    /// Keeps its authored place when the other choices are shuffled ("none of the above").
    public let isFixed: Bool

    public init(id: String, isCorrect: Bool?, isFixed: Bool = false) {
        self.id = id
        self.isCorrect = isCorrect
        self.isFixed = isFixed
    }
}

public struct AssessmentItem: Sendable, Hashable {
    public let id: String
    public let dimension: String
}

/// A conditional jump to another step.
public struct Branch: Sendable {
    public let condition: Condition
    public let target: String
}

/// A resource offered on a resources step, with the reason it is offered.
public struct Recommendation: Sendable {
    public let resource: String
    /// A key under `reasons.` in the course's locale files.
    public let reason: String
    /// Always offered when nil.
    public let condition: Condition?
}
