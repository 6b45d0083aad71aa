import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// A learner's own events pulled back: one enrollment at a time, with the import's merge.
@Suite("Pull merge")
struct PullTests {
    static let pg = "postgresql://ada@db.example.org:5432/parcours"

    /// What the server holds for ada: attempt 1 of `short` (6 events) and attempt 1 of
    /// `long` (2 events), exported from another device's store.
    static func serverBundle() throws -> ProgressBundle {
        let device = try ProgressStore.inMemory()
        _ = try BundleTests.populated(device)
        let long = try Fixture.enroll(device, pathID: "long")
        try device.append(Fixture.event(2), to: long.id)
        return try BundleTests.exported(device)
    }

    @Test(arguments: StoreKind.allCases)
    func aNewLaptopGetsEverythingAndOwesNothingBack(kind: StoreKind) throws {
        let scratch = try Scratch()
        let laptop = try scratch.store(kind)
        let bundle = try Self.serverBundle()

        let results = try laptop.mergePulled(bundle, from: Self.pg)

        #expect(results.map(\.pathID) == ["short", "long"])
        guard case .added(6, let shortID) = results[0].outcome, case .added(2, let longID) = results[1].outcome
        else {
            Issue.record("unexpected outcomes \(results)")
            return
        }
        #expect(try laptop.events(of: shortID) == bundle.enrollments[0].events)
        #expect(try laptop.events(of: longID) == bundle.enrollments[1].events)
        #expect(try laptop.participants().map(\.name) == ["ada"])
        // The pulled events are the destination's own: its cursor followed them.
        #expect(try laptop.pendingCount(destination: Self.pg) == 0)
        #expect(try laptop.syncState(destination: Self.pg).cursor == 8)
        // Elsewhere they are pending like any event.
        #expect(try laptop.pendingCount(destination: "other") == 8)

        // Pulling again adds nothing.
        let again = try laptop.mergePulled(bundle, from: Self.pg)
        #expect(again.map(\.outcome) == [.allPresent(enrollmentID: shortID), .allPresent(enrollmentID: longID)])
    }

    @Test func localEventsStillPendingKeepTheCursorWhereItIs() throws {
        let laptop = try ProgressStore.inMemory()
        let mine = try Fixture.enroll(laptop, name: "ada", pathID: "other")
        try laptop.append(Fixture.event(2), to: mine.id)
        try laptop.markSynced(destination: Self.pg, through: 1)

        let results = try laptop.mergePulled(try Self.serverBundle(), from: Self.pg)

        #expect(results.count == 2)
        // Event 2 of "other" is still to be sent; the pulled events go with it, as replays.
        #expect(try laptop.syncState(destination: Self.pg).cursor == 1)
        #expect(try laptop.pendingCount(destination: Self.pg) == 9)
    }

    @Test func aConflictingEnrollmentKeepsNoOtherOut() throws {
        let laptop = try ProgressStore.inMemory()
        // The same attempt started on this laptop too, offline, at another time.
        let participant = try laptop.participant(named: "ada")
        let local = try laptop.startEnrollment(
            participantID: participant.id, courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee",
            cohort: "2026-A", started: Fixture.started(at: Fixture.at(1_767_225_000_000)))
        try laptop.append([Fixture.event(2), Fixture.event(3)], to: local.id)
        let before = try laptop.eventRecords(of: local.id)

        let results = try laptop.mergePulled(try Self.serverBundle(), from: Self.pg)

        guard case .conflict(let reason, let localID) = results[0].outcome else {
            Issue.record("expected a conflict, got \(results[0].outcome)")
            return
        }
        #expect(localID == local.id)
        #expect(reason.contains("start time"))
        #expect(try laptop.eventRecords(of: local.id) == before)
        #expect(try laptop.enrollment(local.id) == local)
        guard case .added(2, let longID) = results[1].outcome else {
            Issue.record("expected the other enrollment added, got \(results[1].outcome)")
            return
        }
        #expect(try laptop.events(of: longID).count == 2)
    }

    @Test func aConflictOnAnEventRollsBackThatEnrollmentOnly() throws {
        let laptop = try ProgressStore.inMemory()
        var bundle = try Self.serverBundle()
        _ = try laptop.mergePulled(bundle, from: Self.pg)
        let snapshot = try BundleTests.snapshot(laptop)
        // The server's copy now differs at event 3 of `short`, and both enrollments grew.
        bundle.enrollments[0].events[2].stepID = "elsewhere"
        bundle.enrollments[0].events.append(Fixture.event(7, .completed, step: "step6"))
        bundle.enrollments[1].events.append(Fixture.event(3, .completed))

        let results = try laptop.mergePulled(bundle)

        guard case .conflict(let reason, _) = results[0].outcome, case .added(1, _) = results[1].outcome else {
            Issue.record("unexpected outcomes \(results)")
            return
        }
        #expect(reason.contains("event 3"))
        #expect(try BundleTests.snapshot(laptop).count == snapshot.count + 1)
    }

    @Test func aRunSetAsideMakesWayForTheServersAttempt() throws {
        let laptop = try ProgressStore.inMemory()
        let participant = try laptop.participant(named: "ada")
        let local = try laptop.startEnrollment(
            participantID: participant.id, courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee",
            cohort: "2026-A", started: Fixture.started(at: Fixture.at(1_767_225_000_000)))
        try laptop.setAside(enrollmentID: local.id, reason: "continued from the server")

        let results = try laptop.mergePulled(try Self.serverBundle(), from: Self.pg)

        guard case .added(6, let pulledID) = results[0].outcome else {
            Issue.record("expected the server's attempt added, got \(results[0].outcome)")
            return
        }
        #expect(try laptop.enrollment(pulledID)?.attempt == 1)
        #expect(try laptop.enrollment(local.id)?.attempt == 2)
        #expect(try laptop.events(of: local.id).first?.payload.attempt == 2)
        #expect(try laptop.latestEnrollment(of: participant.id, path: "short", unfinishedOnly: true)?.id == pulledID)
    }

    @Test func importKeepsItsAllOrNothingAndItsWords() throws {
        let laptop = try ProgressStore.inMemory()
        let participant = try laptop.participant(named: "ada")
        _ = try laptop.startEnrollment(
            participantID: participant.id, courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee",
            cohort: "2026-A", started: Fixture.started(at: Fixture.at(1_767_225_000_000)))
        let before = try BundleTests.snapshot(laptop)
        #expect(
            throws: BundleError.conflict(
                reason: "ada's attempt 1 at tour/short differs in this store (start time)")
        ) {
            try laptop.importBundle(try Self.serverBundle())
        }
        #expect(try BundleTests.snapshot(laptop) == before)
    }
}
