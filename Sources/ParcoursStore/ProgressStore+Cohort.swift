import Foundation
import GRDB
import GRDBSQLite
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
        /// The row that could not be read, if one could not: the log is folded up to it only,
        /// and a reader leaves it out (the report names it in a notice).
        public var damage: StoreError?

        public init(
            participant: Participant, enrollment: Enrollment, progress: LearnerProgress, eventCount: Int,
            damage: StoreError? = nil
        ) {
            self.participant = participant
            self.enrollment = enrollment
            self.progress = progress
            self.eventCount = eventCount
            self.damage = damage
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
        try self.cohort(cohort, path: path, scan: CohortScan())
    }

    /// `cohort(_:path:)` with the scan's settings (tests share logs between the threads on
    /// small stores).
    func cohort(_ cohort: String?, path: String?, scan: CohortScan) throws(StoreError) -> CohortSnapshot {
        // What each lane was given: calls in a lane follow one another.
        let received = ConcurrentSlots(Array(repeating: [CohortEnrollment](), count: Self.cohortLanes))
        let unenrolled = try self.cohort(cohort, path: path, scan: scan) { lane, entry in
            received.update(lane) { $0.append(entry) }
        }
        // Handed on as each log was whole: put back in the order of the enrollments.
        var entries = received.moveAll().flatMap { $0 }
        entries.sort { $0.enrollment.id < $1.enrollment.id }
        return CohortSnapshot(enrollments: entries, unenrolled: unenrolled)
    }

    /// How many lanes `cohort(_:path:receive:)` hands enrollments on in.
    public static let cohortLanes = CohortScan.lanes

    /// Reads the enrollments of `cohort` on `path` (nil: any) in one transaction, and hands
    /// each one with the fold of its log to `receive` as soon as the log is read whole, while
    /// the scan goes on: a report sums a learner up while the next ones are being read.
    ///
    /// `receive` is called once per enrollment, in no particular order, with the lane it
    /// comes in (`0..<cohortLanes`), on a thread of the read's choosing; never after this
    /// returns. The logs are folded on two threads, so calls in different lanes may overlap;
    /// calls in one lane follow one another (a caller sums each lane up on its own, and
    /// merges). Returns the participants with no enrollment at all (only when no filter is
    /// given), oldest first.
    public func cohort(
        _ cohort: String? = nil, path: String? = nil,
        receive: @escaping @Sendable (_ lane: Int, consuming CohortEnrollment) -> Void
    ) throws(StoreError) -> [Participant] {
        try self.cohort(cohort, path: path, scan: CohortScan(), receive: receive)
    }

    func cohort(
        _ cohort: String?, path: String?, scan: CohortScan,
        receive: @escaping @Sendable (_ lane: Int, consuming CohortEnrollment) -> Void
    ) throws(StoreError) -> [Participant] {
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
            // Each enrollment with its log's last seq (through the index), so the scan knows
            // when a log is whole. Read with the C API, into arrays made to size: through
            // GRDB's `Row`, and grown step by step, 10,000 enrollments took 8 ms more before
            // the scan could start.
            let count = try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM enrollment\(filter)", arguments: StatementArguments(arguments))
            var enrollments: [Enrollment] = []
            var lastSeqs: [Int] = []
            enrollments.reserveCapacity(count ?? 0)
            lastSeqs.reserveCapacity(count ?? 0)
            let statement = try db.makeStatement(
                sql: """
                    SELECT \(Enrollment.orderedColumns),
                      (SELECT MAX(seq) FROM event WHERE event.enrollment_id = enrollment.id)
                    FROM enrollment\(filter) ORDER BY id
                    """)
            try statement.setArguments(StatementArguments(arguments))
            try Self.eachRow(of: statement, in: db) { handle in
                guard let enrollment = Enrollment(ordered: handle) else { throw StoreError.corrupt(path: storePath) }
                enrollments.append(enrollment)
                lastSeqs.append(Int(sqlite3_column_int64(handle, 9)))
            }
            var participants: [Int64: Participant] = [:]
            // Most stores have about one enrollment per participant: grown step by step,
            // 10,000 entries cost the read 2 ms more before the scan starts.
            participants.reserveCapacity(enrollments.count)
            let people = try db.makeStatement(sql: "SELECT id, name, created_at FROM participant")
            try Self.eachRow(of: people, in: db) { handle in
                guard let participant = Participant(ordered: handle) else { throw StoreError.corrupt(path: storePath) }
                participants[participant.id] = participant
            }
            let owners = try enrollments.map { enrollment in
                guard let participant = participants[enrollment.participantID] else {
                    throw StoreError.corrupt(path: storePath)
                }
                return participant
            }
            try scan.fold(
                db, enrollments: enrollments.map(\.id), lastSeqs: lastSeqs, filter: filter,
                arguments: StatementArguments(arguments)
            ) { lane, slot, log in
                receive(
                    lane,
                    CohortEnrollment(
                        participant: owners[slot], enrollment: enrollments[slot], progress: log.progress.take(),
                        eventCount: log.eventCount, damage: log.damage))
            }
            guard cohort == nil && path == nil else { return [] }
            let enrolled = Set(enrollments.map(\.participantID))
            return participants.values.filter { !enrolled.contains($0.id) }.sorted { $0.id < $1.id }
        }
    }

    /// Steps `statement` through its rows, calling `body` on each, with the C API: before the
    /// scan can start, a report reads thousands of enrollments and participants, and
    /// through GRDB's `Row` and `DatabaseValue` each cost several times its read.
    private static func eachRow(
        of statement: Statement, in db: Database, _ body: (SQLiteStatement) throws -> Void
    ) throws {
        let handle = statement.sqliteStatement
        defer { sqlite3_reset(handle) }
        while try statement.stepRow(in: db) { try body(handle) }
    }
}

