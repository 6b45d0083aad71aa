import Foundation
import GRDB
import ParcoursCore

/// Two devices advanced the same attempt offline, and the destination kept the first that
/// arrived: the other run is kept here, whole, and the learner chooses.
///
/// - "Keep the local run as a new attempt": `renumberAsNewAttempt`; it is then pushed under
///   its new number.
/// - "Continue from the server": `setAsideAsNewAttempt` (renumbered and set aside in one
///   transaction), then the server's attempt pulled in (`mergePulled`) and resumed.
///
/// Nothing is deleted or overwritten, with one exception, written down here and in
/// architecture.md: the attempt number of a run no destination ever accepted.
extension ProgressStore {
    /// Gives a local run the next free attempt number at its path: at least `atLeast` (the
    /// destination's highest attempt + 1) and above every local attempt. Returns it.
    ///
    /// The enrollment's `attempt` changes, and so does the one field of its log that states
    /// it: the `started` event's `payload.attempt` (`LogValidation` checks that the two
    /// agree). Nothing else is touched; the payload is rewritten only when the codec gives
    /// back its stored bytes exactly, so no unknown key can be dropped on the way.
    ///
    /// This is the only rewrite of a logged event, and it is allowed because the run was
    /// never accepted under its old number by any destination: no copy anywhere says
    /// otherwise, and its number is a name it was given locally, not something the learner
    /// did. Hence the refusal (`.invalid`) when some destination's cursor covers the run's
    /// first event with no conflict recorded there for it: it may have been accepted. (A run
    /// whose first events were pulled from a destination and then diverged is in conflict
    /// there; renumbering it makes a new attempt that begins with a copy of those events,
    /// while the destination keeps its own attempt as it is.)
    ///
    /// In the same transaction each destination's conflict on the run is cleared and its
    /// cursor moved back before the run's first event, so the run is pushed under its new
    /// number (unless it is set aside).
    @discardableResult
    public func renumberAsNewAttempt(enrollmentID: Int64, atLeast: Int) throws(StoreError) -> Int {
        try write { db in try renumber(enrollmentID, atLeast: atLeast, db) }
    }

