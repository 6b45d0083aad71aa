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
        #expect(applied.first == "v1")
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

        let unmigrated = scratch.path("unmigrated.sqlite")
        _ = FileManager.default.createFile(atPath: unmigrated, contents: Data())
        #expect(throws: StoreError.outdatedSchema(path: unmigrated)) {
            try ProgressStore.open(path: unmigrated, readOnly: true)
        }
        #expect(Fixture.bytes(unmigrated)?.isEmpty == true)
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
