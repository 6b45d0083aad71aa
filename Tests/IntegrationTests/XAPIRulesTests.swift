import Foundation
import ParcoursCore
import ParcoursStore
import ParcoursTestSupport
import Testing

/// Every statement parcours writes keeps the rules of xAPI 1.0.3 and of cmi5's results
/// (`XAPIRules`, written from the specifications, independent of any LRS): learners walked
/// through the REPL into a real store on the tour, the three Alliances paths and the demo
/// course with a mastery score; the same logs with their sittings killed (abandoned) and
/// their waivers of every reason.
@Suite("xAPI statements keep the specification's rules")
struct XAPIRulesTests {
    /// The courses walked: the shipped paths, and the demo with a mastery score.
    static let fixtures: [CourseFixture] = [
        CourseFixture.shipped("parcours-tour", path: "tour", budget: ("PT10M", "PT30M")),
        CourseFixture.shipped("alliances-territoires", path: "alliances-2h"),
        CourseFixture.shipped("alliances-territoires", path: "alliances-4h"),
        CourseFixture.shipped("alliances-territoires", path: "alliances-12h"),
        CourseFixture(
            name: "demo",
            graph: Fixture.graph.replacingOccurrences(
                of: "    budget: PT10M\n", with: "    budget: PT10M\n    masteryScore: 0.5\n"),
            locale: Fixture.locale("fr"), path: "main"),
    ]

    /// One walk's log, and its variants: killed before each `suspended` (the sitting then
    /// ends without it, and the next `resumed` abandons it), and each waiver given each reason.
    static func logs(seed: Int) throws -> (walk: StoredWalk, logs: [[Event]]) {
        let fixture = fixtures[seed % fixtures.count]
        let walk = try StoredWalk(fixture, seed: UInt64(seed) &* 104_729 &+ 3, store: try ProgressStore.inMemory())
        let events = try walk.store.events(of: walk.enrollment.id)
        var logs = [events]
        var killed = events.filter { $0.type != .suspended }
        for index in killed.indices { killed[index].seq = index + 1 }
        logs.append(killed)
        for reason in WaiverReason.allCases {
            logs.append(
                events.map { event in
                    var event = event
                    if event.type == .waived { event.payload.reason = reason }
                    return event
                })
        }
        return (walk, logs)
    }

    static func statements(_ walk: StoredWalk, _ events: [Event]) throws -> Data {
        try XAPIMapping.encode(mapped(walk, events, attempt: 1))
    }

    static func mapped(_ walk: StoredWalk, _ events: [Event], attempt number: Int, replacing: [XAPIStatement] = [])
        -> [XAPIStatement]
    {
        let course = walk.course
        let attempt = XAPIMapping.Attempt(
            participant: "ada", courseID: course.id, pathID: walk.enrollment.pathID,
            courseVersion: course.contentHash, cohort: "A", attempt: number)
        return XAPIMapping(courses: [course.id: course]).statements(
            for: attempt, events: events, replacing: replacing)
    }

    /// The log's statements as attempt 1, then the same log as attempt 2, which resets it
    /// (`parcours reset`): attempt 1's statements, then attempt 2's, which void them first.
    static func resetStatements(_ walk: StoredWalk, _ events: [Event]) throws -> Data {
        let first = mapped(walk, events, attempt: 1)
        var again = events
        again[0].payload.attempt = 2
        again[0].payload.resets = 1
        return try XAPIMapping.encode(first + mapped(walk, again, attempt: 2, replacing: first))
    }

