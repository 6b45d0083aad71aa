import Foundation
import GRDB
import ParcoursCore
import Testing

@testable import ParcoursStore

/// Opening: new files are migrated, old ones re-opened, and unknown ones refused untouched.
@Suite("Migrations and opening")
struct MigrationTests {
    @Test func aNewFileIsMigratedToTheCurrentSchema() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        #expect(!FileManager.default.fileExists(atPath: path))

        let store = try ProgressStore.open(path: path)

        let applied = try store.read { db in try ProgressStore.migrator.appliedMigrations(db) }
        #expect(applied == ProgressStore.migrator.migrations)
        #expect(applied == ["v2-event-rowid", "v3-sync"])
        let tables = try store.read { db in
            try String.fetchAll(
                db,
                sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
        #expect(tables.contains("participant") && tables.contains("enrollment"))
        #expect(tables.contains("event") && tables.contains("grdb_migrations"))
    }

    @Test func anEmptyFileIsMigratedToo() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        _ = FileManager.default.createFile(atPath: path, contents: Data())

        let store = try ProgressStore.open(path: path)

        #expect(try store.participants().isEmpty)
        #expect(Fixture.bytes(path)?.isEmpty == false)
    }

    @Test func reopeningKeepsEverything() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let enrollmentID: Int64
        do {
            let store = try ProgressStore.open(path: path)
            let enrollment = try Fixture.enroll(store)
            try store.append([Fixture.event(2), Fixture.event(3, .finished)], to: enrollment.id)
            enrollmentID = enrollment.id
        }

        let reopened = try ProgressStore.open(path: path)
        let reader = try ProgressStore.open(path: path, readOnly: true)

