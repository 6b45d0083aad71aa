import Foundation
import GRDB
import GRDBSQLite
import ParcoursCore

/// SQLite copies the bound text before `sqlite3_bind_text` returns.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// The writes: each is named for what it does and commits in one transaction, so a crash
/// leaves either all of it or none of it in the store.
extension ProgressStore {
    /// Finds the participant with this exact name, or creates them.
    ///
    /// Find-or-create runs in one IMMEDIATE transaction, so two terminals that introduce
    /// the same learner at once end up with one participant, not a constraint error. A new
    /// participant is written `.deferred`: the attempt that follows syncs it.
    public func participant(named name: String, at date: Date = Date()) throws(StoreError)
        -> Participant
    {
        guard name.contains(where: { !$0.isWhitespace }) else {
            throw .invalid(reason: "a participant needs a name")
        }
        let createdAt = try milliseconds(date)
        return try write(.deferred) { db in
            // Plain SQL: the query interface would first read the table's columns, and this
            // runs on the way to every learner's first prompt.
            if let found = try Participant.fetchOne(
                db, sql: "SELECT id, name, created_at FROM participant WHERE name = ?", arguments: [name])
            {
                return found
            }
            try db.execute(
                literal: "INSERT INTO participant (name, created_at) VALUES (\(name), \(createdAt))")
            return Participant(
                id: db.lastInsertedRowID, name: name, createdAt: Date(storeMilliseconds: createdAt))
        }
    }

    /// Starts the next attempt of a participant at a path, with its `started` event as seq 1
    /// and the `following` events (typically entering the first step) after it, all in one
    /// transaction: an attempt never exists without its first step.
    ///
    /// The attempt is one more than the participant's last attempt at this path. The
    /// stored `started` payload is completed from the enrollment (course, path, version,
    /// cohort, attempt), so the log alone tells the whole story, e.g. in an export.
    /// `start` writes it `.deferred`: the learner's first action syncs it.
    public func startEnrollment(
        participantID: Int64, courseID: String, pathID: String, courseVersion: String,
        cohort: String?, started: Event, then following: [Event] = [], durability: Durability = .synced
    ) throws(StoreError) -> Enrollment {
        let start = try startEnrollment(
            participantID: participantID, courseID: courseID, pathID: pathID, courseVersion: courseVersion,
            cohort: cohort, started: started, then: following, durability: durability, unlessUnfinished: false)
        guard case .started(let enrollment) = start else {
            throw .invalid(reason: "an unfinished attempt was returned where a new one was asked for")
        }
        return enrollment
    }

    /// What `startEnrollment(…, unlessUnfinished: true)` did.
    public enum Start: Sendable, Equatable {
        /// A new attempt was written.
        case started(Enrollment)
        /// The learner already had an unfinished attempt at the path (another process may have
        /// started it a moment ago): nothing was written, and that attempt is to be resumed.
        case unfinished(Enrollment)
    }

    /// Starts the next attempt, or, when `unlessUnfinished`, finds the learner's unfinished
    /// attempt at the path in the same transaction and writes nothing: learners who press
    /// Enter twice, or run `start` in two terminals at once, get one attempt, not two.
    public func startEnrollment(
        participantID: Int64, courseID: String, pathID: String, courseVersion: String,
        cohort: String?, started: Event, then following: [Event] = [], durability: Durability = .synced,
        unlessUnfinished: Bool
    ) throws(StoreError) -> Start {
        guard started.type == .started else {
            throw .invalid(reason: "an enrollment begins with a started event, not \(started.type)")
        }
        guard started.seq == 1 else {
            throw .invalid(reason: "the started event is event 1, not \(started.seq)")
        }
        for (offset, event) in following.enumerated() {
            if event.type == .started {
                throw .invalid(reason: "event \(event.seq) is a second started event")
            }
            if event.seq != offset + 2 {
                throw .invalid(reason: "event \(event.seq) follows the started event; it must be \(offset + 2)")
            }
        }
        let startedAt = try milliseconds(started.at)
        return try write(durability) { db in
            guard try Participant.exists(db, id: participantID) else {
                throw StoreError.unknownParticipant(participantID)
            }
            if unlessUnfinished,
                let open = try latestEnrollment(of: participantID, path: pathID, unfinishedOnly: true, db)
            {
                return Start.unfinished(open)
            }
            let previous = try Int.fetchOne(
                db,
                sql: "SELECT MAX(attempt) FROM enrollment WHERE participant_id = ? AND path_id = ?",
                arguments: [participantID, pathID])
            // The documented limit (`LogValidation.Limits`), also against a row that slipped in.
            guard (previous ?? 0) < LogValidation.Limits().maximumAttempt else {
                throw StoreError.invalid(
                    reason: "this path already has \(LogValidation.Limits().maximumAttempt) attempts or more")
            }
            let attempt = (previous ?? 0) + 1
            try db.execute(
                literal: """
                    INSERT INTO enrollment
                      (participant_id, course_id, path_id, course_version, cohort, attempt, started_at)
                    VALUES
                      (\(participantID), \(courseID), \(pathID), \(courseVersion), \(cohort),
                       \(attempt), \(startedAt))
                    """)
            let enrollment = Enrollment(
                id: db.lastInsertedRowID, participantID: participantID, courseID: courseID,
                pathID: pathID, courseVersion: courseVersion, cohort: cohort, attempt: attempt,
                startedAt: Date(storeMilliseconds: startedAt))
            var event = started
            event.payload.courseID = courseID
            event.payload.pathID = pathID
            event.payload.courseVersion = courseVersion
            event.payload.cohort = cohort
            event.payload.attempt = attempt
            try insert(event, into: enrollment.id, db)
            for event in following {
                try insert(event, into: enrollment.id, db)
            }
            return Start.started(enrollment)
        }
    }