    @Test(arguments: 0..<40)
    func everyStatementOfAWalkIsValid(seed: Int) throws {
        let (walk, logs) = try Self.logs(seed: seed)
        for (variant, events) in logs.enumerated() {
            let data = try Self.statements(walk, events)
            let violations = try XAPIRules.check(data)
            #expect(
                violations.isEmpty,
                "seed \(seed), variant \(variant): \(violations.prefix(10).map(\.description).joined(separator: "\n"))")
            // No two statements share an id, and exporting again gives the same ids.
            let ids = try Self.ids(data)
            #expect(Set(ids).count == ids.count, "seed \(seed), variant \(variant): duplicate ids")
            #expect(try Self.ids(Self.statements(walk, events)) == ids)
        }
        // Reset: attempt 2 voids each of attempt 1's statements once, and the whole passes,
        // the rule that a voiding statement is never voided included.
        let reset = try Self.resetStatements(walk, logs[0])
        let violations = try XAPIRules.check(reset)
        #expect(violations.isEmpty, "seed \(seed), reset: \(violations.prefix(10).map(\.description))")
        let statements = try Self.decode(reset)
        let first = try Self.ids(try Self.statements(walk, logs[0]))
        let targets = statements.filter { Self.verb($0) == "http://adlnet.gov/expapi/verbs/voided" }.compactMap {
            ($0["object"] as? [String: Any])?["id"] as? String
        }
        #expect(targets == first, "seed \(seed): each statement of attempt 1 voided once, in order")
        #expect(Set(try Self.ids(reset)).count == statements.count, "seed \(seed): duplicate ids")
    }

    /// The walks reach every statement shape the rules are about, so the test above is not
    /// vacuous: abandoned sittings, waivers, graded answers, paths completed, passed or
    /// failed against a mastery score, satisfied.
    @Test func theWalksWriteEveryKindOfStatement() throws {
        var verbs: [String: Int] = [:]
        var pathJudged = 0
        for seed in 0..<40 {
            let (walk, logs) = try Self.logs(seed: seed)
            for events in logs + [logs[0]] {
                let statements = try Self.decode(
                    events == logs[0] ? try Self.resetStatements(walk, events) : try Self.statements(walk, events))
                for statement in statements {
                    let verb = ((statement["verb"] as? [String: Any])?["id"] as? String) ?? ""
                    verbs[verb.split(separator: "/").last.map(String.init) ?? verb, default: 0] += 1
                    let object = ((statement["object"] as? [String: Any])?["id"] as? String) ?? ""
                    if (verb.hasSuffix("/passed") || verb.hasSuffix("/failed")) && object.hasSuffix("/paths/main") {
                        pathJudged += 1
                    }
                }
            }
        }
        for verb in [
            "initialized", "progressed", "passed", "failed", "answered", "completed", "waived", "abandoned",
            "suspended", "resumed", "satisfied", "terminated", "voided",
        ] {
            #expect(verbs[verb, default: 0] > 0, "no \(verb) statement in the walks: \(verbs)")
        }
        #expect(pathJudged > 0, "no path passed or failed against its mastery score")
    }

    // MARK: - The rules can fail

    /// A valid statement, then the same broken one rule at a time: each is caught, under the
    /// section it breaks.
    static var valid: [String: Any] {
        [
            "id": "0b5c1a3e-8a1e-5e2b-9c1d-3f6a7b8c9d0e",
            "actor": [
                "objectType": "Agent", "name": "ada", "account": ["homePage": "https://x.invalid", "name": "ada"],
            ],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/passed", "display": ["en-US": "passed"]],
            "object": [
                "objectType": "Activity", "id": "https://x.invalid/courses/c/paths/p",
                "definition": ["type": "http://adlnet.gov/expapi/activities/module"],
            ],
            "result": [
                "success": true, "duration": "PT1M1.5S", "score": ["scaled": 0.75, "raw": 3, "min": 0, "max": 4],
            ],
            "context": [
                "registration": "6e1f3c0a-1b2c-5d3e-8f4a-5b6c7d8e9f00", "language": "fr-FR",
                "contextActivities": ["grouping": [["id": "https://x.invalid/courses/c", "objectType": "Activity"]]],
                "extensions": ["https://w3id.org/xapi/cmi5/context/extensions/masteryscore": 0.7],
            ],
            "timestamp": "2026-01-01T00:00:00.123Z",
        ]
    }

    static func broken(_ change: (inout [String: Any]) -> Void) -> [String: Any] {
        var statement = valid
        change(&statement)
        return statement
    }

    static func set(_ statement: inout [String: Any], _ path: [String], _ value: Any?) {
        guard let key = path.first else { return }
        if path.count == 1 {
            statement[key] = value
            return
        }
        var inner = statement[key] as? [String: Any] ?? [:]
        set(&inner, Array(path.dropFirst()), value)
        statement[key] = inner
    }

    static var breaks: [(String, [String], Any?)] {
        [
            ("Data 2.2", ["actor"], nil),
            ("Data 2.2", ["verb", "id"], nil),
            ("Data 2.2", ["stored"], "2026-01-01T00:00:00Z"),
            ("Data 2.2", ["result", "response"], NSNull()),
            ("Data 2.2", ["result", "grade"], "A"),
            ("Data 2.4.1", ["id"], "not-a-uuid"),
            ("Data 2.4.2.1", ["actor", "mbox"], "mailto:ada@example.org"),
            ("Data 2.4.2.1", ["actor", "account"], nil),
            ("Data 2.4.2.4", ["actor", "account", "homePage"], "x.invalid"),
            ("Data 2.4.3", ["verb", "id"], "passed"),
            ("Data 4.2", ["verb", "display"], ["en_US": "passed"]),
            ("Data 2.4.4.1", ["object", "id"], "courses/c"),
            ("Data 2.4.4.1", ["object", "definition", "type"], "module"),
            ("Data 2.4.4.1", ["object", "definition", "interactionType"], "multiple-choice"),
            ("Data 2.4.5.1", ["result", "score", "scaled"], 1.5),
            ("Data 2.4.5.1", ["result", "score", "raw"], 5),
            ("Data 2.4.5.1", ["result", "score", "min"], 4),
            ("Data 2.4.5.1", ["result", "score", "raw"], "3"),
            ("Data 2.2", ["result", "success"], "true"),
            ("Data 4.6", ["result", "duration"], "PT0.006S"),
            ("Data 4.6", ["result", "duration"], "PT1:30"),
            ("Data 2.4.7", ["timestamp"], "2026-01-01T00:00:00.123"),
            ("Data 2.4.7", ["timestamp"], "2026-13-01T00:00:00Z"),
            ("cmi5 9.7", ["timestamp"], "2026-01-01T01:00:00+01:00"),
            ("Data 2.4.6", ["context", "registration"], "attempt-1"),
            ("Data 2.4.6", ["context", "language"], "french!"),
            ("Data 4.1", ["context", "extensions", "seed"], 3),
            ("Data 2.2", ["context", "contextActivities", "parents"], [["id": "https://x.invalid"]]),
            ("Data 2.4.6.2", ["context", "contextActivities", "parent"], ["id": "https://x.invalid"]),
            ("cmi5 9.5.2", ["result", "success"], false),
            ("cmi5 9.5.3", ["result", "completion"], true),
            ("cmi5 9.5.4", ["result", "duration"], nil),
            (
                "cmi5 9.3.4", ["context", "extensions", "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"],
                0.8
            ),
        ]
    }

    @Test func theValidStatementIsValid() throws {
        let data = try JSONSerialization.data(withJSONObject: [Self.valid])
        #expect(try XAPIRules.check(data) == [])
    }

    @Test(arguments: 0..<XAPIRulesTests.breaks.count)
    func eachBrokenRuleIsCaught(index: Int) throws {
        let (rule, path, value) = Self.breaks[index]
        let statement = Self.broken { Self.set(&$0, path, value) }
        let violations = try XAPIRules.check(try JSONSerialization.data(withJSONObject: [statement]))
        #expect(violations.contains { $0.rule == rule }, "\(path) = \(String(describing: value)): \(violations)")
    }

    /// A voiding statement (Data 2.3.2), and the same broken: its object an Activity, a
    /// StatementRef without a UUID or with a definition, a voiding statement voided.
    static var voiding: [String: Any] {
        [
            "id": "1b5c1a3e-8a1e-5e2b-9c1d-3f6a7b8c9d0e",
            "actor": ["objectType": "Agent", "account": ["homePage": "https://x.invalid", "name": "ada"]],
            "verb": ["id": "http://adlnet.gov/expapi/verbs/voided", "display": ["en-US": "voided"]],
            "object": ["objectType": "StatementRef", "id": "0b5c1a3e-8a1e-5e2b-9c1d-3f6a7b8c9d0e"],
            "timestamp": "2026-01-02T00:00:00.000Z",
        ]
    }

    @Test func aVoidingStatementIsValid() throws {
        let data = try JSONSerialization.data(withJSONObject: [Self.valid, Self.voiding])
        #expect(try XAPIRules.check(data) == [])
    }

    static var voidingBreaks: [(String, [String], Any?)] {
        [
            ("Data 2.3.2", ["object"], ["objectType": "Activity", "id": "https://x.invalid/courses/c"]),
            ("Data 2.4.4.3", ["object", "id"], "statement-1"),
            ("Data 2.2", ["object", "definition"], ["type": "http://adlnet.gov/expapi/activities/module"]),
            ("Data 2.3.2", ["object", "objectType"], nil),
        ]
    }

    @Test(arguments: 0..<XAPIRulesTests.voidingBreaks.count)
    func eachBrokenVoidingRuleIsCaught(index: Int) throws {
        let (rule, path, value) = Self.voidingBreaks[index]
        var statement = Self.voiding
        Self.set(&statement, path, value)
        let violations = try XAPIRules.check(try JSONSerialization.data(withJSONObject: [statement]))
        #expect(violations.contains { $0.rule == rule }, "\(path) = \(String(describing: value)): \(violations)")
    }

    @Test func aVoidingStatementIsNeverVoided() throws {
        var again = Self.voiding
        again["id"] = "2b5c1a3e-8a1e-5e2b-9c1d-3f6a7b8c9d0e"
        again["object"] = ["objectType": "StatementRef", "id": "1b5c1a3e-8a1e-5e2b-9c1d-3f6a7b8c9d0e"]
        let violations = try XAPIRules.check(try JSONSerialization.data(withJSONObject: [Self.voiding, again]))
        #expect(violations.map(\.rule) == ["Data 2.3.2"], "\(violations)")
        #expect(violations.first?.statement == 1)
    }

    @Test(arguments: [
        ("en-US", true), ("fr", true), ("zh-Hant-TW", true), ("es-419", true), ("x-klingon", true),
        ("de-CH-1996", true), ("franç", false), ("en_US", false), ("", false), ("e", false), ("en-", false),
    ])
    func languageTagsFollowRFC5646(tag: String, valid: Bool) {
        #expect(XAPIRules.isLanguageTag(tag) == valid)
    }

    // MARK: - Helpers

    static func decode(_ data: Data) throws -> [[String: Any]] {
        try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    }

    static func verb(_ statement: [String: Any]) -> String? {
        (statement["verb"] as? [String: Any])?["id"] as? String
    }

    static func ids(_ data: Data) throws -> [String] {
        try decode(data).compactMap { $0["id"] as? String }
    }
}
