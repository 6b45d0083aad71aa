import Foundation
import GRDB
import ParcoursCore

/// What a cohort report reads: every matching enrollment with its whole log, in one snapshot.
///
/// Reports fold the same events a learner resumes from, so their figures cannot disagree
/// with `status`. The read is built for stores of thousands of participants: one pass over
/// the `(enrollment_id, seq)` index, only the columns the fold needs, and a payload parsed
/// (by `PayloadParser`, not `JSONDecoder`) only when it is not the empty object `{}`, which
/// most `entered` and `completed` events hold.
extension ProgressStore {
    /// One enrollment and its log, ready to fold.
    public struct CohortEnrollment: Sendable {
        public var participant: Participant
        public var enrollment: Enrollment
        /// The log in `seq` order.
        public var events: [Event]

        public init(participant: Participant, enrollment: Enrollment, events: [Event]) {
            self.participant = participant
            self.enrollment = enrollment
            self.events = events
        }
    }

    /// A consistent picture of a cohort: read in one transaction.
    public struct CohortSnapshot: Sendable {
        /// Enrollments matching the filter, oldest first.
        public var enrollments: [CohortEnrollment]
        /// Participants with no enrollment at all (only listed when no filter is given).
        public var unenrolled: [Participant]
    }

    /// Reads the enrollments of `cohort` on `path` (nil: any), each with its log.
    public func cohort(_ cohort: String? = nil, path: String? = nil) throws(StoreError)
        -> CohortSnapshot
    {
        let storePath = self.path
        return try read { db in
            var participants: [Int64: Participant] = [:]
            for participant in try Participant.fetchAll(db) {
                participants[participant.id] = participant
            }
            var conditions: [String] = []
            var arguments: [(any DatabaseValueConvertible)?] = []
            if let cohort {
                conditions.append("cohort = ?")
                arguments.append(cohort)
            }
            if let path {
                conditions.append("path_id = ?")
                arguments.append(path)
            }
            let filter = conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND ")
            let enrollments = try Enrollment.fetchAll(
                db, sql: "SELECT * FROM enrollment\(filter) ORDER BY id",
                arguments: StatementArguments(arguments))
            var logs: [Int64: [Event]] = [:]
            logs.reserveCapacity(enrollments.count)
            let eventFilter =
                conditions.isEmpty
                ? "" : " WHERE enrollment_id IN (SELECT id FROM enrollment\(filter))"
            let rows = try Row.fetchCursor(
                db,
                sql: """
                    SELECT enrollment_id, seq, type, step_id, payload, at, active_ms FROM event\
                    \(eventFilter) ORDER BY enrollment_id, seq
                    """,
                arguments: StatementArguments(arguments))
            var currentID: Int64 = -1
            var current: [Event] = []
            while let row = try rows.next() {
                let enrollmentID: Int64 = row[0]
                if enrollmentID != currentID {
                    if currentID >= 0 { logs[currentID] = current }
                    currentID = enrollmentID
                    current = []
                }
                current.append(try Self.event(row, enrollmentID: enrollmentID))
            }
            if currentID >= 0 { logs[currentID] = current }
            var result: [CohortEnrollment] = []
            result.reserveCapacity(enrollments.count)
            for enrollment in enrollments {
                guard let participant = participants[enrollment.participantID] else {
                    throw StoreError.corrupt(path: storePath)
                }
                result.append(
                    CohortEnrollment(
                        participant: participant, enrollment: enrollment,
                        events: logs[enrollment.id] ?? []))
            }
            var unenrolled: [Participant] = []
            if cohort == nil && path == nil {
                let enrolled = Set(enrollments.map(\.participantID))
                unenrolled = participants.values.filter { !enrolled.contains($0.id) }
                    .sorted { $0.id < $1.id }
            }
            return CohortSnapshot(enrollments: result, unenrolled: unenrolled)
        }
    }

    /// One row of the cohort query as a core event; refuses what this version cannot read.
    private static func event(_ row: Row, enrollmentID: Int64) throws
        -> Event
    {
        let seq: Int = row[1]
        let typeText: String = row[2]
        guard let type = EventType(rawValue: typeText) else {
            throw StoreError.unreadableEvent(
                enrollmentID: enrollmentID, seq: seq, reason: "unknown event type \"\(typeText)\"")
        }
        var payload = EventPayload()
        let text: String = row[4]
        if text != "{}" {
            do {
                payload = try PayloadParser.payload(text)
            } catch {
                throw StoreError.unreadableEvent(
                    enrollmentID: enrollmentID, seq: seq, reason: error.description)
            }
        }
        let at: Int64 = row[5]
        return Event(
            seq: seq, type: type, stepID: row[3], payload: payload,
            at: Date(storeMilliseconds: at), activeMilliseconds: row[6])
    }
}
