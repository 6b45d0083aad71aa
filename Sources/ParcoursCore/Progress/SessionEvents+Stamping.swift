import Foundation

/// One learner action as the events appended to its log: the one place where drafts meet
/// the clock.
///
/// The REPL, `start` and `resume`, and the tests' walkers all stamp drafts here, so every
/// log is written by the same rules:
/// - the action is adapted first (`adapt`): the steps it sets aside for time follow it;
/// - the events are numbered on from the log's last `seq`, and all carry `now`;
/// - the first carries the active time since the event before (`Pacing.openActiveMilliseconds`:
///   up to the idle threshold, or the cap of offline work; nothing while paused, or once the
///   learner left), the others 0.
///
/// An action that opens a sitting (`started`, `resumed` first) counts no time and is taken
/// as drafted: `start` adapts the first walk itself, and coming back changes nothing the
/// walk weighs.
///
/// ```swift
/// let action = session.stamp(session.advance(progress), on: progress, at: now)
/// try log.append(action.events)
/// for event in action.events { progress.apply(event) }
/// ```
extension SessionEvents {
    /// An action's events, ready to append, and the steps its adaptation set aside.
    public struct Stamped: Sendable, Equatable {
        /// Numbered on from the log's last `seq`, all at the same time.
        public var events: [Event]
        /// The steps set aside for time with the action, in the order they were chosen.
        public var setAside: [String]
    }

    /// `drafts` (one learner action, about to be appended on top of `progress`) stamped at
    /// `now`. Pure: the caller appends the events, then applies them.
    public func stamp(
        _ drafts: [EventDraft], on progress: LearnerProgress, at now: Date,
        idleThreshold: TimeInterval = Pacing.defaultIdleThreshold
    ) -> Stamped {
        let opensSitting = drafts.first.map { $0.type == .started || $0.type == .resumed } ?? false
        let adapted = opensSitting ? Adapted(drafts: drafts, setAside: []) : adapt(drafts, on: progress)
        let open =
            opensSitting
            ? 0
            : Pacing.openActiveMilliseconds(
                progress, course: navigator.course, at: now, idleThreshold: idleThreshold)
        let events = adapted.drafts.enumerated().map { index, draft in
            draft.event(seq: progress.lastSeq + index + 1, at: now, activeMilliseconds: index == 0 ? open : 0)
        }
        return Stamped(events: events, setAside: adapted.setAside)
    }
}
