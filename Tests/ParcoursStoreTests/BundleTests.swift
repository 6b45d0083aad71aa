import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// Bundles: export, the file format and its refusals, and idempotent all-or-nothing import.
@Suite struct BundleTests {
    /// A store with one learner who walked a little of a path: every payload field is set
    /// somewhere, times carry milliseconds.
    static func populated(_ store: ProgressStore, name: String = "ada") throws -> Enrollment {
        let enrollment = try Fixture.enroll(store, name: name, cohort: "2026-A")
        var events: [Event] = []
        for seq in 2...6 {
            var event = Fixture.event(seq, seq == 4 ? .answered : .entered, step: "step\(seq)")
            if seq == 4 { event.payload = Fixture.fullPayload }
            events.append(event)
        }
        try store.append(events, to: enrollment.id)
        return enrollment
    }

    static func exported(_ store: ProgressStore, name: String = "ada") throws -> ProgressBundle {
        try #require(try store.bundle(forParticipantNamed: name, exportedAt: Fixture.at(1_767_300_000_000)))
    }

    static func json(_ bundle: ProgressBundle) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: BundleCodec.encode(bundle)) as? [String: Any])
    }

    static func data(_ object: [String: Any]) throws -> Data {
        try JSONSerialization.data(withJSONObject: object)
    }

    /// Everything an import could change, to prove that a refusal changed nothing.
    static func snapshot(_ store: ProgressStore) throws -> [String] {
        var rows = try store.participants().map { "p \($0.id) \($0.name)" }
        for enrollment in try store.enrollments() {
            rows.append("e \(enrollment)")
            rows += try store.eventRecords(of: enrollment.id).map { "\($0)" }
        }
        return rows
    }

    @Test(arguments: StoreKind.allCases)
    func exportThenImportGivesTheSameLogs(kind: StoreKind) throws {
        let scratch = try Scratch()
        let source = try scratch.store(kind)
        let enrollment = try Self.populated(source)
        let bundle = try Self.exported(source)
        #expect(bundle.enrollments.count == 1)
        #expect(bundle.eventCount == 6)

        let decoded = try BundleCodec.decode(try BundleCodec.encode(bundle))
        #expect(decoded == bundle)

        let target = kind == .memory ? try ProgressStore.inMemory() : try ProgressStore.open(path: scratch.path("b"))
        let summary = try target.importBundle(decoded)
        #expect(summary.participantCreated)
        #expect(summary.enrollmentsAdded == 1)
        #expect(summary.eventsAdded == 6)
        let imported = try #require(try target.enrollments().first)
        #expect(imported.courseID == enrollment.courseID)
        #expect(imported.pathID == enrollment.pathID)
        #expect(imported.cohort == "2026-A")
        #expect(imported.attempt == enrollment.attempt)
        #expect(imported.startedAt == enrollment.startedAt)
        #expect(try target.events(of: imported.id) == source.events(of: enrollment.id))
        #expect(
            try target.eventRecords(of: imported.id).map(\.payload)
                == source.eventRecords(of: enrollment.id).map(\.payload))
        #expect(try target.participants().map(\.createdAt) == source.participants().map(\.createdAt))
    }

    @Test func importingTwiceAddsNothing() throws {
        let source = try ProgressStore.inMemory()
        _ = try Self.populated(source)
        let bundle = try Self.exported(source)
        let target = try ProgressStore.inMemory()
        try target.importBundle(bundle)
        let before = try Self.snapshot(target)
        let again = try target.importBundle(bundle)
        #expect(again.eventsAdded == 0)
        #expect(again.enrollmentsAdded == 0)
        #expect(!again.participantCreated)
        #expect(again.eventsPresent == 6)
        #expect(try Self.snapshot(target) == before)
    }

    @Test func aLaterBundleAddsOnlyWhatFollowed() throws {
        let source = try ProgressStore.inMemory()
        let enrollment = try Self.populated(source)
        let early = try Self.exported(source)
        try source.append(
            [Fixture.event(7, .completed, step: "step6"), Fixture.event(8, .finished, step: nil)],
            to: enrollment.id)
        let late = try Self.exported(source)
        let target = try ProgressStore.inMemory()
        try target.importBundle(early)
        let summary = try target.importBundle(late)
        #expect(summary.eventsAdded == 2)
        #expect(summary.eventsPresent == 6)
        let imported = try #require(try target.enrollments().first)
        #expect(imported.finishedAt == Fixture.event(8).at)
        // The older bundle, imported after, changes nothing.
        #expect(try target.importBundle(early).eventsAdded == 0)
    }

    @Test func aDifferentEventUnderTheSameSeqIsAConflictAndWritesNothing() throws {
        let source = try ProgressStore.inMemory()
        _ = try Self.populated(source)
        let bundle = try Self.exported(source)
        let target = try ProgressStore.inMemory()
        try target.importBundle(bundle)
        var changed = bundle
        changed.enrollments[0].events[2].stepID = "elsewhere"
        changed.enrollments[0].events.append(Fixture.event(7, .completed, step: "step6"))
        let before = try Self.snapshot(target)
        #expect(throws: BundleError.self) { try target.importBundle(changed) }
        do {
            try target.importBundle(changed)
        } catch let error as BundleError {
            guard case .conflict = error else { throw error }
            #expect(error.description.contains("event 3"))
            #expect(error.exitCode == 65)
        }
        #expect(try Self.snapshot(target) == before)
    }

    @Test func anAttemptStartedElsewhereIsAConflict() throws {
        let laptop = try ProgressStore.inMemory()
        _ = try Self.populated(laptop)
        let target = try ProgressStore.inMemory()
        let other = try Fixture.enroll(target, name: "ada", cohort: "2026-B")
        try target.append(Fixture.event(2), to: other.id)
        let before = try Self.snapshot(target)
        #expect(throws: BundleError.self) { try target.importBundle(try Self.exported(laptop)) }
        #expect(try Self.snapshot(target) == before)
    }

    @Test func aBundleOfTwoEnrollmentsIsAllOrNothing() throws {
        let laptop = try ProgressStore.inMemory()
        _ = try Self.populated(laptop)
        let second = try laptop.startEnrollment(
            participantID: 1, courseID: "tour", pathID: "long", courseVersion: "v", cohort: nil,
            started: Fixture.started())
        try laptop.append(Fixture.event(2), to: second.id)
        var bundle = try Self.exported(laptop)
        #expect(bundle.enrollments.count == 2)
        let target = try ProgressStore.inMemory()
        // The store already holds the second attempt, with other events.
        let clash = try target.participant(named: "ada")
        let existing = try target.startEnrollment(
            participantID: clash.id, courseID: "tour", pathID: "long", courseVersion: "v", cohort: nil,
            started: Fixture.started())
        try target.append(Fixture.event(2, .completed), to: existing.id)
        let before = try Self.snapshot(target)
        #expect(throws: BundleError.self) { try target.importBundle(bundle) }
        #expect(try Self.snapshot(target) == before)
        bundle.enrollments.removeLast()
        #expect(try target.importBundle(bundle).eventsAdded == 6)
    }

    // MARK: - Refusals before anything is read into the store

    @Test(arguments: [0, 2, 99])
    func anotherFormatVersionIsRefused(version: Int) throws {
        let source = try ProgressStore.inMemory()
        _ = try Self.populated(source)
        var object = try Self.json(try Self.exported(source))
        object["formatVersion"] = version
        #expect(throws: BundleError.unsupportedVersion(found: version, minimum: 1, current: 1)) {
            try BundleCodec.decode(try Self.data(object))
        }
        let message = BundleError.unsupportedVersion(found: version, minimum: 1, current: 1).description
        #expect(message.contains("version \(version)"))
        #expect(message.contains(version > 1 ? "upgrade parcours" : "export it again"))
    }

    @Test(arguments: [
        ("{\"format\": \"parcours-bundle\", \"formatVersion\": 1", "not valid JSON"),
        ("[1, 2]", "wrong type"),
        ("{\"format\": \"other\", \"formatVersion\": 1}", "\"other\""),
        ("{\"formatVersion\": 1}", "missing"),
        ("{\"format\": \"parcours-bundle\"}", "formatVersion"),
        ("", "not valid JSON"),
    ])
    func somethingElseIsNotABundle(text: String, reason: String) throws {
        do {
            _ = try BundleCodec.decode(Data(text.utf8))
            Issue.record("decoded \(text)")
        } catch {
            guard case .notABundle = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.contains(reason), "\(error.description)")
        }
    }

    /// Each damage is made to a good bundle's JSON; the reason names what is wrong.
    @Test(arguments: [
        "missing events", "seq gap", "unknown type", "bad time", "negative time", "no participant name",
        "second started", "attempt 0", "started names another path",
    ])
    func aDamagedBundleIsRefusedWithItsReason(damage: String) throws {
        let source = try ProgressStore.inMemory()
        _ = try Self.populated(source)
        var object = try Self.json(try Self.exported(source))
        var enrollments = try #require(object["enrollments"] as? [[String: Any]])
        var events = try #require(enrollments[0]["events"] as? [[String: Any]])
        let expected: String
        switch damage {
        case "missing events":
            enrollments[0]["events"] = nil
            expected = "\"events\" is missing"
        case "seq gap":
            events[3]["seq"] = 9
            expected = "seq 9"
        case "unknown type":
            events[2]["type"] = "danced"
            expected = "\"danced\""
        case "bad time":
            events[1]["at"] = "yesterday"
            expected = "\"yesterday\" is not an RFC 3339 time"
        case "negative time":
            events[1]["activeMs"] = -5
            expected = "negative active time"
        case "no participant name":
            object["participant"] = ["name": " ", "createdAt": "2026-01-01T00:00:00.000Z"]
            expected = "no name"
        case "second started":
            events[2]["type"] = "started"
            expected = "only event 1"
        case "attempt 0":
            enrollments[0]["attempt"] = 0
            expected = "attempt 0"
        default:
            enrollments[0]["pathID"] = "other"
            expected = "another course, path or attempt"
        }
        if enrollments[0]["events"] != nil { enrollments[0]["events"] = events }
        object["enrollments"] = enrollments
        let data = try Self.data(object)
        do {
            _ = try BundleCodec.decode(data)
            Issue.record("accepted a bundle with \(damage)")
        } catch {
            guard case .malformed = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.contains(expected), "\(error.description)")
            #expect(error.description.contains("Nothing was imported"))
        }
    }

    @Test func anOversizedBundleIsRefusedBeforeParsing() throws {
        let data = Data(repeating: 0x20, count: BundleFormat.maximumBytes + 1)
        #expect(throws: BundleError.tooLarge(bytes: data.count, limit: 32 * 1024 * 1024)) {
            try BundleCodec.decode(data)
        }
        #expect(BundleError.tooLarge(bytes: 1, limit: BundleFormat.maximumBytes).description.contains("32 MiB"))
    }

    /// One limit at both ends: export refuses to write what import would refuse to read.
    @Test func aBundleOverTheImportLimitIsNotExported() throws {
        let store = try ProgressStore.inMemory()
        let enrollment = try Fixture.enroll(store)
        let note = String(repeating: "é", count: 32 * 1024)  // 64 KiB, the REPL's longest line
        for seq in 2...530 {
            var event = Fixture.event(seq, .noted)
            event.payload.text = note
            try store.append(event, to: enrollment.id)
        }
        let bundle = try #require(try store.bundle(forParticipantNamed: "ada"))
        #expect {
            try BundleCodec.encode(bundle)
        } throws: { error in
            guard case .tooLargeToExport(let bytes, let limit) = error as? BundleError else { return false }
            return bytes > limit && limit == BundleFormat.maximumBytes
        }
        #expect(
            BundleError.tooLargeToExport(bytes: 40 << 20, limit: BundleFormat.maximumBytes).description.contains(
                "40 MiB, over the 32 MiB"))
    }

    @Test func theFileCarriesItsFormatAndVersion() throws {
        let source = try ProgressStore.inMemory()
        _ = try Self.populated(source)
        let object = try Self.json(try Self.exported(source))
        #expect(object["format"] as? String == "parcours-bundle")
        #expect(object["formatVersion"] as? Int == BundleFormat.currentVersion)
        #expect(object["exportedAt"] as? String == "2026-01-01T20:40:00.000Z")
        #expect(BundleFormat.minimumCompatibleVersion <= BundleFormat.currentVersion)
    }

    @Test func anUnknownNameHasNoBundle() throws {
        let store = try ProgressStore.inMemory()
        _ = try Self.populated(store)
        #expect(try store.bundle(forParticipantNamed: "nobody") == nil)
    }
}
