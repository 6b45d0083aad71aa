import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// Participants, attempts and the rules of the log: consecutive seq, finished closes.
@Suite("Enrollments and the event log")
struct EnrollmentTests {
    @Test(arguments: StoreKind.allCases)
    func participantIsFoundOrCreatedByName(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)

        let ada = try store.participant(named: "ada", at: Fixture.start)
        let again = try store.participant(named: "ada")
        let grace = try store.participant(named: "grace")

        #expect(again == ada)
        #expect(ada.createdAt == Fixture.start)
        #expect(grace.id != ada.id)
        #expect(try store.participants().map(\.name) == ["ada", "grace"])
        #expect(throws: StoreError.invalid(reason: "a participant needs a name")) {
            try store.participant(named: "  ")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func attemptsCountPerParticipantAndPath(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)

        let first = try Fixture.enroll(store, name: "ada", pathID: "short")
        let second = try Fixture.enroll(store, name: "ada", pathID: "short")
        let otherPath = try Fixture.enroll(store, name: "ada", pathID: "long")
        let otherPerson = try Fixture.enroll(store, name: "grace", pathID: "short")
        let third = try Fixture.enroll(store, name: "ada", pathID: "short", cohort: "b")

        #expect([first, second, third].map(\.attempt) == [1, 2, 3])
        #expect(otherPath.attempt == 1)
        #expect(otherPerson.attempt == 1)
        #expect(third.cohort == "b")
        #expect(try store.enrollments(of: first.participantID) == [first, second, otherPath, third])
        #expect(try store.enrollments().count == 5)
        #expect(try store.events(of: second.id).first?.payload.attempt == 2)
    }

    /// The second event of a batch after 1, 2: a gap (5), a repeat in the batch (3), a
    /// repeat of a stored event (2). The valid first event must not be saved either.
    @Test(arguments: StoreKind.allCases, [5, 3, 2])
    func aGapOrARepeatedSeqIsRefusedAndWritesNothing(kind: StoreKind, seq: Int) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        try store.append(Fixture.event(2), to: enrollment.id)
        let before = try store.events(of: enrollment.id)

        #expect(
            throws: StoreError.outOfSequence(enrollmentID: enrollment.id, expected: 4, got: seq)
        ) {
            try store.append([Fixture.event(3), Fixture.event(seq)], to: enrollment.id)
        }
        #expect(throws: StoreError.outOfSequence(enrollmentID: enrollment.id, expected: 3, got: 2)) {
            try store.append(Fixture.event(2), to: enrollment.id)
        }
        #expect(try store.events(of: enrollment.id) == before)
    }

    @Test(arguments: StoreKind.allCases)
    func aBatchIsAppendedWhole(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        let batch = (2...6).map { Fixture.event($0, .completed) }

        try store.append(batch, to: enrollment.id)
        try store.append([], to: enrollment.id)

        #expect(try store.events(of: enrollment.id).map(\.seq) == [1, 2, 3, 4, 5, 6])
    }

    @Test(arguments: StoreKind.allCases)
    func finishedSetsFinishedAtInTheSameWrite(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        let other = try Fixture.enroll(store, name: "grace")
        #expect(enrollment.finishedAt == nil)

        let finished = Fixture.event(2, .finished, step: nil)
        try store.append(finished, to: enrollment.id)

        #expect(try store.enrollment(enrollment.id)?.finishedAt == finished.at)
        #expect(try store.enrollment(other.id)?.finishedAt == nil)
    }

    @Test(arguments: StoreKind.allCases)
    func refusedWrites(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)

        #expect(throws: StoreError.unknownEnrollment(999)) {
            try store.append(Fixture.event(1), to: 999)
        }
        #expect(throws: StoreError.unknownParticipant(999)) {
            try store.startEnrollment(
                participantID: 999, courseID: "tour", pathID: "short", courseVersion: "v",
                cohort: nil, started: Fixture.started())
        }
        #expect(throws: StoreError.self) {
            try store.append(Fixture.started(), to: enrollment.id)
        }
        #expect(throws: StoreError.self) {
            var negative = Fixture.event(2)
            negative.activeMilliseconds = -1
            try store.append(negative, to: enrollment.id)
        }
        #expect(throws: StoreError.self) {
            try store.startEnrollment(
                participantID: enrollment.participantID, courseID: "tour", pathID: "short",
                courseVersion: "v", cohort: nil, started: Fixture.event(1))
        }
        #expect(try store.events(of: enrollment.id).count == 1)
        #expect(try store.enrollments().count == 1)
    }

    @Test(arguments: StoreKind.allCases)
    func anAttemptStartsWithItsFirstStepInOneTransaction(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let ada = try store.participant(named: "ada")

        let enrollment = try store.startEnrollment(
            participantID: ada.id, courseID: "tour", pathID: "short", courseVersion: "v",
            cohort: nil, started: Fixture.started(), then: [Fixture.event(2), Fixture.event(3, .answered)])

        #expect(try store.events(of: enrollment.id).map(\.seq) == [1, 2, 3])
        #expect(try store.events(of: enrollment.id).map(\.type) == [.started, .entered, .answered])

        // A badly numbered follower, a second start, or a row refused halfway through the
        // transaction (negative active time) leaves no attempt behind.
        var negative = Fixture.event(3)
        negative.activeMilliseconds = -1
        for followers in [[Fixture.event(3)], [Fixture.event(2), Fixture.started()], [Fixture.event(2), negative]] {
            #expect(throws: StoreError.self) {
                try store.startEnrollment(
                    participantID: ada.id, courseID: "tour", pathID: "short", courseVersion: "v",
                    cohort: nil, started: Fixture.started(), then: followers)
            }
        }
        #expect(try store.enrollments().count == 1)
    }
}
