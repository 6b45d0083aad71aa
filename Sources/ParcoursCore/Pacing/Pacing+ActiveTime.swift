import Foundation

/// How much of the time since the last event counts as work.
///
/// One rule, read from the log and the course only, so the REPL (stamping each event),
/// the prompt's clock and `status` (counting the visit still open) agree:
/// - a gap counts up to a cap: the idle threshold (5 min by default), or, while the step on
///   screen is offline work (`Step.isOfflineWork`), twice the step's estimate when that is
///   longer, since the learner is away from the screen on purpose;
/// - nothing counts while paused, once the learner has left (`suspended`) or finished, or
///   before the first event.
///
/// ```swift
/// // 40 min on a 30-min activity with a countdown: the cap is 60 min, all 40 count.
/// let open = Pacing.openActiveMilliseconds(
///     progress, course: course, at: now, idleThreshold: Pacing.defaultIdleThreshold)
/// ```
extension Pacing {
    /// The longest gap that counts as active while `step` is on screen.
    public static func activeCap(on step: Step?, idleThreshold: TimeInterval) -> TimeInterval {
        guard let step, step.isOfflineWork else { return idleThreshold }
        return max(idleThreshold, TimeInterval(2 * step.minutes * 60))
    }

    /// The active milliseconds an event logged at `now` would carry: the time since the last
    /// event, capped by the step on screen (`activeCap`).
    public static func openActiveMilliseconds(
        _ progress: LearnerProgress, course: Course, at now: Date, idleThreshold: TimeInterval
    ) -> Int {
        guard !progress.hasLeft else { return 0 }
        let step = progress.currentStep.flatMap { course.steps[$0] }
        return activeMilliseconds(
            from: progress.lastEventAt, to: now,
            idleThreshold: activeCap(on: step, idleThreshold: idleThreshold),
            paused: progress.isPaused)
    }
}

extension LearnerProgress {
    /// Whether the learner has left: the path is finished, or their last sitting ended
    /// (`suspended`) and no `resumed` opened another one.
    public var hasLeft: Bool {
        isFinished || sittings.last?.endedAt != nil
    }

    /// This progress as it stands at `now`: the visit still open counted as if an event were
    /// logged then (`Pacing.openActiveMilliseconds`), in the total, the step on screen and
    /// the sitting. Nothing is logged; this is for showing time (`status`, the prompt).
    public func countingOpenVisit(
        until now: Date, course: Course, idleThreshold: TimeInterval
    ) -> LearnerProgress {
        let open = Pacing.openActiveMilliseconds(
            self, course: course, at: now, idleThreshold: idleThreshold)
        guard open > 0 else { return self }
        var live = self
        live.charge(open)
        return live
    }
}