    /// Appends one event; its `seq` must be exactly one more than the log's last.
    ///
    /// A `finished` event also sets the enrollment's `finishedAt`, in the same transaction.
    public func append(_ event: Event, to enrollmentID: Int64) throws(StoreError) {
        try append([event], to: enrollmentID)
    }

    /// Appends consecutive events atomically: all of them are saved, or none.
    ///
    /// A gap or a repeated `seq` means another session wrote to the same log, or the
    /// caller lost track; either way nothing is written and `.outOfSequence` is thrown.
    ///
    /// This runs before every prompt, so the common case is one cached `INSERT … SELECT`
    /// statement: a single statement is atomic on its own, and its `WHERE` clause checks the
    /// log's last `seq` in the same breath. A batch that finishes the path also closes the
    /// enrollment, so it takes the two-statement transaction instead.
    ///
    /// `.deferred` is for events the learner did not decide (a sitting resumed); every
    /// learner action is appended `.synced`, the default.
    public func append(_ events: [Event], to enrollmentID: Int64, durability: Durability = .synced)
        throws(StoreError)
    {
        guard let first = events.first else { return }
        for event in events where event.type == .started {
            throw .invalid(reason: "event \(event.seq) is a started event; use startEnrollment")
        }
        for (offset, event) in events.enumerated() where event.seq != first.seq + offset {
            throw .outOfSequence(enrollmentID: enrollmentID, expected: first.seq + offset, got: event.seq)
        }
        if events.contains(where: { $0.type == .finished }) {
            try appendInTransaction(events, to: enrollmentID, durability: durability)
            return
        }
        var rows: [AppendRow] = []
        rows.reserveCapacity(events.count)
        for event in events {
            guard event.activeMilliseconds >= 0 else {
                throw .invalid(reason: "event \(event.seq) has negative active time \(event.activeMilliseconds) ms")
            }
            rows.append(
                AppendRow(
                    seq: Int64(event.seq), type: event.type.rawValue, stepID: event.stepID,
                    payload: try EventPayloadCodec.encode(event.payload), at: try milliseconds(event.at),
                    activeMilliseconds: Int64(event.activeMilliseconds)))
        }
        let inserted: Int
        do {
            inserted = try writeOutsideTransaction { db in
                let statement = try db.cachedStatement(sql: Self.appendSQL(count: events.count))
                let insert = {
                    try Self.run(statement, appending: rows, to: enrollmentID, after: Int64(first.seq - 1), db)
                }
                return durability == .deferred ? try Self.unsynced(db, insert) : try insert()
            }
        } catch .rejected {
            // A foreign-key refusal: the enrollment does not exist.
            try explainRefusal(first.seq, enrollmentID)
            return
        }
        if inserted != events.count { try explainRefusal(first.seq, enrollmentID) }
    }

    /// `INSERT … SELECT` of `count` rows, kept only when the log ends just before them.
    ///
    /// The one- and two-row texts (an action; "completed" + "entered") are built once: the
    /// statement cache is keyed by this text, and building it took a tenth of an append's CPU.
    static func appendSQL(count: Int) -> String {
        switch count {
        case 1: appendOneSQL
        case 2: appendTwoSQL
        default: buildAppendSQL(count: count)
        }
    }

    private static let appendOneSQL = buildAppendSQL(count: 1)
    private static let appendTwoSQL = buildAppendSQL(count: 2)

    private static func buildAppendSQL(count: Int) -> String {
        let rows = Array(repeating: "(?, ?, ?, ?, ?, ?)", count: count).joined(separator: ", ")
        return """
            INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms)
            SELECT ?, column1, column2, column3, column4, column5, column6 FROM (VALUES \(rows))
            WHERE (SELECT COALESCE(MAX(seq), 0) FROM event WHERE enrollment_id = ?) = ?
            """
    }