    /// Sets a local run aside: kept in the store (journal, export and reports still read
    /// it), never pushed, never picked as the attempt to resume. Setting it aside again
    /// keeps the first time and reason.
    ///
    /// Refused (`.invalid`) for a run a destination may have accepted: it is that
    /// destination's attempt as well, and stays one. So a run set aside was never accepted
    /// under its number, and since it is never pushed, it may still be renumbered later
    /// (a pull that brings the destination's attempt of the same number does so).
    public func setAside(enrollmentID: Int64, reason: String, at date: Date = Date()) throws(StoreError) {
        let at = try milliseconds(date)
        try write { db in
            guard let enrollment = try Enrollment.fetchOne(db, id: enrollmentID) else {
                throw StoreError.unknownEnrollment(enrollmentID)
            }
            if try !isSetAside(enrollmentID, db), let acceptedBy = try destinations(of: enrollmentID, db).acceptedBy {
                throw StoreError.invalid(
                    reason: """
                        attempt \(enrollment.attempt) at \(enrollment.courseID)/\(enrollment.pathID) was already \
                        sent to \(acceptedBy); it is that attempt there and cannot be set aside
                        """)
            }
            try db.execute(
                sql: "INSERT INTO set_aside (enrollment_id, at, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [enrollmentID, at, reason])
        }
    }

    /// "Continue from the server": `renumberAsNewAttempt` and `setAside` in one transaction,
    /// so no push can send the renumbered run between the two. Returns the new number.
    @discardableResult
    public func setAsideAsNewAttempt(enrollmentID: Int64, atLeast: Int, reason: String, at date: Date = Date())
        throws(StoreError) -> Int
    {
        let at = try milliseconds(date)
        return try write { db in
            let attempt = try renumber(enrollmentID, atLeast: atLeast, db)
            try db.execute(
                sql: "INSERT INTO set_aside (enrollment_id, at, reason) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                arguments: [enrollmentID, at, reason])
            return attempt
        }
    }

    /// The runs set aside, by enrollment id.
    public func setAsideRuns() throws(StoreError) -> [SetAsideRun] {
        guard tracksSync else { return [] }
        return try read { db in
            try Row.fetchAll(db, sql: "SELECT enrollment_id, at, reason FROM set_aside ORDER BY enrollment_id").map {
                SetAsideRun(enrollmentID: $0[0], at: Date(storeMilliseconds: $0[1]), reason: $0[2])
            }
        }
    }

    /// The attempt a learner picks up: their latest (by start, then id), optionally on one
    /// path and only unfinished, never a run set aside. The one choice `home`, `start`,
    /// `resume`, `status`, `journal`, `reset` and `startEnrollment(…, unlessUnfinished:)`
    /// make.
    public func latestEnrollment(of participantID: Int64, path: String? = nil, unfinishedOnly: Bool)
        throws(StoreError) -> Enrollment?
    {
        try read { db in
            try latestEnrollment(of: participantID, path: path, unfinishedOnly: unfinishedOnly, db)
        }
    }

    // MARK: - Inside a transaction

    func latestEnrollment(of participantID: Int64, path: String?, unfinishedOnly: Bool, _ db: Database) throws
        -> Enrollment?
    {
        // Plain SQL, as `participant(named:)`: this runs on the way to a learner's first prompt.
        var sql = "SELECT * FROM enrollment WHERE participant_id = ?"
        var arguments: StatementArguments = [participantID]
        if let path {
            sql += " AND path_id = ?"
            arguments += [path]
        }
        if unfinishedOnly { sql += " AND finished_at IS NULL" }
        if tracksSync { sql += " AND NOT EXISTS (SELECT 1 FROM set_aside s WHERE s.enrollment_id = enrollment.id)" }
        sql += " ORDER BY started_at DESC, id DESC LIMIT 1"
        return try Enrollment.fetchOne(db, sql: sql, arguments: arguments)
    }

    /// The first destination that may have accepted the run (its cursor covers the run's
    /// first event, and no conflict is recorded there for it), and the destinations where a
    /// conflict is recorded for it.
    func destinations(of enrollmentID: Int64, _ db: Database) throws -> (acceptedBy: String?, conflicted: [Int64]) {
        guard
            let first = try Int64.fetchOne(
                db, sql: "SELECT MIN(id) FROM event WHERE enrollment_id = ?", arguments: [enrollmentID])
        else { return (nil, []) }
        var acceptedBy: String?
        var conflicted: [Int64] = []
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT d.name, d.id, d.cursor,
                  EXISTS (SELECT 1 FROM sync_conflict c WHERE c.destination_id = d.id AND c.enrollment_id = ?)
                FROM sync_destination d ORDER BY d.name
                """, arguments: [enrollmentID])
        for row in rows {
            if row[3] as Bool {
                conflicted.append(row[1])
            } else if acceptedBy == nil, (row[2] as Int64) >= first {
                acceptedBy = row[0]
            }
        }
        return (acceptedBy, conflicted)
    }

    func isSetAside(_ enrollmentID: Int64, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db, sql: "SELECT EXISTS (SELECT 1 FROM set_aside WHERE enrollment_id = ?)", arguments: [enrollmentID])
            ?? false
    }

    func renumber(_ enrollmentID: Int64, atLeast: Int, _ db: Database) throws -> Int {
        guard let enrollment = try Enrollment.fetchOne(db, id: enrollmentID) else {
            throw StoreError.unknownEnrollment(enrollmentID)
        }
        let label = "attempt \(enrollment.attempt) at \(enrollment.courseID)/\(enrollment.pathID)"
        let (acceptedBy, conflicted) = try destinations(of: enrollmentID, db)
        // A run set aside was unsent when it was set aside (`setAside` checks) and has been
        // skipped by every push since, whatever the cursors say now.
        if let acceptedBy, try !isSetAside(enrollmentID, db) {
            throw StoreError.invalid(
                reason: "\(label) was already sent to \(acceptedBy) under that number; it cannot be given another one")
        }
        let highest =
            try Int.fetchOne(
                db, sql: "SELECT MAX(attempt) FROM enrollment WHERE participant_id = ? AND path_id = ?",
                arguments: [enrollment.participantID, enrollment.pathID]) ?? 0
        let attempt = max(atLeast, highest + 1)
        let limit = LogValidation.Limits().maximumAttempt
        guard (1...limit).contains(attempt) else {
            throw StoreError.invalid(reason: "attempt \(attempt) is out of range (1 to \(limit))")
        }
        if let started = try EventRecord.filter(
            EventRecord.Columns.enrollmentID == enrollmentID && EventRecord.Columns.seq == 1
        ).fetchOne(db), started.type == EventType.started.rawValue {
            var payload = try started.event().payload
            guard try EventPayloadCodec.encode(payload) == started.payload else {
                throw StoreError.invalid(
                    reason: "\(label): its started event holds more than this parcours reads, so it is left as it is")
            }
            if payload.attempt != nil {
                payload.attempt = attempt
                try db.execute(
                    sql: "UPDATE event SET payload = ? WHERE id = ?",
                    arguments: [try EventPayloadCodec.encode(payload), started.id])
            }
        }
        try db.execute(sql: "UPDATE enrollment SET attempt = ? WHERE id = ?", arguments: [attempt, enrollmentID])
        for destinationID in conflicted {
            try clearConflict(destinationID: destinationID, enrollmentID: enrollmentID, db)
        }
        return attempt
    }
}
