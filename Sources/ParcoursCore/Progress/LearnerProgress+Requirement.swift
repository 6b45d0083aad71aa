/// What a required step asks of the learner before Enter moves on, and the words that say
/// what is missing.
///
/// A question wants an answer, an assessment a rating for each item, an activity with a
/// deliverable the text; the rest ask nothing. Only the visit on screen counts: a step
/// entered again asks again.
///
/// ```swift
/// if !step.isOptional && !progress.satisfies(step) {
///     print(words.text(step.requirementKey))  // "need.answer"
/// }
/// ```
extension LearnerProgress {
    /// Whether the learner has done what `step`, the step on screen, asks during this visit.
    public func satisfies(_ step: Step) -> Bool {
        switch step.kind {
        case .question: return visit.answered
        case .assessment: return step.items.allSatisfy { visit.ratings[$0.id] != nil }
        case .activity: return !step.hasDeliverable || visit.wroteText
        case .lesson, .resources, .checkpoint: return true
        }
    }
}

extension Step {
    /// The UI key (`need.*`) of the line that says what this step still asks for.
    public var requirementKey: String {
        switch kind {
        case .question: answer == .text ? "need.text" : "need.answer"
        case .assessment: "need.rating"
        case .activity: "need.deliverable"
        case .lesson, .resources, .checkpoint: "need.nothing"
        }
    }
}
