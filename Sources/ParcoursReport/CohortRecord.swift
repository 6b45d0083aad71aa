import Foundation
import ParcoursCore

/// One enrollment as a report reads it: who, on which path, and the fold of the log.
///
/// The report module knows nothing of databases or bundles; the command turns store rows
/// (or an imported bundle) into these records, so every source is aggregated the same way.
/// A store hands over logs already folded (`ProgressStore.cohort` folds each log as its
/// rows arrive); a bundle's log is folded here. Either way the progress is
/// `LearnerProgress.fold` of the whole log.
public struct CohortRecord: Sendable, Equatable {
    public var participant: String
    public var courseID: String
    public var pathID: String
    public var cohort: String?
    public var attempt: Int
    /// The fold of the log in `seq` order.
    public var progress: LearnerProgress
    /// How many events the log holds (of two copies of one attempt, the longer log wins).
    public var eventCount: Int
    /// Why the log cannot be counted (an unreadable row, a rule of `LogValidation` broken),
    /// or nil: such a record is left out of the report and named in a notice.
    public var damage: String?

    public init(
        participant: String, courseID: String, pathID: String, cohort: String?, attempt: Int,
        progress: LearnerProgress, eventCount: Int, damage: String? = nil
    ) {
        self.participant = participant
        self.courseID = courseID
        self.pathID = pathID
        self.cohort = cohort
        self.attempt = attempt
        self.progress = progress
        self.eventCount = eventCount
        self.damage = damage
    }

    /// A record from a whole log, folded here.
    public init(
        participant: String, courseID: String, pathID: String, cohort: String?, attempt: Int,
        events: [Event]
    ) {
        self.init(
            participant: participant, courseID: courseID, pathID: pathID, cohort: cohort, attempt: attempt,
            progress: LearnerProgress.fold(events), eventCount: events.count)
    }
}

/// How a report is cut and judged.
public struct ReportOptions: Sendable, Equatable {
    /// Only this cohort (nil: every cohort).
    public var cohort: String?
    /// Only this path (nil: every path).
    public var pathID: String?
    /// An unfinished learner with no event for this long is `stalled`.
    public var stalledAfter: TimeInterval
    /// The moment the report describes; injected so tests are stable.
    public var now: Date

    public static let defaultStalledMinutes = 30

    public init(
        cohort: String? = nil, pathID: String? = nil,
        stalledAfter: TimeInterval = TimeInterval(defaultStalledMinutes * 60), now: Date
    ) {
        self.cohort = cohort
        self.pathID = pathID
        self.stalledAfter = stalledAfter
        self.now = now
    }
}