    /// One event as the append statement binds it.
    private struct AppendRow {
        var seq: Int64
        var type: String
        var stepID: String?
        var payload: String
        var at: Int64
        var activeMilliseconds: Int64
    }

    /// Binds and steps the append statement through the C API; returns the rows inserted.
    ///
    /// This is the one statement a learner waits for before every prompt. GRDB's
    /// `execute(arguments:)` builds an array of existentials and validates it on each call,
    /// which cost about as much CPU as SQLite's own work; the statement is still prepared and
    /// cached by GRDB, and a failure becomes the same `DatabaseError` GRDB would throw.
    private static func run(
        _ statement: Statement, appending rows: [AppendRow], to enrollmentID: Int64, after lastSeq: Int64,
        _ db: Database
    ) throws -> Int {
        let handle = statement.sqliteStatement
        sqlite3_reset(handle)
        defer {
            sqlite3_reset(handle)
            sqlite3_clear_bindings(handle)
        }
        var index: Int32 = 1
        func bind(_ value: Int64) {
            sqlite3_bind_int64(handle, index, value)
            index += 1
        }
        func bind(_ text: String?) {
            if let text {
                sqlite3_bind_text(handle, index, text, -1, transient)
            } else {
                sqlite3_bind_null(handle, index)
            }
            index += 1
        }
        bind(enrollmentID)
        for row in rows {
            bind(row.seq)
            bind(row.type)
            bind(row.stepID)
            bind(row.payload)
            bind(row.at)
            bind(row.activeMilliseconds)
        }
        bind(enrollmentID)
        bind(lastSeq)
        guard sqlite3_step(handle) == SQLITE_DONE else { throw DatabaseError(failedStep: statement, in: db) }
        return Int(sqlite3_changes(db.sqliteConnection))
    }

    /// Why an append wrote nothing: an unknown enrollment, or a log that moved on. Always throws.
    private func explainRefusal(_ firstSeq: Int, _ enrollmentID: Int64) throws(StoreError) {
        let found = try read { db in
            try Row.fetchOne(
                db,
                sql: """
                    SELECT (SELECT COALESCE(MAX(seq), 0) FROM event WHERE enrollment_id = ?1)
                    FROM enrollment WHERE id = ?1
                    """, arguments: [enrollmentID])
        }
        guard let row = found else { throw .unknownEnrollment(enrollmentID) }
        let last: Int = row[0]
        if last + 1 != firstSeq {
            throw .outOfSequence(enrollmentID: enrollmentID, expected: last + 1, got: firstSeq)
        }
        throw .database(path: path, reason: "the events were not written; nothing was saved, try again")
    }

    /// The general path: existence, sequence and rows checked and written in one transaction.
    private func appendInTransaction(_ events: [Event], to enrollmentID: Int64, durability: Durability)
        throws(StoreError)
    {
        try write(durability) { db in
            // One cached statement answers "does the enrollment exist?" and "what is the log's
            // last seq?".
            let lookup = try db.cachedStatement(
                sql: """
                    SELECT (SELECT MAX(seq) FROM event WHERE enrollment_id = ?1)
                    FROM enrollment WHERE id = ?1
                    """)
            guard let row = try Row.fetchOne(lookup, arguments: [enrollmentID]) else {
                throw StoreError.unknownEnrollment(enrollmentID)
            }
            let last: Int? = row[0]
            var expected = (last ?? 0) + 1
            for event in events {
                guard event.seq == expected else {
                    throw StoreError.outOfSequence(
                        enrollmentID: enrollmentID, expected: expected, got: event.seq)
                }
                try insert(event, into: enrollmentID, db)
                expected += 1
            }
        }
    }

    /// Inserts one event row (and closes the enrollment on `finished`) in the caller's
    /// transaction.
    func insert(_ event: Event, into enrollmentID: Int64, _ db: Database) throws {
        guard event.activeMilliseconds >= 0 else {
            throw StoreError.invalid(
                reason: "event \(event.seq) has negative active time \(event.activeMilliseconds) ms")
        }
        let at = try milliseconds(event.at)
        let payload = try EventPayloadCodec.encode(event.payload)
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        try statement.execute(arguments: [
            enrollmentID, event.seq, event.type.rawValue, event.stepID, payload, at, event.activeMilliseconds,
        ])
        if event.type == .finished {
            try Enrollment.filter(id: enrollmentID).updateAll(
                db, Enrollment.Columns.finishedAt.set(to: at))
        }
    }

    /// A date as stored, or `.invalid` for a date no clock could give.
    func milliseconds(_ date: Date) throws(StoreError) -> Int64 {
        guard let milliseconds = date.storeMilliseconds else {
            throw .invalid(reason: "the time \(date.timeIntervalSince1970) cannot be stored")
        }
        return milliseconds
    }
}
