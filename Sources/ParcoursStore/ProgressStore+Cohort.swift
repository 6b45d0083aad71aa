import Foundation
import GRDB
import ParcoursCore

/// What a cohort report reads: every matching enrollment with the fold of its log, in one
/// snapshot.
///
/// Reports fold the same events a learner resumes from, so their figures cannot disagree
/// with `status`. The read is built for stores of thousands of participants: one pass over
/// the event table, only the columns the fold needs, each log folded as its rows arrive
/// (`CohortScan`), never held as an `[Event]`.
extension ProgressStore {
    /// One enrollment and the fold of its log.
    public struct CohortEnrollment: Sendable {
        public var participant: Participant
        public var enrollment: Enrollment
        /// `LearnerProgress.fold` of the log in `seq` order.
        public var progress: LearnerProgress
        /// How many events the log holds.
        public var eventCount: Int

        public init(participant: Participant, enrollment: Enrollment, progress: LearnerProgress, eventCount: Int) {
            self.participant = participant
            self.enrollment = enrollment
            self.progress = progress
            self.eventCount = eventCount
        }
    }

    /// A consistent picture of a cohort: read in one transaction.
    public struct CohortSnapshot: Sendable {
        /// Enrollments matching the filter, oldest first.
        public var enrollments: [CohortEnrollment]
        /// Participants with no enrollment at all (only listed when no filter is given).
        public var unenrolled: [Participant]
    }

    /// Reads the enrollments of `cohort` on `path` (nil: any), each with its folded log.
    public func cohort(_ cohort: String? = nil, path: String? = nil) throws(StoreError)
        -> CohortSnapshot
    {
        let storePath = self.path
        return try read { db in
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
            let ids = try Int64.fetchAll(
                db, sql: "SELECT id FROM enrollment\(filter) ORDER BY id", arguments: StatementArguments(arguments))
            // Participants and enrollments are read while the last rows are being folded.
            var participants: [Int64: Participant] = [:]
            var enrollments: [Enrollment] = []
            var logs = try CohortScan().fold(
                db, enrollments: ids, filter: filter, arguments: StatementArguments(arguments)
            ) {
                for participant in try Participant.fetchAll(db) {
                    participants[participant.id] = participant
                }
                enrollments = try Enrollment.fetchAll(
                    db, sql: "SELECT * FROM enrollment\(filter) ORDER BY id",
                    arguments: StatementArguments(arguments))
            }
            // One transaction: the same enrollments as the ids the scan folded.
            guard enrollments.map(\.id) == ids else { throw StoreError.corrupt(path: storePath) }
            var result: [CohortEnrollment] = []
            result.reserveCapacity(enrollments.count)
            for (slot, enrollment) in enrollments.enumerated() {
                guard let participant = participants[enrollment.participantID] else {
                    throw StoreError.corrupt(path: storePath)
                }
                result.append(
                    CohortEnrollment(
                        participant: participant, enrollment: enrollment, progress: logs[slot].progress.take(),
                        eventCount: logs[slot].eventCount))
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
}
