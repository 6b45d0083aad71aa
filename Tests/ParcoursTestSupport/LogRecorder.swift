import Foundation
import ParcoursCore

/// A learner's log as the REPL writes it, with a clock the test moves: each action's drafts
/// become events stamped at once, the first carrying the time since the one before.
public struct LogRecorder {
    public private(set) var progress = LearnerProgress()
    public private(set) var events: [Event] = []
    public private(set) var clock: Date

    public init(start: Date) {
        clock = start
    }

    /// Logs one action's `drafts`, `seconds` after the previous one.
    public mutating func log(_ drafts: [EventDraft], after seconds: Int) {
        clock += TimeInterval(seconds)
        for (index, draft) in drafts.enumerated() {
            let event = draft.event(
                seq: progress.lastSeq + 1, at: clock, activeMilliseconds: index == 0 ? seconds * 1_000 : 0)
            progress.apply(event)
            events.append(event)
        }
    }
}
