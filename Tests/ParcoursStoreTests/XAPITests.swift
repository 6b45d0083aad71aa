import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// xAPI statements: required properties, verbs, durations, ids and timestamps.
@Suite struct XAPITests {
    static let attempt = XAPIMapping.Attempt(
        participant: "ada", courseID: "demo", pathID: "main", courseVersion: "sha256:c0ffee",
        cohort: "2026-A", attempt: 1)

    static func at(_ seconds: Int) -> Date { Fixture.at(1_767_225_600_123 + Int64(seconds) * 1000) }

    /// One event of every type, in an order a learner could produce.
    static let log: [Event] = {
        let kinds: [(EventType, String?, EventPayload)] = [
            (.started, nil, EventPayload(courseID: "demo", pathID: "main", language: "fr", attempt: 1)),
            (.entered, "intro", EventPayload()),
            (.completed, "intro", EventPayload()),
            (.entered, "quiz", EventPayload()),
            (.answered, "quiz", EventPayload(choices: ["b"])),
            (.answered, "quiz", EventPayload(choices: ["a"])),
            (.rated, "quiz", EventPayload(ratings: ["clarity": 4, "pace": 2])),
            (.noted, "quiz", EventPayload(text: "à revoir")),
            (.saved, "quiz", EventPayload(resource: "doc")),
            (.paused, "quiz", EventPayload()),
            (.unpaused, "quiz", EventPayload()),
            (.suspended, nil, EventPayload()),
            (.resumed, nil, EventPayload()),
            (.waived, "fix", EventPayload(reason: .timeBudget, explanation: "plus le temps")),
            (.entered, "end", EventPayload()),
            (.completed, "end", EventPayload()),
            (.finished, nil, EventPayload()),
        ]
        return kinds.enumerated().map { index, kind in
            Event(
                seq: index + 1, type: kind.0, stepID: kind.1, payload: kind.2, at: at(index * 61),
                activeMilliseconds: index == 0 ? 0 : 61_007)
        }
    }()

