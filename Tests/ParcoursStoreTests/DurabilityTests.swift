import Foundation
import GRDB
import ParcoursCore
import Testing

@testable import ParcoursStore

/// `.deferred` writes: committed for everyone at once, synced by the next synced write, and
/// never leaving the connection out of `synchronous=FULL`.
@Suite("Durability of writes")
struct DurabilityTests {
    private func synchronous(_ store: ProgressStore) throws -> Int? {
        try store.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
    }

    @Test func deferredWritesAreCommittedAndFullSyncComesBack() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let store = try ProgressStore.open(path: path)

        let ada = try store.participant(named: "ada")
        #expect(try synchronous(store) == 2)
        let enrollment = try store.startEnrollment(
            participantID: ada.id, courseID: "tour", pathID: "short", courseVersion: "v", cohort: nil,
            started: Fixture.started(), then: [Fixture.event(2)], durability: .deferred)
        #expect(try synchronous(store) == 2)
        try store.append([Fixture.event(3, .resumed)], to: enrollment.id, durability: .deferred)
        #expect(try synchronous(store) == 2)

        // Another connection (another process) sees all of it: it is committed.
        let other = try ProgressStore.open(path: path, readOnly: true)
        #expect(try other.participants().map(\.name) == ["ada"])
        #expect(try other.events(of: enrollment.id).map(\.seq) == [1, 2, 3])
    }

    @Test func aRefusedDeferredWriteStillRestoresFullSync() throws {
        let scratch = try Scratch()
        let store = try ProgressStore.open(path: scratch.path())
        let enrollment = try Fixture.enroll(store)

        #expect(throws: StoreError.outOfSequence(enrollmentID: enrollment.id, expected: 2, got: 5)) {
            try store.append([Fixture.event(5)], to: enrollment.id, durability: .deferred)
        }
        #expect(try synchronous(store) == 2)
        // Refused inside the transaction (a finished batch takes the transaction path).
        var negative = Fixture.event(3, .finished)
        negative.activeMilliseconds = -1
        #expect(throws: StoreError.self) {
            try store.append([Fixture.event(2), negative], to: enrollment.id, durability: .deferred)
        }
        #expect(try synchronous(store) == 2)
        #expect(try store.events(of: enrollment.id).map(\.seq) == [1])
    }
}
