import Foundation
import GRDB
import ParcoursCore
import Synchronization
import Testing

@testable import ParcoursStore

/// The outbox: events above a destination's cursor, in order, skipping runs set aside and
/// enrollments in conflict, with a cursor that only the caller moves.
@Suite("Outbox and cursor")
struct OutboxTests {
    static let pg = "postgresql://ada@db.example.org:5432/parcours"
    static let lrs = "https://lrs.example.org/xapi"

    /// Two learners, interleaved: ada's events 1–4 and bob's 1–3, ids 1…7 in the order
    /// written (a1 a2 b1 b2 a3 b3 a4).
    static func interleaved(_ store: ProgressStore) throws -> (ada: Enrollment, bob: Enrollment) {
        let ada = try Fixture.enroll(store, name: "ada", cohort: "2026-A")
        try store.append(Fixture.event(2), to: ada.id)
        let bob = try Fixture.enroll(store, name: "bob")
        try store.append(Fixture.event(2), to: bob.id)
        try store.append(Fixture.event(3), to: ada.id)
        try store.append(Fixture.event(3), to: bob.id)
        try store.append(Fixture.event(4), to: ada.id)
        return (ada, bob)
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchIsInIDOrderAndCarriesItsEnrollment(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let (ada, bob) = try Self.interleaved(store)

        let batch = try store.outboxBatch(destination: Self.pg, limit: 100)

        #expect(batch.items.map(\.eventID) == [1, 2, 3, 4, 5, 6, 7])
        #expect(batch.items.map(\.enrollment.enrollmentID) == [ada.id, ada.id, bob.id, bob.id, ada.id, bob.id, ada.id])
        #expect(batch.items.map(\.event.seq) == [1, 2, 1, 2, 3, 3, 4])
        #expect(batch.lastEventID == 7)
        let first = try #require(batch.items.first)
        #expect(first.enrollment.participantName == "ada")
        #expect(first.enrollment.participantCreatedAt == (try store.participants().first?.createdAt))
        #expect(first.enrollment.cohort == "2026-A")
        #expect(first.enrollment.attempt == 1)
        #expect(first.enrollment.courseVersion == "sha256:c0ffee")
        #expect(first.enrollment.startedAt == ada.startedAt)
        #expect(first.event == (try store.events(of: ada.id).first))
        // Runs: one per enrollment, in the order of their first event, each in seq order.
        #expect(batch.runs.map(\.enrollment.enrollmentID) == [ada.id, bob.id])
        #expect(batch.runs.map { $0.events.map(\.seq) } == [[1, 2, 3, 4], [1, 2, 3]])
    }

    @Test func theLimitCutsAndTheCursorMovesOn() throws {
        let store = try ProgressStore.inMemory()
        _ = try Self.interleaved(store)

        let first = try store.outboxBatch(destination: Self.pg, limit: 3)
        #expect(first.items.map(\.eventID) == [1, 2, 3])
        #expect(first.lastEventID == 3)
        #expect(try store.pendingCount(destination: Self.pg) == 7)
        // Reading changes nothing: the same batch again until it is marked.
        #expect(try store.outboxBatch(destination: Self.pg, limit: 3) == first)

        try store.markSynced(destination: Self.pg, through: first.lastEventID, at: Fixture.at(1_000))
        #expect(try store.pendingCount(destination: Self.pg) == 4)
        let second = try store.outboxBatch(destination: Self.pg, limit: 3)
        #expect(second.items.map(\.eventID) == [4, 5, 6])
        try store.markSynced(destination: Self.pg, through: second.lastEventID, at: Fixture.at(2_000))
        let third = try store.outboxBatch(destination: Self.pg, limit: 3)
        #expect(third.items.map(\.eventID) == [7])
        try store.markSynced(destination: Self.pg, through: third.lastEventID, at: Fixture.at(3_000))
        #expect(try store.outboxBatch(destination: Self.pg, limit: 3).isEmpty)
        #expect(try store.pendingCount(destination: Self.pg) == 0)
        // Another destination has its own cursor.
        #expect(try store.pendingCount(destination: Self.lrs) == 7)

        #expect(throws: StoreError.self) { try store.outboxBatch(destination: Self.pg, limit: 0) }
    }

    @Test func theCursorOnlyMovesForwardAndNeverPastTheLog() throws {
        let store = try ProgressStore.inMemory()
        _ = try Self.interleaved(store)
        try store.markSynced(destination: Self.pg, through: 5)
        try store.markSynced(destination: Self.pg, through: 2)
        #expect(try store.syncState(destination: Self.pg).cursor == 5)
        // An id beyond the log would skip events not yet written: held at the last one.
        try store.markSynced(destination: Self.pg, through: 1_000)
        #expect(try store.syncState(destination: Self.pg).cursor == 7)
        let ada = try #require(try store.enrollments().first)
        try store.append(Fixture.event(5), to: ada.id)
        #expect(try store.outboxBatch(destination: Self.pg, limit: 10).items.map(\.eventID) == [8])
    }

    @Test func rewindSendsEventsAgain() throws {
        let store = try ProgressStore.inMemory()
        _ = try Self.interleaved(store)
        try store.markSynced(destination: Self.pg, through: 7)

        try store.rewind(destination: Self.pg, before: 4)
        #expect(try store.syncState(destination: Self.pg).cursor == 3)
        #expect(try store.outboxBatch(destination: Self.pg, limit: 10).items.map(\.eventID) == [4, 5, 6, 7])
        // A rewind never moves the cursor forward.
        try store.rewind(destination: Self.pg, before: 6)
        #expect(try store.syncState(destination: Self.pg).cursor == 3)
        // A destination never used starts at 0.
        try store.rewind(destination: Self.lrs, before: 3)
        #expect(try store.syncState(destination: Self.lrs).cursor == 0)
    }

    @Test func runsSetAsideAreSkippedAndTheirRowsCovered() throws {
        let store = try ProgressStore.inMemory()
        let (ada, bob) = try Self.interleaved(store)
        try store.setAside(enrollmentID: ada.id, reason: "continued from the server")

        let batch = try store.outboxBatch(destination: Self.pg, limit: 100)
        #expect(batch.items.map(\.eventID) == [3, 4, 6])
        #expect(batch.items.allSatisfy { $0.enrollment.enrollmentID == bob.id })
        // The set-aside events at the end (7) are covered too, so they are not scanned again.
        #expect(batch.lastEventID == 7)
        #expect(try store.pendingCount(destination: Self.pg) == 3)
        try store.markSynced(destination: Self.pg, through: batch.lastEventID)
        let after = try store.outboxBatch(destination: Self.pg, limit: 100)
        #expect(after.isEmpty)
        #expect(after.lastEventID == 7)

        // A cut batch covers only up to its last item.
        let other = try store.outboxBatch(destination: Self.lrs, limit: 2)
        #expect(other.items.map(\.eventID) == [3, 4])
        #expect(other.lastEventID == 4)
    }

    @Test func enrollmentsInConflictAreSkippedUntilCleared() throws {
        let store = try ProgressStore.inMemory()
        let (ada, bob) = try Self.interleaved(store)
        try store.recordConflict(
            destination: Self.pg, enrollmentID: ada.id, detail: "attempt 1 differs", at: Fixture.at(5_000))
        #expect(try store.outboxBatch(destination: Self.pg, limit: 100).items.map(\.eventID) == [3, 4, 6])
        #expect(try store.pendingCount(destination: Self.pg) == 3)
        // Only at that destination.
        #expect(try store.pendingCount(destination: Self.lrs) == 7)

        try store.markSynced(destination: Self.pg, through: 7)
        try store.clearConflict(destination: Self.pg, enrollmentID: ada.id)
        // Clearing the conflict moved the cursor back before ada's first event.
        #expect(try store.syncState(destination: Self.pg).cursor == 0)
        #expect(try store.conflicts(destination: Self.pg) == [])
        let batch = try store.outboxBatch(destination: Self.pg, limit: 100)
        #expect(batch.items.map(\.eventID) == [1, 2, 3, 4, 5, 6, 7])
        // Clearing what is not recorded moves nothing.
        try store.markSynced(destination: Self.pg, through: 7)
        try store.clearConflict(destination: Self.pg, enrollmentID: bob.id)
        #expect(try store.syncState(destination: Self.pg).cursor == 7)
    }

    @Test func aConflictIsUpsertedAndListed() throws {
        let store = try ProgressStore.inMemory()
        let (ada, bob) = try Self.interleaved(store)
        try store.recordConflict(destination: Self.pg, enrollmentID: bob.id, detail: "first", at: Fixture.at(1_000))
        try store.recordConflict(destination: Self.pg, enrollmentID: ada.id, detail: "other", at: Fixture.at(2_000))
        try store.recordConflict(destination: Self.pg, enrollmentID: bob.id, detail: "again", at: Fixture.at(3_000))

        #expect(
            try store.conflicts(destination: Self.pg) == [
                SyncConflict(enrollmentID: ada.id, detail: "other", noticedAt: Fixture.at(2_000)),
                SyncConflict(enrollmentID: bob.id, detail: "again", noticedAt: Fixture.at(3_000)),
            ])
        #expect(try store.conflicts(destination: Self.lrs) == [])
        #expect(throws: StoreError.unknownEnrollment(99)) {
            try store.recordConflict(destination: Self.pg, enrollmentID: 99, detail: "x")
        }
    }

    @Test func theStateSaysWhatStatusShows() throws {
        let store = try ProgressStore.inMemory()
        let (ada, _) = try Self.interleaved(store)
        #expect(try store.syncState(destination: Self.pg) == SyncState(destination: Self.pg, pending: 7))
        #expect(try store.syncDestinations() == [])

        try store.markSynced(destination: Self.pg, through: 2, at: Fixture.at(1_000))
        try store.markFailed(destination: Self.pg, error: "server unreachable", at: Fixture.at(2_000))
        try store.recordConflict(destination: Self.pg, enrollmentID: ada.id, detail: "d", at: Fixture.at(2_500))
        var state = try store.syncState(destination: Self.pg)
        #expect(state.cursor == 2)
        #expect(state.pending == 3)  // bob's three; ada's 5 and 7 are in conflict
        #expect(state.lastSuccess == Fixture.at(1_000))
        #expect(state.lastAttempt == Fixture.at(2_000))
        #expect(state.lastError == "server unreachable")
        #expect(state.conflicts.map(\.enrollmentID) == [ada.id])

        try store.markSynced(destination: Self.pg, through: 7, at: Fixture.at(3_000))
        state = try store.syncState(destination: Self.pg)
        #expect(state.lastError == nil)
        #expect(state.lastSuccess == Fixture.at(3_000))
        #expect(state.lastAttempt == Fixture.at(3_000))
        try store.markFailed(destination: Self.lrs, error: "401", at: Fixture.at(4_000))
        #expect(try store.syncDestinations().map(\.destination) == [Self.lrs, Self.pg])
        #expect(try store.syncDestinations().first?.cursor == 0)
        #expect(try store.syncDestinations().first?.pending == 7)
    }

    @Test func appendWritesNothingButTheEvent() throws {
        let scratch = try Scratch()
        let store = try scratch.store(.file)
        let ada = try Fixture.enroll(store)
        try store.markSynced(destination: Self.pg, through: 1)
        let before = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sync_destination")
                + Row.fetchAll(db, sql: "SELECT * FROM set_aside")
                + Row.fetchAll(db, sql: "SELECT * FROM sync_conflict")
        }
        try store.append(Fixture.event(2), to: ada.id)
        let after = try store.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sync_destination")
                + Row.fetchAll(db, sql: "SELECT * FROM set_aside")
                + Row.fetchAll(db, sql: "SELECT * FROM sync_conflict")
        }
        #expect(before == after)
        #expect(try store.pendingCount(destination: Self.pg) == 1)
    }

    @Test func aPushWaitsForNoLearnerAndNoLearnerWaitsForAPush() throws {
        // Two connections to one file, as the REPL and a background push in two processes,
        // each with the usual 5 s busy timeout (a learner appending in a tight loop can keep
        // a writer waiting for a good part of a second on a loaded machine).
        let scratch = try Scratch()
        let path = scratch.path()
        let learner = try ProgressStore.open(path: path)
        let pusher = try ProgressStore.open(path: path)
        let ada = try Fixture.enroll(learner)
        let group = DispatchGroup()
        let failures = Mutex<[String]>([])
        DispatchQueue.global().async(group: group) {
            do {
                for seq in 2...200 { try learner.append(Fixture.event(seq), to: ada.id) }
            } catch { failures.withLock { $0.append("learner: \(error)") } }
        }
        DispatchQueue.global().async(group: group) {
            do {
                for _ in 0..<200 {
                    let batch = try pusher.outboxBatch(destination: Self.pg, limit: 7)
                    try pusher.markSynced(destination: Self.pg, through: batch.lastEventID)
                }
            } catch { failures.withLock { $0.append("pusher: \(error)") } }
        }
        group.wait()
        #expect(failures.withLock { $0 } == [])
        let rest = try pusher.outboxBatch(destination: Self.pg, limit: 1_000)
        try pusher.markSynced(destination: Self.pg, through: rest.lastEventID)
        #expect(try learner.pendingCount(destination: Self.pg) == 0)
        #expect(try learner.events(of: ada.id).count == 200)
    }
}
