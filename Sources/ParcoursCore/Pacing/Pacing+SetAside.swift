/// The one way a walk is made to fit its budget: optional steps ahead set aside, the least
/// valuable first, until the projected walk fits.
///
/// Two callers share it. After each learner action that makes the walk heavier (answers
/// that add branch steps), the walk adapts on its own, counting estimates only
/// (`.estimates`: the same for every learner, so resume, the report and lint agree). The
/// learner who is behind asks `plan`, which counts the time they spent and the estimates
/// of what is ahead (`.spentAndAhead`).
extension Pacing {
    /// How the projected walk's time is counted.
    public enum Count: Sendable, Equatable {
        /// The estimates of every step of the projected walk, done or ahead.
        case estimates
        /// Active time spent so far, plus the estimates of the steps not yet done.
        case spentAndAhead
    }

    /// The optional steps to set aside, and the walk's time before and after.
    public struct SetAside: Sendable, Equatable {
        /// The steps to set aside, in the order they were chosen.
        public var steps: [String]
        /// The projected walk's minutes as they stand.
        public var projectedMinutes: Int
        /// The projected walk's minutes once `steps` are set aside.
        public var resultingMinutes: Int
        public var budgetMinutes: Int
        /// Whether the walk fits once `steps` are set aside (it may not: only optional steps
        /// ahead may go).
        public var fits: Bool { resultingMinutes <= budgetMinutes }
    }

    /// The optional steps ahead to set aside so the projected walk fits the path's budget:
    /// lowest `value` first; on a tie, the longer step first, then the one further ahead.
    /// Steps in `keeping` (by default those the learner took back) never go. Pure.
    ///
    /// ```swift
    /// let aside = Pacing.setAside(progress, navigator: navigator, counting: .estimates)
    /// // aside.steps: ["deep-dive", "case-study"], aside.fits == true
    /// ```
    public static func setAside(
        _ progress: LearnerProgress, navigator: Navigator, counting: Count, keeping: Set<String>? = nil
    ) -> SetAside {
        let projection = navigator.projection(progress)
        let budget = navigator.path.budgetMinutes
        let projected =
            switch counting {
            case .estimates: projection.minutes
            case .spentAndAhead: progress.activeMilliseconds / 60_000 + projection.remainingMinutes
            }
        var result = SetAside(
            steps: [], projectedMinutes: projected, resultingMinutes: projected, budgetMinutes: budget)
        guard projected > budget else { return result }
        let keep = keeping ?? progress.restored
        let candidates = projection.optionalAhead.enumerated().compactMap { position, id in
            keep.contains(id) ? nil : navigator.course.steps[id].map { (step: $0, position: position) }
        }
        .sorted {
            ($0.step.value, -$0.step.minutes, -$0.position) < ($1.step.value, -$1.step.minutes, -$1.position)
        }
        for candidate in candidates where result.resultingMinutes > budget {
            result.steps.append(candidate.step.id)
            result.resultingMinutes -= candidate.step.minutes
        }
        return result
    }
}
