import Foundation
import GRDB
import ParcoursCore

/// The reads: participants, enrollments and event logs, always in a stable order.
///
/// Each read runs in one transaction, so it sees the store as it was at one moment, even
/// while other processes append.
extension ProgressStore {
    /// Every participant, in the order they first appeared.
    public func participants() throws(StoreError) -> [Participant] {
        try read { db in try Participant.order(Participant.Columns.id).fetchAll(db) }
    }

    /// Every enrollment of every participant, oldest first; what reports aggregate.
    public func enrollments() throws(StoreError) -> [Enrollment] {
        try read { db in try Enrollment.order(Enrollment.Columns.id).fetchAll(db) }
    }

    /// One participant's enrollments, oldest first; what a learner resumes from.
    public func enrollments(of participantID: Int64) throws(StoreError) -> [Enrollment] {
        try read { db in
            try Enrollment
                .filter(Enrollment.Columns.participantID == participantID)
                .order(Enrollment.Columns.id)
                .fetchAll(db)
        }
    }

    /// The enrollment with this id, or nil.
    public func enrollment(_ id: Int64) throws(StoreError) -> Enrollment? {
        try read { db in try Enrollment.fetchOne(db, id: id) }
    }

    /// The rows of one enrollment's log in `seq` order, as stored.
    public func eventRecords(of enrollmentID: Int64) throws(StoreError) -> [EventRecord] {
        try read { db in
            try EventRecord
                .filter(EventRecord.Columns.enrollmentID == enrollmentID)
                .order(EventRecord.Columns.seq)
                .fetchAll(db)
        }
    }

    /// One enrollment's log in `seq` order; progress is the fold of these events.
    public func events(of enrollmentID: Int64) throws(StoreError) -> [Event] {
        var events: [Event] = []
        for record in try eventRecords(of: enrollmentID) {
            events.append(try record.event())
        }
        return events
    }

    /// SQLite's own check of the file: `["ok"]` when healthy, else what is wrong.
    public func integrityCheck() throws(StoreError) -> [String] {
        try read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }
}
