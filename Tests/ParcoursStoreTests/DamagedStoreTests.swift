import Foundation
import GRDB
import ParcoursCore
import Testing

@testable import ParcoursStore

/// Only a missing or empty file may become a store, and a damaged one is never written to.
@Suite("Damaged stores")
struct DamagedStoreTests {
    /// A store with a few learners, closed and checkpointed: the whole file is its content.
    func wholeStore(_ scratch: Scratch) throws -> (path: String, bytes: Data) {
        let path = scratch.path("whole.sqlite")
        do {
            let store = try ProgressStore.open(path: path)
            for name in ["ada", "brune", "camille"] {
                let enrollment = try Fixture.enroll(store, name: name)
                for seq in 2...40 { try store.append(Fixture.event(seq), to: enrollment.id) }
            }
        }
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            _ = try db.checkpoint(.truncate)
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
        }
        try queue.close()
        let bytes = try #require(Fixture.bytes(path))
        return (path, bytes)
    }

    @Test(arguments: [Data("x".utf8), Data(repeating: 0, count: 99), Data("SQLite format 3".utf8)])
    func aShortFileIsNeverMadeIntoAStore(content: Data) throws {
        let scratch = try Scratch()
        let path = scratch.path()
        _ = FileManager.default.createFile(atPath: path, contents: content)
        #expect(throws: StoreError.corrupt(path: path)) { try ProgressStore.open(path: path) }
        #expect(Fixture.bytes(path) == content)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
    }

    /// Cut at every page boundary, and a few bytes short of one: every cut is refused before
    /// a byte is written, for writing, and a read-only open never changes the file either.
    @Test func aTruncatedStoreIsRefusedAtEveryLength() throws {
        let scratch = try Scratch()
        let whole = try wholeStore(scratch)
        let pageSize = 4096
        #expect(whole.bytes.count % pageSize == 0 && whole.bytes.count >= 4 * pageSize)
        var cuts = stride(from: pageSize, to: whole.bytes.count, by: pageSize).map { $0 }
        cuts += [whole.bytes.count - 1, whole.bytes.count - 100, pageSize + 17]
        for cut in cuts {
            let path = scratch.path("cut-\(cut).sqlite")
            let damaged = whole.bytes.prefix(cut)
            _ = FileManager.default.createFile(atPath: path, contents: damaged)
            #expect(throws: StoreError.corrupt(path: path), "cut at \(cut)") {
                let store = try ProgressStore.open(path: path)
                _ = try store.participant(named: "intruder")
            }
            #expect(Fixture.bytes(path) == damaged, "cut at \(cut): the file was written")
            _ = try? ProgressStore.open(path: path, readOnly: true).participants()
            #expect(Fixture.bytes(path) == damaged, "cut at \(cut): a read changed the file")
        }
    }

    /// A page overwritten in the middle: the header is fine, quick_check is not.
    @Test func aDamagedPageIsFoundBeforeTheFirstWrite() throws {
        let scratch = try Scratch()
        let whole = try wholeStore(scratch)
        var damaged = whole.bytes
        let page = 2 * 4096
        damaged.replaceSubrange(page..<page + 4096, with: Data(repeating: 0xA5, count: 4096))
        _ = FileManager.default.createFile(atPath: whole.path, contents: damaged)
        #expect(throws: StoreError.corrupt(path: whole.path)) {
            let store = try ProgressStore.open(path: whole.path)
            _ = try store.participant(named: "intruder")
        }
        #expect(Fixture.bytes(whole.path) == damaged)
    }

    /// An empty file may become a store (StoreLocation creates the personal one empty).
    @Test func anEmptyFileBecomesAStore() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        _ = FileManager.default.createFile(atPath: path, contents: Data())
        let store = try ProgressStore.open(path: path)
        #expect(try store.participant(named: "ada").name == "ada")
    }

    /// A store that lives in its write-ahead log (the learner's process ended without
    /// checkpointing) is whole even though the file alone counts fewer pages than its header.
    @Test func aStoreWhosePagesAreInItsLogIsWhole() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let copy = scratch.path("copy.sqlite")
        let store = try ProgressStore.open(path: path)
        let enrollment = try Fixture.enroll(store)
        for seq in 2...60 { try store.append(Fixture.event(seq), to: enrollment.id) }
        // Copied while the writer is open: the log holds pages the file does not have yet.
        for suffix in ["", "-wal"] {
            try FileManager.default.copyItem(atPath: path + suffix, toPath: copy + suffix)
        }
        #expect((try FileManager.default.attributesOfItem(atPath: copy + "-wal")[.size] as? Int ?? 0) > 0)
        let reopened = try ProgressStore.open(path: copy)
        #expect(try reopened.events(of: enrollment.id).count == 60)
    }

    /// A failed creation leaves nothing behind; a file with content is never removed.
    @Test func removeIfEmptyOnlyRemovesWhatHoldsNothing() throws {
        let scratch = try Scratch()
        let empty = scratch.path("empty.sqlite")
        _ = FileManager.default.createFile(atPath: empty, contents: Data())
        _ = FileManager.default.createFile(atPath: empty + "-shm", contents: Data(count: 32_768))
        StoreFile.removeIfEmpty(empty)
        #expect(!FileManager.default.fileExists(atPath: empty))
        #expect(!FileManager.default.fileExists(atPath: empty + "-shm"))

        let logged = scratch.path("logged.sqlite")
        _ = FileManager.default.createFile(atPath: logged, contents: Data())
        _ = FileManager.default.createFile(atPath: logged + "-wal", contents: Data(count: 4128))
        StoreFile.removeIfEmpty(logged)
        #expect(FileManager.default.fileExists(atPath: logged), "its first commits are in the log")

        let kept = scratch.path("kept.sqlite")
        _ = FileManager.default.createFile(atPath: kept, contents: Data("data".utf8))
        StoreFile.removeIfEmpty(kept)
        #expect(Fixture.bytes(kept) == Data("data".utf8))
    }

    /// A read-only store is read without side files, which would stay read-only after a
    /// `chmod u+w` and block the next start.
    @Test func aReadOnlyStoreIsReadWithoutSideFiles() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let enrollmentID = try Fixture.enroll(try ProgressStore.open(path: path)).id
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "closed and checkpointed")
        #expect(chmod(path, 0o444) == 0)
        let reader = try ProgressStore.open(path: path, readOnly: true)
        #expect(try reader.events(of: enrollmentID).count == 1)
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        #expect(!FileManager.default.fileExists(atPath: path + "-shm"))
        #expect(chmod(path, 0o644) == 0)
        let writer = try ProgressStore.open(path: path)
        try writer.append(Fixture.event(2), to: enrollmentID)
    }

    /// The set-up waits for a held store once, for the busy timeout, not once per try.
    @Test func aHeldStoreIsWaitedForOnce() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        _ = try Fixture.enroll(try ProgressStore.open(path: path))
        let holder = try DatabaseQueue(path: path)
        try holder.writeWithoutTransaction { db in
            // In WAL mode readers go on, so the open gets as far as its first write, and waits.
            try db.execute(sql: "BEGIN IMMEDIATE")
            let started = Date()
            #expect(throws: StoreError.busy(path: path)) {
                try ProgressStore.open(path: path, readOnly: false, busyTimeout: 0.5)
            }
            let waited = Date().timeIntervalSince(started)
            #expect(waited >= 0.4 && waited < 1.5, "waited \(waited) s for a 0.5 s timeout")
            try db.execute(sql: "ROLLBACK")
        }
    }
}