extension Participant {
    /// The participant in the statement's current row (`id, name, created_at`, in this
    /// order); nil when a column the schema declares NOT NULL is NULL.
    fileprivate init?(ordered handle: SQLiteStatement) {
        guard let name = sqlite3_column_text(handle, 1), sqlite3_column_type(handle, 0) != SQLITE_NULL,
            sqlite3_column_type(handle, 2) != SQLITE_NULL
        else { return nil }
        self.init(
            id: sqlite3_column_int64(handle, 0), name: String(cString: name),
            createdAt: Date(storeMilliseconds: sqlite3_column_int64(handle, 2)))
    }
}

extension Enrollment {
    /// The columns `init(ordered:)` reads, in this order: a cohort read decodes thousands of
    /// enrollments, and finding each column by name cost more than the query.
    fileprivate static let orderedColumns =
        "id, participant_id, course_id, path_id, course_version, cohort, attempt, started_at, finished_at"

    /// The enrollment in the statement's current row (`orderedColumns`, in this order); nil
    /// when a column the schema declares NOT NULL is NULL.
    fileprivate init?(ordered handle: SQLiteStatement) {
        func text(_ column: Int32) -> String? {
            sqlite3_column_text(handle, column).map { String(cString: $0) }
        }
        guard let courseID = text(2), let pathID = text(3), let courseVersion = text(4),
            sqlite3_column_type(handle, 0) != SQLITE_NULL, sqlite3_column_type(handle, 1) != SQLITE_NULL,
            sqlite3_column_type(handle, 6) != SQLITE_NULL, sqlite3_column_type(handle, 7) != SQLITE_NULL
        else { return nil }
        let finished = sqlite3_column_type(handle, 8) == SQLITE_NULL ? nil : sqlite3_column_int64(handle, 8)
        self.init(
            id: sqlite3_column_int64(handle, 0), participantID: sqlite3_column_int64(handle, 1), courseID: courseID,
            pathID: pathID, courseVersion: courseVersion, cohort: text(5),
            attempt: Int(sqlite3_column_int64(handle, 6)),
            startedAt: Date(storeMilliseconds: sqlite3_column_int64(handle, 7)),
            finishedAt: finished.map(Date.init(storeMilliseconds:)))
    }
}
