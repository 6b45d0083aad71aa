/// What a required step asks of the learner before Enter moves on, and the words that say
/// what is missing.
///
/// A question wants an answer, an assessment a rating for each item, an activity with a
/// deliverable the text, and with a self-check its ticks (once the text is written); the
/// rest ask nothing. Only the visit on screen counts: a step
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
        case .activity: return (!step.hasDeliverable || visit.wroteText) && (step.selfCheck.isEmpty || visit.checked)
        case .lesson, .resources, .checkpoint: return true
        }
    }
}

extension Step {
    /// The UI key (`need.*`) of the line that says what this step still asks for: for an
    /// activity, the deliverable (`need.check` once it is written and the self-check is not
    /// ticked: `LearnerProgress.requirementKey(of:)`).
    public var requirementKey: String {
        switch kind {
        case .question: answer == .text ? "need.text" : "need.answer"
        case .assessment: "need.rating"
        case .activity: "need.deliverable"
        case .lesson, .resources, .checkpoint: "need.nothing"
        }
    }
}

extension LearnerProgress {
    /// The UI key of what the step on screen still asks for during this visit: the
    /// deliverable first, then the self-check.
    public func requirementKey(of step: Step) -> String {
        if step.kind == .activity, !step.selfCheck.isEmpty, !visit.checked, !step.hasDeliverable || visit.wroteText {
            return "need.check"
        }
        return step.requirementKey
    }

    /// Whether the self-check of the step on screen is what Enter should ask for now: the
    /// work is written (or none is asked) and the items are not ticked yet. Asked on an
    /// optional step too, once the learner wrote something: a checklist skipped in silence
    /// would check nothing.
    public func awaitsSelfCheck(_ step: Step) -> Bool {
        step.kind == .activity && !step.selfCheck.isEmpty && !visit.checked
            && (step.hasDeliverable ? visit.wroteText : true)
    }
}
