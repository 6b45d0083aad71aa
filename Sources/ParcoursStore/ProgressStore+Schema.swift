import Foundation
import GRDB

/// The schema and its history: named migrations, only ever appended or merged.
///
/// The applied migration ids (GRDB's `grdb_migrations` table) are the store's format
/// version. An id this code does not know means a newer parcours wrote the file, and the
/// store is refused rather than misread. Never enable `eraseDatabaseOnSchemaChange`: the
/// store holds people's work.
///
/// History:
/// - `v1`: participant, enrollment and event, all with AUTOINCREMENT ids.
/// - `v2-event-rowid` merges `v1`: `event.id` is a plain rowid alias. AUTOINCREMENT made
///   every append also rewrite the `sqlite_sequence` page, a third page in the WAL for each
///   learner action; the log is append-only (no row is ever deleted), so a rowid is just as
///   monotonic. A new store gets the current schema in one migration; a `v1` store has its
///   event table rebuilt (same columns, same ids), the recipe of
///   https://www.sqlite.org/lang_altertable.html#otheralter.
/// - `v3-sync`: the sync bookkeeping (`sync_destination`, `sync_conflict`, `set_aside`; see
///   `ProgressStore+SyncSchema.swift`). Appended, not merged: it only adds tables, so a `v2`
///   store gains them in a short transaction and keeps every row as it is; and a `v3` store
///   still lists `v2-event-rowid`, so a reader that knows only `readableSchemas` finds one.
extension ProgressStore {
    /// Every migration this version of parcours knows, in order.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v2-event-rowid", merging: mergedMigrations) { db, applied in
            if applied.contains("v1") {
                try rebuildEventTable(db)
            } else {
                try createSchema(db)
            }
        }
        migrator.registerMigration(syncMigration) { db in try createSyncTables(db) }
        return migrator
    }

    /// Migrations that later ones merged: known, though no longer registered on their own.
    static let mergedMigrations: Set<String> = ["v1"]

    /// The migrations of which a reader needs one: later ones change how rows are stored,
    /// not what they mean, so a report can read a store that an older parcours wrote,
    /// read-only, without migrating it.
    ///
    /// `v3-sync` only adds tables that a report does not read; every `v3` store also lists
    /// `v2-event-rowid`. A read-only open of a `v1` or `v2` store therefore lacks the sync
    /// tables, and the readers that look at them (`tracksSync`) read them as empty.
    static let readableSchemas: Set<String> = ["v1", "v2-event-rowid", "v3-sync"]

    /// The migration that adds the sync tables.
    static let syncMigration = "v3-sync"

    /// The current schema, on a new store.
    ///
    /// Written as SQL rather than with GRDB's table builder: the builder looks up every
    /// referenced table's primary key, which cost a new store more than creating the tables.
    private static func createSchema(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE "participant" (
                  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                  "name" TEXT NOT NULL UNIQUE,
                  "created_at" INTEGER NOT NULL);
                CREATE TABLE "enrollment" (
                  "id" INTEGER PRIMARY KEY AUTOINCREMENT,
                  "participant_id" INTEGER NOT NULL REFERENCES "participant"("id") ON DELETE RESTRICT,
                  "course_id" TEXT NOT NULL,
                  "path_id" TEXT NOT NULL,
                  "course_version" TEXT NOT NULL,
                  "cohort" TEXT,
                  "attempt" INTEGER NOT NULL CHECK ("attempt" >= 1),
                  "started_at" INTEGER NOT NULL,
                  "finished_at" INTEGER,
                  UNIQUE ("participant_id", "path_id", "attempt"));
                """)
        try createEventTable(named: "event", db)
        try createEventIndex(db)
    }

    /// The event table with its rowid id; the unique index is created separately, after a
    /// rebuild has renamed the table.
    private static func createEventTable(named name: String, _ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE "\(name)" (
                  "id" INTEGER PRIMARY KEY,
                  "enrollment_id" INTEGER NOT NULL REFERENCES "enrollment"("id") ON DELETE RESTRICT,
                  "seq" INTEGER NOT NULL CHECK ("seq" >= 1),
                  "type" TEXT NOT NULL,
                  "step_id" TEXT,
                  "payload" TEXT NOT NULL,
                  "at" INTEGER NOT NULL,
                  "active_ms" INTEGER NOT NULL CHECK ("active_ms" >= 0))
                """)
    }

    /// The unique index is also the one every log read walks: (enrollment, seq).
    private static func createEventIndex(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE UNIQUE INDEX "event_on_enrollment_seq" ON "event"("enrollment_id", "seq")
                """)
    }

    /// `v1` → `v2-event-rowid`: the same rows, ids kept, without AUTOINCREMENT.
    private static func rebuildEventTable(_ db: Database) throws {
        try createEventTable(named: "event_v2", db)
        try db.execute(
            sql: """
                INSERT INTO event_v2 (id, enrollment_id, seq, type, step_id, payload, at, active_ms)
                SELECT id, enrollment_id, seq, type, step_id, payload, at, active_ms FROM event ORDER BY id
                """)
        try db.drop(table: "event")
        try db.rename(table: "event_v2", to: "event")
        try createEventIndex(db)
        try db.execute(sql: "DELETE FROM sqlite_sequence WHERE name = 'event'")
    }

    /// Refuses a file that is another program's SQLite database or a newer parcours store.
    ///
    /// Reading the schema is also what exposes a damaged file (SQLITE_NOTADB/CORRUPT),
    /// before anything is written.
    /// Returns the migrations the file has.
    @discardableResult
    func checkFormat() throws(StoreError) -> Set<String> {
        let migrator = Self.migrator
        var attempts = 0
        var found: (applied: Set<String>, foreign: Bool)
        while true {
            attempts += 1
            do {
                // Plain SQL: GRDB's schema introspection would cost every start a few
                // statements more.
                found = try read { db in
                    let objects = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master")
                    let migrated = objects.contains("grdb_migrations")
                    let applied =
                        migrated ? try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") : []
                    return (applied, !objects.isEmpty && !migrated)
                }
                break
            } catch {
                // While another process creates a new shared store, its migration table can
                // appear between two statements ("no such table: grdb_migrations"): look again.
                guard case .database = error, attempts < 5 else { throw error }
                usleep(UInt32(20_000 * attempts))
            }
        }
        let unknown = found.applied.subtracting(migrator.migrations).subtracting(Self.mergedMigrations).sorted()
        if !unknown.isEmpty {
            throw .newerSchema(path: path, unknownVersions: unknown)
        }
        if found.foreign {
            throw .foreignDatabase(path: path)
        }
        return found.applied
    }

    /// Gives an empty file the whole current schema in one transaction, recorded as every
    /// migration it stands for, as GRDB's migrator records them; false, doing nothing, when
    /// the file holds anything (another process made the schema first, or an older store):
    /// the migrator then does what is left.
    ///
    /// The migrator applies and records each migration in a transaction of its own, and
    /// looks at the schema around each: on a new store, 6.2 M instructions and some 2 ms
    /// of a learner's first start, for what this does in one transaction.
    func createCurrentSchemaIfEmpty() throws(StoreError) -> Bool {
        try write { db in
            guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_master") == 0 else { return false }
            try Self.createSchema(db)
            try Self.createSyncTables(db)
            try db.execute(sql: "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY)")
            for identifier in Self.migrator.migrations {
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)", arguments: [identifier])
            }
            return true
        }
    }

    /// Refuses a damaged file before anything is written to it (`PRAGMA quick_check`: every
    /// page and index entry is read once, without the slower cross-checks of integrity_check).
    func checkIntegrity() throws(StoreError) {
        let verdict = try read { db in try String.fetchAll(db, sql: "PRAGMA quick_check(1)") }
        if verdict != ["ok"] { throw .corrupt(path: path) }
    }

    /// For a read-only open: the schema must already hold what readers need, since it cannot
    /// be migrated.
    func checkMigrated(_ applied: Set<String>) throws(StoreError) {
        // No migration recorded: the store was never set up (its creation stopped half-way,
        // on a full disk for instance), so nothing was ever saved in it.
        if applied.isEmpty { throw .empty(path: path) }
        if applied.isDisjoint(with: Self.readableSchemas) {
            throw .outdatedSchema(path: path)
        }
    }

    /// Applies the migrations this file lacks.
    ///
    /// Two processes opening a new shared store at once may both decide to apply "v1"; the
    /// loser's transaction fails and rolls back, and the winner's schema is as good as its
    /// own, so it checks again instead of failing.
    func migrate() throws(StoreError) {
        if try createCurrentSchemaIfEmpty() { return }
        let migrator = Self.migrator
        var attempts = 0
        while true {
            attempts += 1
            do {
                try apply(migrator)
                return
            } catch {
                let complete = try? read { db in try migrator.hasCompletedMigrations(db) }
                if complete == true {
                    return
                }
                // Only a lost race (a plain SQL error) is worth another try.
                guard case .database = error, attempts < 5 else { throw error }
                usleep(UInt32(20_000 * attempts))
            }
        }
    }
}