    static func course() throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "demo.yml", text: ParcoursTestSupport.Fixture.graph))
    }

    static func statements(_ mapping: XAPIMapping = XAPIMapping()) -> [XAPIStatement] {
        mapping.statements(for: attempt, events: log)
    }

    /// The statements as a record store receives them.
    static func json(_ statements: [XAPIStatement]) throws -> [[String: Any]] {
        try #require(JSONSerialization.jsonObject(with: XAPIMapping.encode(statements)) as? [[String: Any]])
    }

    static func matches(_ text: String, _ pattern: String) -> Bool {
        text.range(of: pattern, options: .regularExpression) != nil
    }

    static let uuidPattern = "^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$"
    static let durationPattern = #"^P(?=\d|T\d)(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d{1,2})?S)?)?$"#
    static let timestampPattern = #"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$"#

    @Test func everyStatementHasTheRequiredProperties() throws {
        let statements = try Self.json(Self.statements(XAPIMapping(courses: ["demo": try Self.course()])))
        // `finished` gives the path's completed and satisfied before terminated.
        #expect(statements.count == Self.log.count + 2)
        for statement in statements {
            let id = try #require(statement["id"] as? String)
            #expect(Self.matches(id, Self.uuidPattern), "\(id)")
            let actor = try #require(statement["actor"] as? [String: Any])
            #expect(actor["objectType"] as? String == "Agent")
            let account = try #require(actor["account"] as? [String: Any])
            #expect(account["homePage"] as? String == "https://parcours.invalid")
            #expect(account["name"] as? String == "ada")
            #expect(actor["mbox"] == nil)
            let verb = try #require(statement["verb"] as? [String: Any])
            #expect((verb["id"] as? String)?.hasPrefix("http") == true)
            #expect((verb["display"] as? [String: String])?["en-US"] != nil)
            let object = try #require(statement["object"] as? [String: Any])
            #expect(object["objectType"] as? String == "Activity")
            #expect((object["id"] as? String)?.hasPrefix("https://parcours.invalid/courses/demo") == true)
            let timestamp = try #require(statement["timestamp"] as? String)
            #expect(Self.matches(timestamp, Self.timestampPattern), "\(timestamp)")
            let context = try #require(statement["context"] as? [String: Any])
            #expect(Self.matches(try #require(context["registration"] as? String), Self.uuidPattern))
            #expect(context["language"] as? String == "fr")
            if let result = statement["result"] as? [String: Any], let duration = result["duration"] as? String {
                #expect(Self.matches(duration, Self.durationPattern), "\(duration)")
            }
        }
        // No property is ever null: record stores reject nulls.
        let text = String(decoding: try XAPIMapping.encode(Self.statements()), as: UTF8.self)
        #expect(!text.contains("null"))
    }

    @Test func verbsFollowTheTable() {
        let verbs = Self.statements().map(\.verb.id)
        let adl = "http://adlnet.gov/expapi/verbs/"
        #expect(
            verbs == [
                adl + "initialized", adl + "progressed", adl + "completed", adl + "progressed",
                adl + "answered", adl + "answered", adl + "answered", adl + "commented", adl + "preferred",
                adl + "suspended", adl + "resumed", adl + "suspended", adl + "resumed",
                "https://w3id.org/xapi/adl/verbs/waived", adl + "progressed", adl + "completed",
                adl + "completed", "https://w3id.org/xapi/adl/verbs/satisfied", adl + "terminated",
            ])
        for type in EventType.allCases {
            #expect(!XAPIMapping.verb(for: type).id.isEmpty)
        }
    }

    @Test func aStepTakenBackHasAParcoursVerbAndNamesItsStep() {
        let verb = XAPIMapping.verb(for: .restored)
        #expect(verb.id == "https://parcours.invalid/xapi/verbs/restored")
        #expect(verb.display == ["en-US": "restored"])
        let log =
            Array(Self.log.prefix(2)) + [
                Event(seq: 3, type: .restored, stepID: "fix", at: Self.log[1].at)
            ]
        let statement = XAPIMapping().statements(for: Self.attempt, events: log)[2]
        #expect(statement.object.id.hasSuffix("/steps/fix"))
        #expect(statement.result == nil)
    }

    /// `parcours reset`: the new attempt's start voids each statement of the attempt it
    /// replaces, once, before its `initialized` (xAPI Data 2.3.2), with ids of its own that
    /// are the same at every export.
    @Test func aResetAttemptVoidsTheStatementsOfTheOneItReplaces() throws {
        let first = Self.statements()
        var log = Self.log
        log[0].payload.attempt = 2
        log[0].payload.resets = 1
        var attempt = Self.attempt
        attempt.attempt = 2
        let mapping = XAPIMapping()
        let sourced = mapping.sourcedStatements(for: attempt, events: log, replacing: first)
        let voids = sourced.prefix(first.count)
        #expect(voids.allSatisfy { $0.seq == 1 && $0.statement.verb.id == XAPIMapping.Verb.voided })
        #expect(voids.map(\.statement.object) == first.map { XAPIObject.statementRef(id: $0.id) })
        #expect(voids.allSatisfy { $0.statement.timestamp == "2026-01-01T00:00:00.123Z" })
        #expect(sourced[first.count].statement.verb.id == XAPIMapping.Verb.initialized)
        #expect(sourced.count == first.count + mapping.statements(for: attempt, events: log).count)
        let ids = sourced.map(\.statement.id)
        #expect(Set(ids).count == ids.count)
        #expect(Set(ids).isDisjoint(with: first.map(\.id)))
        #expect(mapping.sourcedStatements(for: attempt, events: log, replacing: first).map(\.statement.id) == ids)
        let json = try Self.json(voids.map(\.statement))
        #expect(json[0]["object"] as? [String: String] == ["objectType": "StatementRef", "id": first[0].id])
        #expect(json[0]["result"] == nil)

        // A voiding statement among those replaced is never voided, and an id only once.
        let again = mapping.statements(
            for: attempt, events: log, replacing: first + first + voids.map(\.statement))
        #expect(again.filter { $0.verb.id == XAPIMapping.Verb.voided }.count == first.count)
        // Without the replaced statements, nothing is voided.
        #expect(!mapping.statements(for: attempt, events: log).contains { $0.verb.id == XAPIMapping.Verb.voided })
    }

    @Test func activityIRIsAreBuiltFromCoursePathAndStep() {
        let mapping = XAPIMapping(homePage: "https://lms.example.org/", activityBase: "https://ex.org/x/")
        let statements = mapping.statements(for: Self.attempt, events: Self.log)
        #expect(statements[0].object.id == "https://ex.org/x/courses/demo/paths/main")
        #expect(statements[1].object.id == "https://ex.org/x/courses/demo/paths/main/steps/intro")
        #expect(statements[8].object.id == "https://ex.org/x/courses/demo/resources/doc")
        #expect(statements[16].object.id == "https://ex.org/x/courses/demo/paths/main")
        #expect(statements[17].object.id == "https://ex.org/x/courses/demo/paths/main/block")
        #expect(statements[17].object.activity?.definition?.type == "https://w3id.org/xapi/cmi5/activitytype/block")
        #expect(statements[18].object.id == "https://ex.org/x/courses/demo/paths/main")
        #expect(
            statements[1].context?.contextActivities?.parent?.first?.id == "https://ex.org/x/courses/demo/paths/main")
        #expect(statements[1].context?.contextActivities?.grouping?.first?.id == "https://ex.org/x/courses/demo")
        #expect(statements[0].actor.account.homePage == "https://lms.example.org")
        #expect(XAPIMapping.component("a b/é") == "a%20b%2F%C3%A9")
    }

    @Test func gradedAnswersCarrySuccessAndScore() throws {
        let statements = Self.statements(XAPIMapping(courses: ["demo": try Self.course()]))
        let wrong = try #require(statements[4].result)
        #expect(wrong.response == "b")
        #expect(wrong.success == false)
        #expect(wrong.score?.scaled == 0)
        let right = try #require(statements[5].result)
        #expect(right.success == true)
        #expect(right.score?.scaled == 1)
        #expect(statements[4].verb.id == "http://adlnet.gov/expapi/verbs/failed")
        #expect(statements[5].verb.id == "http://adlnet.gov/expapi/verbs/passed")
        #expect(statements[6].verb.id == "http://adlnet.gov/expapi/verbs/answered", "ratings are not graded")
        #expect(statements[5].object.activity?.definition?.interactionType == "choice")
        // Without the course, the answer is still recorded, ungraded.
        #expect(Self.statements()[5].result?.success == nil)
        #expect(Self.statements()[5].verb.id == "http://adlnet.gov/expapi/verbs/answered")
        #expect(Self.statements()[5].result?.response == "a")
    }

    /// The seed of the learner's order of choices is on the started statement, and an answer
    /// names the order it was given in; a self-check's ticks are its response.
    @Test func theChoiceOrderAndTheSelfCheckAreKept() throws {
        let course = try Self.course()
        let quiz = try #require(course.steps["quiz"])
        let seed = try #require((0..<100).first { ChoiceOrder.choices(of: quiz, seed: $0).first?.id == "b" })
        let log = [
            Event(
                seq: 1, type: .started, payload: EventPayload(courseID: "demo", pathID: "main", attempt: 1, seed: seed),
                at: Self.at(0)),
            Event(seq: 2, type: .entered, stepID: "quiz", at: Self.at(1)),
            Event(seq: 3, type: .answered, stepID: "quiz", payload: EventPayload(choices: ["a"]), at: Self.at(2)),
            Event(seq: 4, type: .answered, stepID: "fix", payload: EventPayload(checked: ["dated"]), at: Self.at(3)),
        ]
        let statements = XAPIMapping(courses: ["demo": course]).statements(for: Self.attempt, events: log)
        #expect(
            statements[0].context?.extensions?["https://parcours.invalid/xapi/extensions/seed"]
                == .number(Double(seed)))
        let answer = try #require(statements[2].result)
        #expect(answer.response == "a" && answer.success == true)
        #expect(
            answer.extensions?["https://parcours.invalid/xapi/extensions/choice-order"]
                == .array([.string("b"), .string("a")]))
        let ticks = try #require(statements[3].result)
        #expect(ticks.response == "dated" && ticks.success == nil)
        #expect(ticks.extensions?["https://parcours.invalid/xapi/extensions/checked"] == .array([.string("dated")]))
        // Without a seed, the written order is no news: no extension.
        #expect(Self.statements(XAPIMapping(courses: ["demo": course]))[5].result?.extensions == nil)
    }

    @Test func ratingsNotesAndWaiversKeepTheirData() throws {
        let statements = Self.statements()
        let rated = try #require(statements[6].result)
        #expect(rated.response == "4[,]2")
        #expect(
            rated.extensions?["https://parcours.invalid/xapi/extensions/ratings"]
                == .object(["clarity": .number(4), "pace": .number(2)]))
        #expect(statements[7].result?.response == "à revoir")
        let waived = try #require(statements[13].result)
        #expect(waived.completion == true)
        #expect(waived.success == true)
        #expect(waived.extensions?["https://w3id.org/xapi/cmi5/result/extensions/reason"] == .string("Administrative"))
        #expect(waived.extensions?["https://parcours.invalid/xapi/extensions/waiver-reason"] == .string("time-budget"))
        #expect(statements[13].object.id.hasSuffix("/steps/fix"))
        #expect(
            statements[9].context?.extensions?["https://parcours.invalid/xapi/extensions/event"] == .string("paused"))
        #expect(
            statements[0].context?.extensions?["https://parcours.invalid/xapi/extensions/cohort"] == .string("2026-A"))
    }

    @Test func durationsComeFromActiveTime() throws {
        let statements = Self.statements()
        // intro completed: the 61.007 s between entering and completing, to the 0.01 s.
        #expect(statements[2].result?.duration == "PT1M1S")
        #expect(statements[2].result?.completion == true)
        // The path completed: all active time, 16 gaps of 61.007 s.
        #expect(statements[16].verb.id == "http://adlnet.gov/expapi/verbs/completed")
        #expect(statements[16].result?.duration == "PT16M16.11S")
        #expect(statements[16].result?.completion == true)
        // terminated: the last sitting's time (4 gaps since `resumed`), and no completion
        // (cmi5 9.5.3: only completed and waived carry it).
        #expect(statements[18].result?.duration == "PT4M4.02S")
        #expect(statements[18].result?.completion == nil)
        #expect(statements[0].result == nil)
    }

    @Test(arguments: [
        (0, "PT0S"), (1, "PT0S"), (6, "PT0S"), (10, "PT0.01S"), (1_007, "PT1S"), (1_239, "PT1.23S"),
        (61_007, "PT1M1S"), (60_000, "PT1M"), (60_009, "PT1M"), (3_600_000, "PT1H"), (5_400_500, "PT1H30M0.5S"),
        (90_000_000, "PT25H"), (-5, "PT0S"),
    ])
    func durationsAreISO8601(milliseconds: Int, text: String) {
        #expect(XAPIDuration.format(milliseconds: milliseconds) == text)
        #expect(Self.matches(text, Self.durationPattern))
    }

    @Test func idsAreStableUniqueAndDependOnTheLearnerAndAttempt() throws {
        let first = Self.statements().map(\.id)
        let second = Self.statements().map(\.id)
        #expect(first == second)
        #expect(Set(first).count == first.count)
        var other = Self.attempt
        other.attempt = 2
        let retry = XAPIMapping().statements(for: other, events: Self.log).map(\.id)
        #expect(Set(retry).isDisjoint(with: first))
        other = Self.attempt
        other.participant = "bea"
        #expect(Set(XAPIMapping().statements(for: other, events: Self.log).map(\.id)).isDisjoint(with: first))
        // Grading does not change identity: a re-export with the course installed matches.
        #expect(Self.statements(XAPIMapping(courses: ["demo": try Self.course()])).map(\.id) == first)
        let registrations = Set(Self.statements().compactMap(\.context?.registration))
        #expect(registrations.count == 1)
    }

    /// A sitting left without `suspended` (killed, or closed while idle) is `abandoned` when
    /// the log goes on with `resumed`: with the sitting's active time, at its last event.
    @Test func aSittingLeftWithoutSuspendedIsAbandoned() throws {
        // The log without its `suspended` (seq 12): the learner's process died there.
        let killed = Self.log.filter { $0.type != .suspended }
        let statements = XAPIMapping().statements(for: Self.attempt, events: killed)
        let index = try #require(statements.firstIndex { $0.verb.id == "https://w3id.org/xapi/adl/verbs/abandoned" })
        let abandoned = statements[index]
        #expect(statements[index + 1].verb.id == "http://adlnet.gov/expapi/verbs/resumed")
        #expect(abandoned.object.id == "https://parcours.invalid/courses/demo/paths/main")
        // The first sitting: events 2 to 11 each 61.007 s after the one before.
        #expect(abandoned.result?.duration == "PT10M10.07S")
        #expect(abandoned.timestamp == statements[index - 1].timestamp)
        #expect(abandoned.result?.completion == nil && abandoned.result?.success == nil)
        #expect(statements.filter { $0.verb.id.hasSuffix("/abandoned") }.count == 1)
        // Left properly, nothing is abandoned; and a log that stops in a sitting says nothing
        // yet: the learner may still be at it.
        #expect(!Self.statements().contains { $0.verb.id.hasSuffix("/abandoned") })
        let open = XAPIMapping().statements(for: Self.attempt, events: Array(killed.prefix(11)))
        #expect(!open.contains { $0.verb.id.hasSuffix("/abandoned") })
        // Its id is its own, and stable.
        let ids = statements.map(\.id)
        #expect(Set(ids).count == ids.count)
        #expect(XAPIMapping().statements(for: Self.attempt, events: killed).map(\.id) == ids)
    }

    /// With a mastery score, finishing the path passes or fails it on the graded questions
    /// the learner was shown (cmi5 9.3.4, 9.3.5, 9.5.1, 9.6.3.2); satisfied only when passed.
    @Test(arguments: [0.5, 0.75, 1.0])
    func aPathWithAMasteryScoreIsPassedOrFailed(mastery: Double) throws {
        let graph = ParcoursTestSupport.Fixture.graph.replacing(
            "budget: PT10M\n", with: "budget: PT10M\n    masteryScore: \(mastery)\n")
        let course = try CourseLoader.load(graph: SourceText(path: "demo.yml", text: graph))
        let mapping = XAPIMapping(courses: ["demo": course])
        let statements = mapping.statements(for: Self.attempt, events: Self.log)
        // The latest answer to quiz is a, the right one: 1 of 1.
        let passed = try #require(
            statements.first {
                $0.verb.id == "http://adlnet.gov/expapi/verbs/passed" && $0.object.id.hasSuffix("/paths/main")
            })
        #expect(passed.result?.score == .init(scaled: 1, raw: 1, min: 0, max: 1))
        #expect(passed.result?.success == true)
        #expect(passed.result?.duration == "PT16M16.11S")
        #expect(passed.context?.extensions?[XAPIMapping.CMI5.masteryScore] == .number(mastery))
        #expect(statements.contains { $0.verb.id == "https://w3id.org/xapi/adl/verbs/satisfied" })
        // The same walk with the wrong answer last fails, and the path is not satisfied.
        var wrong = Self.log
        wrong[5].payload = EventPayload(choices: ["b"])
        let failedWalk = mapping.statements(for: Self.attempt, events: wrong)
        let failed = try #require(
            failedWalk.first {
                $0.verb.id == "http://adlnet.gov/expapi/verbs/failed" && $0.object.id.hasSuffix("/paths/main")
            })
        #expect(failed.result?.score == .init(scaled: 0, raw: 0, min: 0, max: 1))
        #expect(failed.result?.success == false)
        #expect(!failedWalk.contains { $0.verb.id == "https://w3id.org/xapi/adl/verbs/satisfied" })
        #expect(Set(failedWalk.map(\.id)).count == failedWalk.count)
        // Without a mastery score: completed and satisfied, never passed or failed.
        let plain = XAPIMapping(courses: ["demo": try Self.course()]).statements(for: Self.attempt, events: wrong)
        #expect(!plain.contains { $0.object.id.hasSuffix("/paths/main") && $0.verb.id.hasSuffix("/failed") })
        #expect(plain.contains { $0.verb.id == "https://w3id.org/xapi/adl/verbs/satisfied" })
    }

    @Test(arguments: [
        (WaiverReason.testedOut, "Tested Out"), (.timeBudget, "Administrative"), (.learner, "Learner"),
    ])
    func waiverReasonsMapToCMI5(reason: WaiverReason, cmi5: String) {
        var log = Self.log
        log[13].payload = EventPayload(reason: reason)
        let waived = XAPIMapping().statements(for: Self.attempt, events: log)[13]
        #expect(waived.verb.id == "https://w3id.org/xapi/adl/verbs/waived")
        #expect(waived.result?.extensions?[XAPIMapping.CMI5.reason] == .string(cmi5))
        #expect(
            waived.result?.extensions?["https://parcours.invalid/xapi/extensions/waiver-reason"]
                == .string(reason.rawValue))
    }

    @Test func timestampsAreTheEventTimesInUTC() {
        let statements = Self.statements()
        #expect(statements[0].timestamp == "2026-01-01T00:00:00.123Z")
        #expect(statements[1].timestamp == "2026-01-01T00:01:01.123Z")
    }

    // MARK: - SHA-1 and UUID v5

    @Test(arguments: [
        ("", "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
        ("abc", "a9993e364706816aba3e25717850c26c9cd0d89d"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "84983e441c3bd26ebaae4aa1f95129e5e54670f1"
        ),
        (String(repeating: "a", count: 1000), "291e9a6c66994949b57ba5e650361e98fc36b1ba"),
    ])
    func sha1MatchesTheStandardVectors(message: String, digest: String) {
        let hex = SHA1.hash(Array(message.utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hex == digest)
    }

    /// FIPS 180's million `a`, and every length around the padding's edges (56 and 64 bytes
    /// a block), against Python's hashlib.
    @Test(arguments: [
        (1_000_000, "34aa973cd4c4daa4f61eeb2bdbad27316534016f"), (55, "ddf57317ef34bfee3b6df83d359098930eb278bc"),
        (56, "a0d492bb0fc889d0eca3bc137066ab6f4f74f369"), (57, "11a02dcf95859677a62e75024067c22b165d890f"),
        (63, "c55856749bef509bdfe6bfebfc7bf4e793e82132"), (64, "bede92be29c3874e1b54ddc77988d606fc857a8e"),
        (65, "b05a80522b053d6dc7e0a517d0e70212c7dad11f"), (119, "504e27376a6e0f0dba8295b85cb25dc4dfa17d23"),
        (120, "82134b02fb3f702491be9bed581eeab59334acb2"),
    ])
    func sha1MatchesAtThePaddingsEdges(count: Int, digest: String) {
        let message =
            count == 1_000_000
            ? [UInt8](repeating: UInt8(ascii: "a"), count: count) : (0..<count).map { UInt8(($0 * 7 + 3) % 256) }
        let hex = SHA1.hash(message).map { String(format: "%02x", $0) }.joined()
        #expect(hex == digest)
    }

    @Test func uuidV5MatchesOtherImplementations() {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        #expect(
            UUIDv5.make(namespace: UUIDv5.dns, name: "python.org").uuidString.lowercased()
                == "886313e1-3b8a-5372-9b90-0c9aee199e5d")
        let url = UUIDv5.make(namespace: UUIDv5.url, name: "https://parcours.invalid/xapi")
        #expect(Self.matches(url.uuidString.lowercased(), Self.uuidPattern))
        // RFC 9562, appendix A.4.
        #expect(
            UUIDv5.make(namespace: UUIDv5.dns, name: "www.example.com").uuidString.lowercased()
                == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
        // Every statement id hangs on this namespace: it may never change.
        #expect(url.uuidString.lowercased() == "cd50afa8-9bbb-5318-816e-4cf27597cd2f")
    }
}
