import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// Every event type, with every payload field, comes back from the store as it went in.
@Suite("Event round trip")
struct EventRoundTripTests {
    @Test(arguments: StoreKind.allCases, EventType.allCases.filter { $0 != .started })
    func everyTypeWithEveryField(kind: StoreKind, type: EventType) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        let event = Event(
            seq: 2, type: type, stepID: "step-\(type.rawValue)", payload: Fixture.fullPayload,
            at: Fixture.at(1_767_225_642_165), activeMilliseconds: 41_999)

        try store.append(event, to: enrollment.id)

        let events = try store.events(of: enrollment.id)
        #expect(events.count == 2)
        #expect(events.last == event)
    }

    @Test(arguments: StoreKind.allCases)
    func startedEventKeepsEveryFieldAndIsCompletedFromTheEnrollment(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let ada = try store.participant(named: "ada")
        var payload = Fixture.fullPayload
        payload.attempt = nil
        payload.courseID = nil
        let started = Event(
            seq: 1, type: .started, stepID: "intro", payload: payload, at: Fixture.start,
            activeMilliseconds: 0)

        let enrollment = try store.startEnrollment(
            participantID: ada.id, courseID: "tour", pathID: "short",
            courseVersion: "sha256:c0ffee", cohort: "2026-spring", started: started)

        var expected = started
        expected.payload = Fixture.fullPayload
        #expect(try store.events(of: enrollment.id) == [expected])
        #expect(enrollment.startedAt == Fixture.start)
    }

    @Test(arguments: StoreKind.allCases)
    func datesAreKeptToTheMillisecond(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        let fine = Date(timeIntervalSince1970: 1_767_225_600.123_456_7)

        try store.append(Event(seq: 2, type: .noted, at: fine), to: enrollment.id)

        let stored = try #require(try store.events(of: enrollment.id).last)
        #expect(stored.at == Date(timeIntervalSince1970: 1_767_225_600.123))
        #expect(stored.at.storeMilliseconds == 1_767_225_600_123)
    }

    @Test(arguments: StoreKind.allCases)
    func payloadIsStoredAsJSONWithSortedKeysAndNoNulls(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        let payload = EventPayload(choices: ["b", "a"], reason: .learner)

        try store.append(
            Event(seq: 2, type: .waived, stepID: "quiz", payload: payload, at: Fixture.start),
            to: enrollment.id)

        let record = try #require(try store.eventRecords(of: enrollment.id).last)
        #expect(record.payload == #"{"choices":["b","a"],"reason":"learner"}"#)
        #expect(record.type == "waived")
        #expect(record.stepID == "quiz")
    }

    @Test(arguments: StoreKind.allCases)
    func aRowFromANewerParcoursIsRefusedNotMisread(kind: StoreKind) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        let enrollment = try Fixture.enroll(store)
        try store.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event (enrollment_id, seq, type, payload, at, active_ms)
                    VALUES (?, 2, 'teleported', '{}', 0, 0)
                    """, arguments: [enrollment.id])
        }

        #expect(throws: StoreError.self) { try store.events(of: enrollment.id) }
        do {
            _ = try store.events(of: enrollment.id)
        } catch {
            #expect(error.exitCode == 65)
            guard case .unreadableEvent(_, 2, _) = error else {
                Issue.record("expected unreadableEvent, got \(error)")
                return
            }
        }
    }
}
