import Foundation

/// The rules every log obeys, checked by replaying it against its course: what the REPL
/// could have written, and nothing else.
///
/// A log that reaches a store another way than through the REPL (a bundle, later a server)
/// is checked here first, so that no reader ever meets a log the REPL could not have made:
/// a completion of a step never entered, a rating of 99 on a 4-point scale, a time in year
/// 9999, an active time larger than the time that passed. Import refuses a bundle with the
/// first rule a log breaks, naming the event; the report leaves such a log out with a
/// notice. One place, for every door into a store.
///
/// The walk itself (which step may be entered when) is checked when the log follows the
/// installed version of the course; a log of an earlier version is checked for everything
/// else (order, times, sizes, bounds), since the REPL resumes such logs wherever the new
/// version allows.
public enum LogValidation {
    /// The documented limits (docs/reliability.md, "Limits").
    public struct Limits: Sendable, Equatable {
        /// The longest text a learner can type: the REPL cuts lines at 64 KiB.
        public var maximumTextBytes = 65_536
        /// The most active time one event may carry: a day.
        public var maximumActiveMilliseconds = 86_400_000
        /// No event before this moment (2000-01-01T00:00:00Z).
        public var earliest = Date(timeIntervalSince1970: 946_684_800)
        /// No event later than this long after now (clocks drift; a day is generous).
        public var futureSlack: TimeInterval = 86_400
        /// Attempts at one path, from 1.
        public var maximumAttempt = 10_000
        /// Events in one log.
        public var maximumEvents = 100_000

        public init() {}
    }

    /// The first rule a log breaks.
    public struct Violation: Error, Sendable, Equatable, CustomStringConvertible {
        /// The event at fault, or nil for the attempt itself.
        public var seq: Int?
        /// A short, stable name for the rule (`walk`, `scale`, `time-order`…).
        public var rule: String
        public var message: String

        public init(seq: Int?, rule: String, _ message: String) {
            self.seq = seq
            self.rule = rule
            self.message = message
        }

        public var description: String {
            (seq.map { "event \($0): " } ?? "") + message + " [\(rule)]"
        }
    }

    /// What the enrollment says of the attempt its log belongs to.
    public struct Attempt: Sendable {
        public var pathID: String
        public var courseVersion: String
        public var attempt: Int
        public var startedAt: Date
        public var finishedAt: Date?

        public init(pathID: String, courseVersion: String, attempt: Int, startedAt: Date, finishedAt: Date?) {
            self.pathID = pathID
            self.courseVersion = courseVersion
            self.attempt = attempt
            self.startedAt = startedAt
            self.finishedAt = finishedAt
        }
    }

    /// The first rule `events` break as the log of `attempt` on `course`, or nil.
    public static func check(
        _ events: [Event], attempt: Attempt, course: Course, now: Date, limits: Limits = Limits()
    ) -> Violation? {
        guard let path = course.path(attempt.pathID) else {
            return Violation(
                seq: nil, rule: "unknown-path",
                "the course '\(course.id)' has no path '\(attempt.pathID)'")
        }
        if let violation = checkAttempt(events, attempt: attempt, now: now, limits: limits) {
            return violation
        }
        var replay = Replay(
            navigator: Navigator(course: course, path: path), strict: attempt.courseVersion == course.contentHash,
            limits: limits)
        var previous: Date?
        for event in events {
            if let violation = checkEvent(event, after: previous, attempt: attempt, now: now, limits: limits)
                ?? replay.check(event)
            {
                return violation
            }
            replay.progress.apply(event)
            previous = event.at
        }
        return nil
    }