        #expect(try reopened.events(of: enrollmentID).map(\.seq) == [1, 2, 3])
        #expect(try reader.events(of: enrollmentID) == reopened.events(of: enrollmentID))
        #expect(try reader.enrollment(enrollmentID)?.finishedAt != nil)
        let next = try Fixture.enroll(reopened)
        #expect(next.attempt == 2)
    }

    @Test(arguments: [false, true])
    func aStoreFromANewerParcoursIsRefusedUntouched(readOnly: Bool) throws {
        let scratch = try Scratch()
        let path = scratch.path()
        do {
            let store = try ProgressStore.open(path: path)
            try store.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99')")
            }
        }
        let before = Fixture.bytes(path)

        #expect(throws: StoreError.newerSchema(path: path, unknownVersions: ["v99"])) {
            try ProgressStore.open(path: path, readOnly: readOnly)
        }
        #expect(Fixture.bytes(path) == before)
        #expect(StoreError.newerSchema(path: path, unknownVersions: ["v99"]).exitCode == 65)
        #expect(
            "\(StoreError.newerSchema(path: path, unknownVersions: ["v99"]))"
                .contains("this store was written by a newer parcours"))
    }

    @Test func anotherProgramsDatabaseIsRefusedUntouched() throws {
        let scratch = try Scratch()
        let path = scratch.path("other.db")
        do {
            let queue = try DatabaseQueue(path: path)
            try queue.write { db in try db.execute(sql: "CREATE TABLE note (body TEXT)") }
        }
        let before = Fixture.bytes(path)

        #expect(throws: StoreError.foreignDatabase(path: path)) {
            try ProgressStore.open(path: path)
        }
        #expect(Fixture.bytes(path) == before)
    }

    @Test func readOnlyNeverCreatesOrMigrates() throws {
        let scratch = try Scratch()
        let missing = scratch.path("missing.sqlite")
        #expect(throws: StoreError.notFound(path: missing)) {
            try ProgressStore.open(path: missing, readOnly: true)
        }
        #expect(!FileManager.default.fileExists(atPath: missing))

        let empty = scratch.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        #expect(throws: StoreError.empty(path: empty)) {
            try ProgressStore.open(path: empty, readOnly: true)
        }
        #expect(Fixture.bytes(empty)?.isEmpty == true)
        #expect(StoreError.empty(path: empty).exitCode == 66)
    }

    /// A store written before `v2-event-rowid`: the `v1` schema exactly as parcours 0.1
    /// created it (AUTOINCREMENT ids), and a short log.
    private func makeV1Store(at path: String) throws -> [Int64] {
        let queue = try DatabaseQueue(path: path)
        return try queue.write { db in
            try db.execute(sql: V1Schema.sql)
            try db.execute(sql: "INSERT INTO participant (name, created_at) VALUES ('ada', 1)")
            try db.execute(
                sql: """
                    INSERT INTO enrollment (participant_id, course_id, path_id, course_version, attempt, started_at)
                    VALUES (1, 'tour', 'short', 'c0ffee', 1, 1)
                    """)
            for (seq, type) in [(1, "started"), (2, "entered"), (3, "completed")] {
                try db.execute(
                    sql: """
                        INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms)
                        VALUES (1, ?, ?, 'welcome', '{}', ?, 5)
                        """, arguments: [seq, type, 1_000 * seq])
            }
            return try Int64.fetchAll(db, sql: "SELECT id FROM event ORDER BY id")
        }
    }

    @Test func aV1StoreLosesAutoincrementAndKeepsEveryEvent() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let ids = try makeV1Store(at: path)
        let schemaSQL = "SELECT sql FROM sqlite_master WHERE name = 'event'"
        let v1Schema = try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: schemaSQL) }
        #expect(v1Schema?.contains("AUTOINCREMENT") == true)

        let store = try ProgressStore.open(path: path)

        let (schema, keptIDs, sequences, indexes) = try store.read { db in
            (
                try String.fetchOne(db, sql: schemaSQL),
                try Int64.fetchAll(db, sql: "SELECT id FROM event ORDER BY id"),
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM sqlite_sequence WHERE name = 'event'"),
                try String.fetchAll(
                    db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'event'")
            )
        }
        #expect(schema?.contains("AUTOINCREMENT") == false)
        #expect(keptIDs == ids)
        #expect(sequences == 0)
        #expect(indexes.contains("event_on_enrollment_seq"))
        #expect(try store.events(of: 1).map(\.seq) == [1, 2, 3])
        #expect(try store.events(of: 1).map(\.activeMilliseconds) == [5, 5, 5])
        try store.append(Event(seq: 4, type: .entered, stepID: "next", at: Date()), to: 1)
        #expect(try store.events(of: 1).map(\.seq) == [1, 2, 3, 4])
        // The unique (enrollment, seq) index came back with the new table.
        #expect(throws: StoreError.outOfSequence(enrollmentID: 1, expected: 5, got: 4)) {
            try store.append(Event(seq: 4, type: .entered, stepID: "again", at: Date()), to: 1)
        }
        // The merged v1 is no longer listed, and the store is now at the current schema.
        let applied = try store.read { db in try ProgressStore.migrator.appliedIdentifiers(db) }
        #expect(applied == ["v2-event-rowid", "v3-sync"])
        // The other tables kept their rows.
        #expect(try store.participants().map(\.name) == ["ada"])
        #expect(try store.enrollment(1)?.courseVersion == "c0ffee")
    }

    @Test func aNewStoreGetsTheCurrentSchemaDirectly() throws {
        let scratch = try Scratch()
        let store = try ProgressStore.open(path: scratch.path())

        let schema = try store.read { db in
            try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'event'")
        }
        #expect(schema?.contains("AUTOINCREMENT") == false)
        #expect(schema?.contains("\"id\" INTEGER PRIMARY KEY") == true)
    }

    /// A new store gets its schema in one transaction, not through GRDB's migrator; what it
    /// gets is the migrator's to the letter: every table, index and trigger with the same SQL,
    /// the same migrations recorded. And the migrator, run on it, finds nothing to do.
    @Test func aNewStoreHasTheMigratorsSchemaExactly() throws {
        let scratch = try Scratch()
        let direct = try ProgressStore.open(path: scratch.path("direct.sqlite"))
        let migrated = try DatabaseQueue(path: scratch.path("migrated.sqlite"))
        try ProgressStore.migrator.migrate(migrated)
        func catalog(_ db: Database) throws -> [String] {
            try String.fetchAll(
                db,
                sql:
                    "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || ifnull(sql, '') FROM sqlite_master ORDER BY type, name"
            )
                + String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier")
        }
        let expected = try migrated.read(catalog)
        #expect(expected.count > 10)
        #expect(try direct.read(catalog) == expected)
        #expect(try direct.createCurrentSchemaIfEmpty() == false, "a store with a schema is left to the migrator")
        try direct.apply(ProgressStore.migrator)
        #expect(try direct.read(catalog) == expected)
    }

    @Test func aV1StoreIsReadableWithoutMigrating() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        _ = try makeV1Store(at: path)
        let before = Fixture.bytes(path)

        let reader = try ProgressStore.open(path: path, readOnly: true)

        #expect(try reader.events(of: 1).map(\.seq) == [1, 2, 3])
        #expect(Fixture.bytes(path) == before)
    }

    @Test func aReadOnlyStoreRefusesWrites() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        _ = try ProgressStore.open(path: path)
        let reader = try ProgressStore.open(path: path, readOnly: true)

        #expect(reader.isReadOnly)
        #expect(throws: StoreError.readOnly(path: path)) {
            try reader.participant(named: "ada")
        }
    }
}
