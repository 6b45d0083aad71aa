import Foundation
import GRDB
import ParcoursCore
import Testing

@testable import ParcoursStore

/// `v3-sync`: a new store has the sync tables, older ones gain them on their first write,
/// and a report still reads an older store read-only, without them.
@Suite("Sync migration")
struct SyncMigrationTests {
    static let syncTables = ["set_aside", "sync_conflict", "sync_destination"]

    static func tables(_ store: ProgressStore) throws -> [String] {
        try store.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
        }
    }

    static func applied(_ store: ProgressStore) throws -> Set<String> {
        try store.read { db in try String.fetchSet(db, sql: "SELECT identifier FROM grdb_migrations") }
    }

    /// A store as parcours wrote it before `v3-sync`: the migrator stopped at `v2-event-rowid`,
    /// with one learner's short log.
    static func makeV2Store(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try ProgressStore.migrator.migrate(queue, upTo: "v2-event-rowid")
        try queue.write { db in
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
                        VALUES (1, ?, ?, 'welcome', '{"attempt":1}', ?, 5)
                        """, arguments: [seq, type, 1_000 * seq])
            }
        }
    }

    /// The same, as parcours 0.1 wrote it (`v1`, AUTOINCREMENT ids).
    static func makeV1Store(at path: String) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(sql: V1Schema.sql)
            try db.execute(
                sql: """
                    INSERT INTO participant (name, created_at) VALUES ('ada', 1);
                    INSERT INTO enrollment (participant_id, course_id, path_id, course_version, attempt, started_at)
                    VALUES (1, 'tour', 'short', 'c0ffee', 1, 1);
                    INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms)
                    VALUES (1, 1, 'started', NULL, '{"attempt":1}', 1000, 0),
                           (1, 2, 'entered', 'welcome', '{}', 2000, 5);
                    """)
        }
    }

    @Test func aNewStoreHasTheSyncTables() throws {
        let scratch = try Scratch()
        let store = try ProgressStore.open(path: scratch.path())
        #expect(try Self.applied(store) == ["v2-event-rowid", "v3-sync"])
        #expect(Set(Self.syncTables).isSubset(of: try Self.tables(store)))
        #expect(try store.syncDestinations() == [])
        #expect(try store.pendingCount(destination: "postgresql://ada@db/parcours") == 0)
    }

    @Test func aV2StoreGainsTheSyncTablesAndKeepsItsRows() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        try Self.makeV2Store(at: path)

        let store = try ProgressStore.open(path: path)

        #expect(try Self.applied(store) == ["v2-event-rowid", "v3-sync"])
        #expect(Set(Self.syncTables).isSubset(of: try Self.tables(store)))
        #expect(try store.events(of: 1).map(\.seq) == [1, 2, 3])
        // Everything already in the log is pending for a destination never pushed to.
        #expect(try store.pendingCount(destination: "pg") == 3)
        try store.markSynced(destination: "pg", through: 3)
        #expect(try store.pendingCount(destination: "pg") == 0)
    }

    @Test func aV1StoreMigratesThroughV2ToSync() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        try Self.makeV1Store(at: path)

        let store = try ProgressStore.open(path: path)

        #expect(try Self.applied(store) == ["v2-event-rowid", "v3-sync"])
        #expect(Set(Self.syncTables).isSubset(of: try Self.tables(store)))
        #expect(try store.events(of: 1).map(\.seq) == [1, 2])
        let batch = try store.outboxBatch(destination: "pg", limit: 10)
        #expect(batch.items.map(\.eventID) == [1, 2])
        #expect(batch.items.first?.enrollment.participantName == "ada")
    }

    @Test func aV2StoreIsReadableReadOnlyWithoutTheSyncTables() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        try Self.makeV2Store(at: path)
        let before = Fixture.bytes(path)

        let reader = try ProgressStore.open(path: path, readOnly: true)

        #expect(!reader.tracksSync)
        #expect(try reader.events(of: 1).map(\.seq) == [1, 2, 3])
        #expect(try reader.latestEnrollment(of: 1, unfinishedOnly: true)?.id == 1)
        #expect(try reader.setAsideRuns() == [])
        #expect(try reader.syncDestinations() == [])
        #expect(try reader.syncState(destination: "pg") == SyncState(destination: "pg", pending: 3))
        #expect(try reader.outboxBatch(destination: "pg", limit: 2).items.map(\.eventID) == [1, 2])
        #expect(try reader.cohort().enrollments.count == 1)
        #expect(Fixture.bytes(path) == before)
    }

    @Test func aV3StoreIsReadableReadOnly() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let id: Int64
        do {
            let store = try ProgressStore.open(path: path)
            id = try Fixture.enroll(store).id
            try store.setAside(enrollmentID: id, reason: "test")
        }
        let reader = try ProgressStore.open(path: path, readOnly: true)
        #expect(reader.tracksSync)
        #expect(try reader.setAsideRuns().map(\.enrollmentID) == [id])
        #expect(try reader.latestEnrollment(of: 1, unfinishedOnly: false) == nil)
    }
}
