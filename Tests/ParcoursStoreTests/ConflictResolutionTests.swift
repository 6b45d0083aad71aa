import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// Two devices advanced the same attempt: the local run renumbered or set aside, nothing
/// lost, and the one rewrite (the started event's attempt) nothing more.
@Suite("Conflict resolution")
struct ConflictResolutionTests {
    static let pg = "postgresql://ada@db.example.org:5432/parcours"

    /// Ada's attempt at `short` with a started payload that sets many fields, and a log.
    static func run(_ store: ProgressStore) throws -> Enrollment {
        let participant = try store.participant(named: "ada")
        var payload = Fixture.fullPayload
        payload.choices = nil
        let enrollment = try store.startEnrollment(
            participantID: participant.id, courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee",
            cohort: "2026-spring", started: Fixture.started(payload: payload))
        var answered = Fixture.event(3, .answered, step: "q")
        answered.payload = Fixture.fullPayload
        try store.append([Fixture.event(2), answered, Fixture.event(4, .completed, step: "q")], to: enrollment.id)
        return enrollment
    }

    @Test(arguments: StoreKind.allCases)
    func renumberingRewritesOnlyTheStartedAttempt(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Self.run(store)
        let before = try store.eventRecords(of: enrollment.id)
        #expect(before[0].payload.contains("\"attempt\":1,"))

        let attempt = try store.renumberAsNewAttempt(enrollmentID: enrollment.id, atLeast: 3)

        #expect(attempt == 3)
        var expected = enrollment
        expected.attempt = 3
        #expect(try store.enrollment(enrollment.id) == expected)
        let after = try store.eventRecords(of: enrollment.id)
        #expect(after.count == before.count)
        #expect(Array(after.dropFirst()) == Array(before.dropFirst()))
        var started = before[0]
        started.payload = started.payload.replacingOccurrences(of: "\"attempt\":1,", with: "\"attempt\":3,")
        #expect(after[0] == started)
        #expect(try store.events(of: enrollment.id).first?.payload.attempt == 3)
    }

