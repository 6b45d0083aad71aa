import Foundation
import ParcoursCore

/// The next events to push to one destination, in `event.id` order.
public struct OutboxBatch: Sendable, Equatable {
    public var items: [OutboxItem]
    /// The cursor to advance to once the batch is settled (`markSynced(through:)`): the last
    /// item's id, or, when the batch holds everything pending, the log's last id, so that
    /// events skipped (set aside, conflicting) are not scanned again at every push.
    public var lastEventID: Int64

    public init(items: [OutboxItem], lastEventID: Int64) {
        self.items = items
        self.lastEventID = lastEventID
    }

    public var isEmpty: Bool { items.isEmpty }

    /// The items by enrollment, each run in `seq` order, the runs in the order their first
    /// event comes: what a destination writes one enrollment at a time.
    public var runs: [OutboxRun] {
        var order: [Int64] = []
        var byEnrollment: [Int64: OutboxRun] = [:]
        for item in items {
            let id = item.enrollment.enrollmentID
            if byEnrollment[id] == nil {
                order.append(id)
                byEnrollment[id] = OutboxRun(enrollment: item.enrollment, items: [])
            }
            byEnrollment[id]?.items.append(item)
        }
        return order.compactMap { byEnrollment[$0] }
    }
}

/// One event to push, with who and which attempt it belongs to.
public struct OutboxItem: Sendable, Equatable {
    /// The event's row id in this store (not part of its identity at the destination).
    public var eventID: Int64
    public var enrollment: OutboxEnrollment
    public var event: Event

    public init(eventID: Int64, enrollment: OutboxEnrollment, event: Event) {
        self.eventID = eventID
        self.enrollment = enrollment
        self.event = event
    }
}

/// An enrollment's identity as a destination knows it: the participant's name, the path
/// and the attempt (with what must agree: course, version, cohort, start).
public struct OutboxEnrollment: Sendable, Hashable {
    /// The local enrollment's id, for `recordConflict` and the like.
    public var enrollmentID: Int64
    public var participantName: String
    public var participantCreatedAt: Date
    public var courseID: String
    public var pathID: String
    public var courseVersion: String
    public var cohort: String?
    public var attempt: Int
    public var startedAt: Date
    /// As stored when the batch was read; it may be set before the batch holds the
    /// `finished` event (which a later batch brings).
    public var finishedAt: Date?

    public init(
        enrollmentID: Int64, participantName: String, participantCreatedAt: Date, courseID: String,
        pathID: String, courseVersion: String, cohort: String?, attempt: Int, startedAt: Date,
        finishedAt: Date?
    ) {
        self.enrollmentID = enrollmentID
        self.participantName = participantName
        self.participantCreatedAt = participantCreatedAt
        self.courseID = courseID
        self.pathID = pathID
        self.courseVersion = courseVersion
        self.cohort = cohort
        self.attempt = attempt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

/// One enrollment's events in a batch, consecutive in its log.
public struct OutboxRun: Sendable, Equatable {
    public var enrollment: OutboxEnrollment
    public var items: [OutboxItem]

    public init(enrollment: OutboxEnrollment, items: [OutboxItem]) {
        self.enrollment = enrollment
        self.items = items
    }

    public var events: [Event] { items.map(\.event) }
}
