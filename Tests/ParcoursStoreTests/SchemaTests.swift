import Foundation
import GRDB
import ParcoursCore
import Testing

@testable import ParcoursStore

/// The connection settings and the rules the schema itself carries.
@Suite("Pragmas and schema")
struct SchemaTests {
    @Test func aFileStoreIsDurableWALWithForeignKeysAndABusyTimeout() throws {
        let scratch = try Scratch()
        let store = try ProgressStore.open(path: scratch.path())
        _ = try Fixture.enroll(store)

        let pragmas = try store.read { db in
            [
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try String.fetchOne(db, sql: "PRAGMA synchronous"),
                try String.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try String.fetchOne(db, sql: "PRAGMA busy_timeout"),
            ]
        }
        #expect(pragmas == ["wal", "2", "1", "5000"])
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test(arguments: StoreKind.allCases)
    func foreignKeysAreEnforced(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)

        #expect(throws: StoreError.self) {
            try store.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO event (enrollment_id, seq, type, payload, at, active_ms)
                        VALUES (42, 1, 'entered', '{}', 0, 0)
                        """)
            }
        }
        #expect(try store.integrityCheck() == ["ok"])
    }

    /// (table, column, declared type, NOT NULL) for every column.
    static let columns: [(String, String, String, Bool)] = [
        ("participant", "id", "INTEGER", false),
        ("participant", "name", "TEXT", true),
        ("participant", "created_at", "INTEGER", true),
        ("enrollment", "id", "INTEGER", false),
        ("enrollment", "participant_id", "INTEGER", true),
        ("enrollment", "course_id", "TEXT", true),
        ("enrollment", "path_id", "TEXT", true),
        ("enrollment", "course_version", "TEXT", true),
        ("enrollment", "cohort", "TEXT", false),
        ("enrollment", "attempt", "INTEGER", true),
        ("enrollment", "started_at", "INTEGER", true),
        ("enrollment", "finished_at", "INTEGER", false),
        ("event", "id", "INTEGER", false),
        ("event", "enrollment_id", "INTEGER", true),
        ("event", "seq", "INTEGER", true),
        ("event", "type", "TEXT", true),
        ("event", "step_id", "TEXT", false),
        ("event", "payload", "TEXT", true),
        ("event", "at", "INTEGER", true),
        ("event", "active_ms", "INTEGER", true),
    ]

    @Test func theSchemaIsTheDocumentedOne() throws {
        let store = try ProgressStore.inMemory()
        let actual = try store.read { db in
            var found: [String] = []
            for table in ["participant", "enrollment", "event"] {
                for column in try db.columns(in: table) {
                    found.append("\(table).\(column.name) \(column.type) \(column.isNotNull)")
                }
            }
            return found
        }
        #expect(actual == Self.columns.map { "\($0.0).\($0.1) \($0.2) \($0.3)" })

        let uniques = try store.read { db in
            [
                try db.indexes(on: "participant").filter(\.isUnique).map(\.columns),
                try db.indexes(on: "enrollment").filter(\.isUnique).map(\.columns),
                try db.indexes(on: "event").filter(\.isUnique).map(\.columns),
            ]
        }
        #expect(uniques[0] == [["name"]])
        #expect(uniques[1] == [["participant_id", "path_id", "attempt"]])
        #expect(uniques[2] == [["enrollment_id", "seq"]])

        let foreignKeys = try store.read { db in
            try ["enrollment", "event"].map { try db.foreignKeys(on: $0).map(\.destinationTable) }
        }
        #expect(foreignKeys == [["participant"], ["enrollment"]])
    }
}