    /// The attempt as a whole: its number, its first and last events.
    private static func checkAttempt(_ events: [Event], attempt: Attempt, now: Date, limits: Limits) -> Violation? {
        guard (1...limits.maximumAttempt).contains(attempt.attempt) else {
            return Violation(
                seq: nil, rule: "attempt",
                "attempt \(attempt.attempt) is out of range (1 to \(limits.maximumAttempt))")
        }
        guard events.count <= limits.maximumEvents else {
            return Violation(
                seq: nil, rule: "size", "\(events.count) events, over the limit of \(limits.maximumEvents)")
        }
        guard let first = events.first, first.type == .started else {
            return Violation(seq: events.first?.seq, rule: "sequence", "a log begins with a started event")
        }
        if let stated = first.payload.attempt, stated != attempt.attempt {
            return Violation(
                seq: first.seq, rule: "attempt", "the log says attempt \(stated), the enrollment \(attempt.attempt)")
        }
        if let seed = first.payload.seed, !(0...ChoiceOrder.maximumSeed).contains(seed) {
            return Violation(
                seq: first.seq, rule: "payload", "seed \(seed) is out of range (0 to \(ChoiceOrder.maximumSeed))")
        }
        if let replaced = first.payload.resets, !(1..<attempt.attempt).contains(replaced) {
            return Violation(
                seq: first.seq, rule: "attempt",
                "attempt \(attempt.attempt) says it resets attempt \(replaced), which is not an earlier one")
        }
        if let pathID = first.payload.pathID, pathID != attempt.pathID {
            return Violation(
                seq: first.seq, rule: "attempt", "the log follows path '\(pathID)', the enrollment '\(attempt.pathID)'")
        }
        if abs(first.at.timeIntervalSince(attempt.startedAt)) > 0.001 {
            return Violation(seq: first.seq, rule: "time-order", "the attempt's start is not its started event's time")
        }
        let finishedIndex = events.firstIndex { $0.type == .finished }
        if let index = finishedIndex, index != events.count - 1 {
            return Violation(seq: events[index + 1].seq, rule: "after-finish", "an event follows the finished event")
        }
        switch (attempt.finishedAt, finishedIndex.map { events[$0] }) {
        case (nil, nil):
            return nil
        case (let end?, let finished?):
            if abs(end.timeIntervalSince(finished.at)) > 0.001 {
                return Violation(
                    seq: finished.seq, rule: "time-order", "the attempt's end is not its finished event's time")
            }
            return nil
        case (nil, let finished?):
            return Violation(seq: finished.seq, rule: "finish", "the log is finished, the enrollment is not")
        case (_?, nil):
            return Violation(seq: nil, rule: "finish", "the enrollment is finished, its log is not")
        }
    }

    /// One event on its own: its place in the log, its time, its sizes.
    private static func checkEvent(_ event: Event, after previous: Date?, attempt: Attempt, now: Date, limits: Limits)
        -> Violation?
    {
        let seq = event.seq
        if previous == nil ? seq != 1 : event.type == .started {
            return Violation(seq: seq, rule: "sequence", "only the first event is a started event")
        }
        guard event.at >= limits.earliest, event.at <= now.addingTimeInterval(limits.futureSlack) else {
            return Violation(seq: seq, rule: "date-range", "its time is outside 2000-01-01 to tomorrow")
        }
        if let previous, event.at < previous {
            return Violation(seq: seq, rule: "time-order", "it is earlier than the event before it")
        }
        guard (0...limits.maximumActiveMilliseconds).contains(event.activeMilliseconds) else {
            return Violation(
                seq: seq, rule: "active-time",
                "\(event.activeMilliseconds) ms of active time is out of range (0 to a day)")
        }
        // Active time is part of the time that passed since the event before (a second of
        // slack covers the rounding of times to milliseconds).
        let elapsed = previous.map { event.at.timeIntervalSince($0) * 1_000 } ?? 0
        if Double(event.activeMilliseconds) > elapsed + 1_000 {
            return Violation(
                seq: seq, rule: "active-time",
                "\(event.activeMilliseconds) ms of active time, but only \(Int(elapsed)) ms passed since the event before"
            )
        }
        if event.type != .started, event.payload.seed != nil {
            return Violation(seq: seq, rule: "payload", "only a started event carries a seed")
        }
        if event.type != .started, event.payload.resets != nil {
            return Violation(seq: seq, rule: "payload", "only a started event says which attempt it resets")
        }
        let texts =
            [event.payload.text, event.payload.explanation].compactMap { $0 }
            + (event.payload.choices ?? []) + (event.payload.checked ?? [])
        if let long = texts.first(where: { $0.utf8.count > limits.maximumTextBytes }) {
            return Violation(
                seq: seq, rule: "size",
                "a text of \(long.utf8.count) bytes, over the \(limits.maximumTextBytes) a learner can type")
        }
        return nil
    }
}
