import Foundation
import GRDB
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// Failures become the right `StoreError`, with the right exit code, and never harm a file.
@Suite("Store errors")
struct StoreErrorTests {
    @Test(arguments: [false, true])
    func aGarbageFileIsCorruptAndLeftByteForByte(readOnly: Bool) throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ 13) })
        _ = FileManager.default.createFile(atPath: path, contents: garbage)

        #expect(throws: StoreError.corrupt(path: path)) {
            try ProgressStore.open(path: path, readOnly: readOnly)
        }
        #expect(Fixture.bytes(path) == garbage)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        let message = "\(StoreError.corrupt(path: path))"
        #expect(message.contains("left untouched") && message.contains("--store"))
        #expect(StoreError.corrupt(path: path).exitCode == 65)
    }

    @Test func aFrozenFileRefusesWritesButStillServesReports() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let enrollmentID = try Fixture.enroll(try ProgressStore.open(path: path)).id
        #expect(chmod(path, 0o444) == 0)
        let before = Fixture.bytes(path)

        #expect(throws: StoreError.readOnly(path: path)) {
            try ProgressStore.open(path: path)
        }
        let reader = try ProgressStore.open(path: path, readOnly: true)
        #expect(try reader.events(of: enrollmentID).count == 1)
        #expect(Fixture.bytes(path) == before)
        #expect(StoreError.readOnly(path: path).exitCode == 73)
    }

    @Test func aDirectoryThatCannotBeCreatedIsCannotCreate() throws {
        let scratch = try Scratch()
        let blocker = scratch.path("a-file")
        _ = FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8))
        let inside = (blocker as NSString).appendingPathComponent("parcours/progress.sqlite")
        let location = StoreLocation(path: inside, origin: .personalDefault)

        #expect {
            try location.prepare()
        } throws: { error in
            guard case .cannotCreate(let path, _) = error as? StoreError else { return false }
            return path == inside
        }
        #expect {
            try ProgressStore.open(path: inside)
        } throws: { error in
            (error as? StoreError)?.exitCode == 73
        }
    }

    @Test func aStoreHeldTooLongIsBusy() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let store = try ProgressStore.open(path: path, readOnly: false, busyTimeout: 0.2)
        let enrollment = try Fixture.enroll(store)
        let holder = try DatabaseQueue(path: path)

        let started = Date()
        try holder.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            #expect(throws: StoreError.busy(path: path)) {
                try store.append(Fixture.event(2), to: enrollment.id)
            }
            try db.execute(sql: "ROLLBACK")
        }

        #expect(Date().timeIntervalSince(started) >= 0.2)
        try store.append(Fixture.event(2), to: enrollment.id)
        #expect(StoreError.busy(path: path).exitCode == 75)
    }

    /// SQLite result codes and the case (and exit code) each becomes.
    static let mappings: [(ResultCode, StoreError, Int32)] = [
        (.SQLITE_NOTADB, .corrupt(path: "p"), 65),
        (.SQLITE_CORRUPT, .corrupt(path: "p"), 65),
        (.SQLITE_READONLY, .readOnly(path: "p"), 73),
        (.SQLITE_CANTOPEN, .cannotCreate(path: "p", reason: "m"), 73),
        (.SQLITE_FULL, .diskFull(path: "p"), 74),
        (.SQLITE_IOERR, .io(path: "p", reason: "m"), 74),
        (.SQLITE_IOERR_FSYNC, .io(path: "p", reason: "m"), 74),
        (.SQLITE_BUSY, .busy(path: "p"), 75),
        (.SQLITE_LOCKED, .busy(path: "p"), 75),
        (.SQLITE_CONSTRAINT_UNIQUE, .rejected(path: "p", reason: "m"), 65),
        (.SQLITE_ERROR, .database(path: "p", reason: "m"), 74),
    ]

    @Test(arguments: mappings)
    func databaseErrorsMapToActionableCases(code: ResultCode, expected: StoreError, exit: Int32) {
        let mapped = StoreError(DatabaseError(resultCode: code, message: "m"), path: "p", readOnly: false)
        #expect(mapped == expected)
        #expect(mapped.exitCode == exit)
        #expect(!mapped.description.isEmpty)
    }

    /// A read-only command that meets a full disk or an I/O error lost nothing: it says so.
    @Test func failuresWhileReadingSpeakOfNoLostAction() {
        for code in [ResultCode.SQLITE_FULL, .SQLITE_IOERR] {
            let reading = StoreError(DatabaseError(resultCode: code, message: "m"), path: "p", readOnly: true)
            let writing = StoreError(DatabaseError(resultCode: code, message: "m"), path: "p", readOnly: false)
            #expect(reading.description.contains("Nothing was changed"))
            #expect(!reading.description.contains("saved"))
            #expect(writing.description.contains("what was saved before is intact"))
            #expect(reading.exitCode == 74 && writing.exitCode == 74)
        }
    }

    @Test func cannotOpenWhenReadingIsNoInput() {
        let error = DatabaseError(resultCode: .SQLITE_CANTOPEN, message: "m")
        #expect(StoreError(error, path: "p", readOnly: true) == .cannotOpen(path: "p", reason: "m"))
        #expect(StoreError.cannotOpen(path: "p", reason: "m").exitCode == 66)
        #expect(StoreError.notFound(path: "p").exitCode == 66)
    }
}

