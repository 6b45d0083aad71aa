import Foundation

/// The walk's adaptation to its budget, written into the log with the action that caused it.
extension SessionEvents {
    /// An action's events, with the steps its consequences set aside.
    public struct Adapted: Sendable, Equatable {
        /// The action's events, then one `waived` (reason `time-budget`) per step set aside:
        /// committed together, so the log never holds one without the other.
        public var drafts: [EventDraft]
        /// The steps set aside, in the order they were chosen.
        public var setAside: [String]
    }

    /// `drafts` (one learner action, about to be committed on top of `progress`), with the
    /// optional steps ahead set aside when the action made the projected walk heavier and
    /// over the budget (answers that add branch steps). The projection counts estimates only
    /// (`Pacing.Count.estimates`), so replaying the log gives the same walk.
    ///
    /// Taking a step back (`restored`) is never followed by an adaptation: the learner chose
    /// to go over the budget. Steps they took back stay in on later adaptations too.
    public func adapt(_ drafts: [EventDraft], on progress: LearnerProgress) -> Adapted {
        let unchanged = Adapted(drafts: drafts, setAside: [])
        guard navigator.path.budgetMinutes > 0, !drafts.isEmpty,
            !drafts.contains(where: { $0.type == .restored || $0.type == .finished })
        else { return unchanged }
        let after = Self.applying(drafts, to: progress)
        guard after.currentStep != nil else { return unchanged }
        let aside = Pacing.setAside(after, navigator: navigator, counting: .estimates)
        guard !aside.steps.isEmpty else { return unchanged }
        // Only an action that made the walk heavier sets steps aside: one that did not (a
        // step taken back, then Enter) leaves the learner's walk as they chose it.
        let before = progress.currentStep == nil ? 0 : navigator.projection(progress).minutes
        guard aside.projectedMinutes > before else { return unchanged }
        return Adapted(drafts: drafts + setAside(aside.steps), setAside: aside.steps)
    }

    /// Setting `steps` aside to fit the budget: one `waived` each, reason `time-budget`.
    public func setAside(_ steps: [String]) -> [EventDraft] {
        steps.map { EventDraft(.waived, step: $0, payload: EventPayload(reason: .timeBudget)) }
    }

    /// Taking back a step that was set aside (or waived ahead of time).
    public func restore(_ step: String) -> EventDraft {
        EventDraft(.restored, step: step)
    }

    /// The steps set aside for time that the learner may still take back: waived with
    /// reason `time-budget`, never completed nor seen, on this path, in path order.
    public func setAsideSteps(_ progress: LearnerProgress) -> [String] {
        guard !progress.waived.isEmpty else { return [] }
        let visited = Set(progress.visited)
        return navigator.path.stepIDs.filter {
            progress.waived[$0]?.reason == .timeBudget && !progress.hasCompleted($0)
                && !visited.contains($0) && navigator.path.graph.index[$0] != nil
        }
    }

    /// `progress` with `drafts` applied, as the log would fold them (times do not matter
    /// to a walk).
    static func applying(_ drafts: [EventDraft], to progress: LearnerProgress) -> LearnerProgress {
        var after = progress
        for draft in drafts {
            after.apply(
                draft.event(seq: after.lastSeq + 1, at: Date(timeIntervalSince1970: 0), activeMilliseconds: 0))
        }
        return after
    }
}