    @Test func theNewNumberIsAboveEveryLocalOneAndAtLeastTheOneAsked() throws {
        let store = try ProgressStore.inMemory()
        let first = try Self.run(store)
        let second = try Fixture.enroll(store)
        _ = try Fixture.enroll(store, pathID: "long")
        #expect(second.attempt == 2)

        #expect(try store.renumberAsNewAttempt(enrollmentID: first.id, atLeast: 2) == 3)
        #expect(try store.renumberAsNewAttempt(enrollmentID: second.id, atLeast: 7) == 7)
        #expect(try store.enrollments().map(\.attempt) == [3, 7, 1])
        // The next attempt started continues after them.
        #expect(try Fixture.enroll(store).attempt == 8)
        #expect(throws: StoreError.unknownEnrollment(99)) {
            try store.renumberAsNewAttempt(enrollmentID: 99, atLeast: 1)
        }
    }

    @Test func anAttemptAlreadySentIsNeverRenumbered() throws {
        let store = try ProgressStore.inMemory()
        let enrollment = try Self.run(store)
        try store.markSynced(destination: Self.pg, through: 1)
        let before = try BundleTests.snapshot(store)

        #expect(throws: StoreError.self) {
            try store.renumberAsNewAttempt(enrollmentID: enrollment.id, atLeast: 2)
        }
        #expect(throws: StoreError.self) {
            try store.setAside(enrollmentID: enrollment.id, reason: "no")
        }
        #expect(try BundleTests.snapshot(store) == before)
    }

    @Test func aConflictingRunIsRenumberedAndPushedAgain() throws {
        let store = try ProgressStore.inMemory()
        let enrollment = try Self.run(store)
        let other = try Fixture.enroll(store, name: "bob")
        try store.recordConflict(destination: Self.pg, enrollmentID: enrollment.id, detail: "attempt 1 differs")
        let skipping = try store.outboxBatch(destination: Self.pg, limit: 100)
        #expect(skipping.items.map(\.enrollment.enrollmentID) == [other.id])
        try store.markSynced(destination: Self.pg, through: skipping.lastEventID)

        // "Keep the local run as a new attempt": the server's highest attempt is 1.
        #expect(try store.renumberAsNewAttempt(enrollmentID: enrollment.id, atLeast: 2) == 2)

        #expect(try store.conflicts(destination: Self.pg) == [])
        let batch = try store.outboxBatch(destination: Self.pg, limit: 100)
        #expect(batch.runs.map(\.enrollment.enrollmentID) == [enrollment.id, other.id])
        #expect(batch.runs.first?.enrollment.attempt == 2)
        #expect(batch.runs.first?.events.first?.payload.attempt == 2)
    }

    @Test func continuingFromTheServerSetsTheRunAsideUnderANewNumber() throws {
        let store = try ProgressStore.inMemory()
        let enrollment = try Self.run(store)
        try store.recordConflict(destination: Self.pg, enrollmentID: enrollment.id, detail: "attempt 1 differs")
        try store.markSynced(destination: Self.pg, through: 4)

        let attempt = try store.setAsideAsNewAttempt(
            enrollmentID: enrollment.id, atLeast: 2, reason: "continued from the server", at: Fixture.at(9_000))

        #expect(attempt == 2)
        #expect(
            try store.setAsideRuns() == [
                SetAsideRun(enrollmentID: enrollment.id, at: Fixture.at(9_000), reason: "continued from the server")
            ])
        #expect(try store.outboxBatch(destination: Self.pg, limit: 100).isEmpty)
        #expect(try store.pendingCount(destination: Self.pg) == 0)
        // Still in the store, whole: the journal and export read it.
        #expect(try store.events(of: enrollment.id).count == 4)
        #expect(try store.bundle(forParticipantNamed: "ada")?.enrollments.map(\.attempt) == [2])
    }

    @Test(arguments: StoreKind.allCases)
    func aRunSetAsideIsNeverTheOneResumed(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let older = try Fixture.enroll(store)
        let newer = try store.startEnrollment(
            participantID: older.participantID, courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee",
            cohort: nil, started: Fixture.started(at: Fixture.at(1_767_225_700_000)))
        #expect(try store.latestEnrollment(of: older.participantID, unfinishedOnly: true) == newer)

        try store.setAside(enrollmentID: newer.id, reason: "continued from the server")

        #expect(try store.latestEnrollment(of: older.participantID, unfinishedOnly: true) == older)
        #expect(try store.latestEnrollment(of: older.participantID, path: "short", unfinishedOnly: false) == older)
        try store.setAside(enrollmentID: older.id, reason: "too")
        #expect(try store.latestEnrollment(of: older.participantID, unfinishedOnly: false) == nil)
        // `start` in another terminal: no unfinished attempt to pick up, so a new one.
        let start = try store.startEnrollment(
            participantID: older.participantID, courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee",
            cohort: nil, started: Fixture.started(), unlessUnfinished: true)
        guard case .started(let third) = start else {
            Issue.record("a run set aside was picked up: \(start)")
            return
        }
        #expect(third.attempt == 3)
        // Setting aside again keeps the first reason.
        try store.setAside(enrollmentID: older.id, reason: "again")
        #expect(try store.setAsideRuns().map(\.reason) == ["too", "continued from the server"])
    }

    @Test func aRenumberedLogStillPassesValidation() throws {
        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/demo.yml", text: ParcoursTestSupport.Fixture.Branches.graph))
        let path = try #require(course.path("main"))
        let session = SessionEvents(navigator: Navigator(course: course, path: path))
        let store = try ProgressStore.inMemory()
        let participant = try store.participant(named: "ada")
        var progress = LearnerProgress()
        var clock = Fixture.start
        let drafts = session.start(language: "fr", cohort: nil, attempt: 1)
        let first = session.stamp(drafts, on: progress, at: clock).events
        for event in first { progress.apply(event) }
        let enrollment = try store.startEnrollment(
            participantID: participant.id, courseID: "demo", pathID: "main", courseVersion: course.contentHash,
            cohort: nil, started: first[0], then: Array(first.dropFirst()))
        for _ in 0..<2 {
            clock += 30
            let events = session.stamp(session.advance(progress), on: progress, at: clock).events
            for event in events { progress.apply(event) }
            try store.append(events, to: enrollment.id)
        }
        func violation(_ attempt: Int) throws -> LogValidation.Violation? {
            let stored = try #require(try store.enrollment(enrollment.id))
            return LogValidation.check(
                try store.events(of: enrollment.id),
                attempt: LogValidation.Attempt(
                    pathID: stored.pathID, courseVersion: stored.courseVersion, attempt: attempt,
                    startedAt: stored.startedAt, finishedAt: stored.finishedAt),
                course: course, now: clock + 60)
        }
        #expect(try violation(1) == nil)
        #expect(try violation(4) != nil, "the log states attempt 1")

        #expect(try store.renumberAsNewAttempt(enrollmentID: enrollment.id, atLeast: 4) == 4)

        #expect(try violation(4) == nil)
        #expect(try violation(1) != nil)
    }
}
