import Foundation
import GRDB
import ParcoursCore

/// The outbox: for each sync destination, the events above its cursor.
///
/// Nothing is queued when a learner acts: `append` writes the event and nothing else, and
/// the outbox is the query "events with id > cursor" (a range of the rowid). The caller
/// (`ParcoursSync`) reads a batch, writes it at the destination in one transaction there,
/// then moves the cursor with `markSynced`. A crash between the two only means the batch is
/// sent again, and a replay is a no-op at the destination.
///
/// Reads never create a destination; the writes here create it on first use. Each write is
/// one short transaction (a statement or two), so a push never holds the store's write lock
/// for longer than that while the REPL appends from another connection. The bookkeeping is
/// written `.deferred` (committed, synced by the next synced write): a cursor lost to a
/// power cut only means events sent again, and the WAL keeps commits in order, so a later
/// state never survives without an earlier one. `rewind` is synced: losing it would leave
/// events unsent.
extension ProgressStore {
    /// The next events to push to `destination`, at most `limit`, in `event.id` order;
    /// events of set-aside runs and of enrollments in conflict there are skipped.
    public func outboxBatch(destination: String, limit: Int) throws(StoreError) -> OutboxBatch {
        guard limit > 0 else { throw .invalid(reason: "an outbox batch holds at least one event, not \(limit)") }
        return try read { db in
            let found = try destinationRow(destination, db)
            let cursor = found?.cursor ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT e.id, e.enrollment_id, e.seq, e.type, e.step_id, e.payload, e.at, e.active_ms,
                      p.name, p.created_at, n.course_id, n.path_id, n.course_version, n.cohort,
                      n.attempt, n.started_at, n.finished_at
                    FROM event e
                    JOIN enrollment n ON n.id = e.enrollment_id
                    JOIN participant p ON p.id = n.participant_id
                    WHERE e.id > ?\(skipped(alias: "e"))
                    ORDER BY e.id LIMIT ?
                    """, arguments: skippedArguments(cursor, found?.id, limit))
            var enrollments: [Int64: OutboxEnrollment] = [:]
            var items: [OutboxItem] = []
            items.reserveCapacity(rows.count)
            for row in rows {
                let enrollmentID: Int64 = row[1]
                let record = EventRecord(
                    id: row[0], enrollmentID: enrollmentID, seq: row[2], type: row[3], stepID: row[4],
                    payload: row[5], at: Date(storeMilliseconds: row[6]), activeMilliseconds: row[7])
                let enrollment =
                    enrollments[enrollmentID]
                    ?? OutboxEnrollment(
                        enrollmentID: enrollmentID, participantName: row[8],
                        participantCreatedAt: Date(storeMilliseconds: row[9]), courseID: row[10], pathID: row[11],
                        courseVersion: row[12], cohort: row[13], attempt: row[14],
                        startedAt: Date(storeMilliseconds: row[15]),
                        finishedAt: (row[16] as Int64?).map(Date.init(storeMilliseconds:)))
                enrollments[enrollmentID] = enrollment
                items.append(OutboxItem(eventID: record.id, enrollment: enrollment, event: try record.event()))
            }
            let last: Int64
            if items.count == limit, let final = items.last {
                last = final.eventID
            } else {
                // Everything pending is in the batch: what it skipped up to the log's end is
                // settled with it.
                last = max(cursor, try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event") ?? 0)
            }
            return OutboxBatch(items: items, lastEventID: last)
        }
    }

    /// How many events the next pushes to `destination` would send.
    public func pendingCount(destination: String) throws(StoreError) -> Int {
        try read { db in try pendingCount(try destinationRow(destination, db), db) }
    }

    /// Moves the cursor forward to `eventID` (never back, never past the log's last event),
    /// records the success and clears the last error.
    public func markSynced(destination: String, through eventID: Int64, at date: Date = Date())
        throws(StoreError)
    {
        let at = try milliseconds(date)
        try write(.deferred) { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_destination (name, cursor, last_attempt_at, last_success_at, last_error)
                    VALUES (?1, MAX(0, MIN(?2, (SELECT COALESCE(MAX(id), 0) FROM event))), ?3, ?3, NULL)
                    ON CONFLICT (name) DO UPDATE SET
                      cursor = MAX(cursor, excluded.cursor), last_attempt_at = excluded.last_attempt_at,
                      last_success_at = excluded.last_success_at, last_error = NULL
                    """, arguments: [destination, eventID, at])
        }
    }

    /// Records a failed attempt and why; the cursor stays where it is.
    public func markFailed(destination: String, error: String, at date: Date = Date()) throws(StoreError) {
        let at = try milliseconds(date)
        try write(.deferred) { db in
            try db.execute(
                sql: """
                    INSERT INTO sync_destination (name, last_attempt_at, last_error) VALUES (?1, ?2, ?3)
                    ON CONFLICT (name) DO UPDATE SET
                      last_attempt_at = excluded.last_attempt_at, last_error = excluded.last_error
                    """, arguments: [destination, at, error])
        }
    }

    /// Moves the cursor back so that the events from `eventID` on are sent again (replays
    /// are no-ops at the destination); a cursor already below stays.
    public func rewind(destination: String, before eventID: Int64) throws(StoreError) {
        try write { db in try rewind(destination, before: eventID, db) }
    }

    /// Notes that `destination` refused an enrollment (or says so again, with the new
    /// detail): it is not pushed there until the conflict is cleared.
    public func recordConflict(destination: String, enrollmentID: Int64, detail: String, at date: Date = Date())
        throws(StoreError)
    {
        let at = try milliseconds(date)
        try write(.deferred) { db in
            guard try Enrollment.exists(db, id: enrollmentID) else {
                throw StoreError.unknownEnrollment(enrollmentID)
            }
            let destinationID = try ensureDestination(destination, db)
            try db.execute(
                sql: """
                    INSERT INTO sync_conflict (destination_id, enrollment_id, detail, noticed_at)
                    VALUES (?, ?, ?, ?)
                    ON CONFLICT (destination_id, enrollment_id) DO UPDATE SET
                      detail = excluded.detail, noticed_at = excluded.noticed_at
                    """, arguments: [destinationID, enrollmentID, detail, at])
        }
    }

    /// Forgets a conflict, and moves the cursor back before the enrollment's first event in
    /// the same transaction: the cursor may have passed its events while they were skipped,
    /// and they are due at the destination again.
    public func clearConflict(destination: String, enrollmentID: Int64) throws(StoreError) {
        try write(.deferred) { db in
            guard let found = try destinationRow(destination, db) else { return }
            try clearConflict(destinationID: found.id, enrollmentID: enrollmentID, db)
        }
    }

    /// The enrollments `destination` refused, by enrollment id.
    public func conflicts(destination: String) throws(StoreError) -> [SyncConflict] {
        try read { db in
            guard let found = try destinationRow(destination, db) else { return [] }
            return try conflicts(destinationID: found.id, db)
        }
    }

    /// Everything `status` says of one destination; an unknown one has everything pending.
    public func syncState(destination: String) throws(StoreError) -> SyncState {
        try read { db in
            guard let found = try destinationRow(destination, db) else {
                return SyncState(destination: destination, pending: try pendingCount(nil, db))
            }
            return try state(of: found, db)
        }
    }

    /// The state of every destination this store has pushed to or tried, by name.
    public func syncDestinations() throws(StoreError) -> [SyncState] {
        try read { db in
            guard tracksSync else { return [] }
            var result: [SyncState] = []
            for found in try DestinationRow.fetchAll(db, sql: "\(DestinationRow.select) ORDER BY name") {
                result.append(try state(of: found, db))
            }
            return result
        }
    }

    // MARK: - Inside a transaction

    /// A `sync_destination` row.
    struct DestinationRow: FetchableRecord {
        static let select = """
            SELECT id, name, cursor, last_attempt_at, last_success_at, last_error FROM sync_destination
            """
        var id: Int64
        var name: String
        var cursor: Int64
        var lastAttempt: Date?
        var lastSuccess: Date?
        var lastError: String?

        init(row: Row) {
            id = row[0]
            name = row[1]
            cursor = row[2]
            lastAttempt = (row[3] as Int64?).map(Date.init(storeMilliseconds:))
            lastSuccess = (row[4] as Int64?).map(Date.init(storeMilliseconds:))
            lastError = row[5]
        }
    }

    /// The destination's row, or nil when it was never used (or the store predates sync).
    func destinationRow(_ name: String, _ db: Database) throws -> DestinationRow? {
        guard tracksSync else { return nil }
        return try DestinationRow.fetchOne(db, sql: "\(DestinationRow.select) WHERE name = ?", arguments: [name])
    }

    /// The destination's id, its row created (cursor 0) if it did not exist.
    func ensureDestination(_ name: String, _ db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO sync_destination (name) VALUES (?) ON CONFLICT (name) DO NOTHING", arguments: [name])
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM sync_destination WHERE name = ?", arguments: [name])
        else { throw StoreError.invalid(reason: "the sync destination could not be recorded") }
        return id
    }

    /// The `WHERE` clauses that skip set-aside runs and the destination's conflicts, for an
    /// event table aliased `alias`; their arguments come from `skippedArguments`.
    func skipped(alias: String) -> String {
        guard tracksSync else { return "" }
        return """
             AND NOT EXISTS (SELECT 1 FROM set_aside s WHERE s.enrollment_id = \(alias).enrollment_id) \
            AND NOT EXISTS (SELECT 1 FROM sync_conflict c \
            WHERE c.destination_id = ? AND c.enrollment_id = \(alias).enrollment_id)
            """
    }

    /// The arguments of a query `WHERE e.id > ?` + `skipped`, then `extra`.
    func skippedArguments(_ cursor: Int64, _ destinationID: Int64?, _ extra: (any DatabaseValueConvertible)...)
        -> StatementArguments
    {
        var values: [(any DatabaseValueConvertible)?] = [cursor]
        if tracksSync { values.append(destinationID ?? -1) }
        values.append(contentsOf: extra)
        return StatementArguments(values)
    }

    func pendingCount(_ found: DestinationRow?, _ db: Database) throws -> Int {
        try Int.fetchOne(
            db, sql: "SELECT COUNT(*) FROM event e WHERE e.id > ?\(skipped(alias: "e"))",
            arguments: skippedArguments(found?.cursor ?? 0, found?.id)) ?? 0
    }

    func conflicts(destinationID: Int64, _ db: Database) throws -> [SyncConflict] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT enrollment_id, detail, noticed_at FROM sync_conflict
                WHERE destination_id = ? ORDER BY enrollment_id
                """, arguments: [destinationID]
        ).map { row in
            SyncConflict(enrollmentID: row[0], detail: row[1], noticedAt: Date(storeMilliseconds: row[2]))
        }
    }

    func state(of found: DestinationRow, _ db: Database) throws -> SyncState {
        SyncState(
            destination: found.name, cursor: found.cursor, pending: try pendingCount(found, db),
            lastSuccess: found.lastSuccess, lastAttempt: found.lastAttempt, lastError: found.lastError,
            conflicts: try conflicts(destinationID: found.id, db))
    }

    func rewind(_ destination: String, before eventID: Int64, _ db: Database) throws {
        let id = try ensureDestination(destination, db)
        try db.execute(
            sql: "UPDATE sync_destination SET cursor = MIN(cursor, MAX(0, ? - 1)) WHERE id = ?",
            arguments: [eventID, id])
    }

    /// Deletes the conflict, and if there was one, moves the cursor back before the
    /// enrollment's first event.
    func clearConflict(destinationID: Int64, enrollmentID: Int64, _ db: Database) throws {
        try db.execute(
            sql: "DELETE FROM sync_conflict WHERE destination_id = ? AND enrollment_id = ?",
            arguments: [destinationID, enrollmentID])
        guard db.changesCount > 0,
            let first = try Int64.fetchOne(
                db, sql: "SELECT MIN(id) FROM event WHERE enrollment_id = ?", arguments: [enrollmentID])
        else { return }
        try db.execute(
            sql: "UPDATE sync_destination SET cursor = MIN(cursor, ? - 1) WHERE id = ?",
            arguments: [first, destinationID])
    }
}