/// Every store failure has its words in both languages, the English as the description says.
@Suite("store failures in the learner's language")
struct StoreErrorWordsTests {
    static func catalog(_ language: String) throws -> Catalog {
        try InterfaceWords.catalog(language)
    }

    static let errors: [StoreError] = [
        .corrupt(path: "/p"), .foreignDatabase(path: "/p"), .newerSchema(path: "/p", unknownVersions: ["v9"]),
        .outdatedSchema(path: "/p"), .notFound(path: "/p"), .empty(path: "/p"), .cannotOpen(path: "/p", reason: "r"),
        .cannotCreate(path: "/p", reason: "r"), .readOnly(path: "/p"), .folderReadOnly(path: "/d/p.sqlite"),
        .diskFull(path: "/p"), .diskFull(path: "/p", reading: true), .io(path: "/p", reason: "r"),
        .io(path: "/p", reason: "r", reading: true), .busy(path: "/p"),
        .outOfSequence(enrollmentID: 1, expected: 2, got: 3), .unknownEnrollment(4), .unknownParticipant(5),
        .invalid(reason: "r"), .unreadableEvent(enrollmentID: 1, seq: 2, reason: "r"),
        .rejected(path: "/p", reason: "r"), .database(path: "/p", reason: "r"),
    ]

    @Test func theEnglishWordsAreTheDescription() throws {
        let english = try Self.catalog("en")
        for error in Self.errors {
            #expect(error.explained(in: english) == error.description, "\(error.message.key)")
        }
    }

    @Test func everyFailureIsSaidInFrench() throws {
        let french = try Self.catalog("fr")
        for error in Self.errors {
            let said = error.explained(in: french)
            #expect(said != error.description, "\(error.message.key) is not in French")
            #expect(!said.contains("{"), "a placeholder left unfilled: \(said)")
        }
    }
}

/// Every bundle refusal has its words in both languages, the English as the description says.
@Suite("bundle refusals in the learner's language")
struct BundleErrorWordsTests {
    static let errors: [BundleError] = [
        .tooLarge(bytes: 40_000_000, limit: 33_554_432), .tooLargeToExport(bytes: 40_000_000, limit: 33_554_432),
        .notABundle(reason: "r"), .unsupportedVersion(found: 9, minimum: 1, current: 2),
        .unsupportedVersion(found: 0, minimum: 1, current: 1), .malformed(reason: "r"),
        .unknownCourse(course: "c", installed: ["a", "b"]), .unknownCourse(course: "c", installed: []),
        .conflict(reason: "r"),
    ]

    @Test func theEnglishWordsAreTheDescription() throws {
        let english = try StoreErrorWordsTests.catalog("en")
        for error in Self.errors {
            #expect(error.explained(in: english) == error.description, "\(error.message.key)")
        }
    }

    @Test func everyRefusalIsSaidInFrench() throws {
        let french = try StoreErrorWordsTests.catalog("fr")
        for error in Self.errors {
            let said = error.explained(in: french)
            #expect(said != error.description && !said.contains("{"), "\(error.message.key): \(said)")
        }
    }
}
