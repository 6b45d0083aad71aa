import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// A log is checked by replaying it with the REPL's rules; each rule is shown broken once,
/// at the event that breaks it.
@Suite struct LogValidationTests {
    static let graph = """
        formatVersion: 1
        course: check
        version: "1"
        sourceLanguage: fr
        paths:
          - id: main
            budget: PT20M
            steps: [grid, quiz, fix, end]
        dimensions: [skill]
        scales:
          - id: four
            points: 4
        resources:
          - id: doc
            kind: guide
            url: https://example.org
            minutes: 5
        steps:
          - id: grid
            kind: assessment
            minutes: 3
            scale: four
            items:
              - id: skill
                dimension: skill
          - id: quiz
            kind: question
            minutes: 2
            choices:
              - id: a
                correct: true
              - id: b
            branches:
              - when: { answer: quiz, is: a }
                goto: end
          - id: fix
            kind: lesson
            minutes: 2
            optional: true
          - id: end
            kind: lesson
            minutes: 3
            final: true

        """

    /// The fixture's course; a fixture that does not load is an empty course, and every
    /// test below fails on it.
    static let course: Course =
        (try? CourseLoader.load(graph: SourceText(path: "Paths/check.yml", text: graph)))
        ?? Course(
            id: "broken", version: "0", contentHash: "", sourceLanguage: "fr", paths: [], steps: [:], dimensions: [],
            scales: [:], resources: [])

    static let start = Date(timeIntervalSince1970: 1_780_000_000)
    static let now = start.addingTimeInterval(3_600)

    /// A learner's walk as the REPL logs it: the grid, a wrong answer, the remedial lesson,
    /// `back`, forward again, a note and a saved resource, the end.
    static func walk() -> [Event] {
        guard let path = course.path("main") else { return [] }
        let session = SessionEvents(navigator: Navigator(course: course, path: path))
        var log = LogRecorder(start: start)
        log.log(session.start(language: "fr", cohort: nil, attempt: 1, seed: 4_000_000_000), after: 0)
        log.log([session.rate("grid", ratings: ["skill": 2])], after: 20)
        log.log(session.advance(log.progress), after: 5)
        log.log([session.answer("quiz", choices: ["b"])], after: 30)
        log.log(session.advance(log.progress), after: 5)
        log.log(session.back(log.progress), after: 10)
        log.log(session.advance(log.progress), after: 5)
        log.log([session.note("une idée", step: log.progress.currentStep)], after: 40)
        log.log([session.save("doc", step: log.progress.currentStep)], after: 3)
        log.log(session.advance(log.progress), after: 60)
        log.log(session.advance(log.progress), after: 90)
        return log.events
    }

    static func attempt(_ events: [Event], path: String = "main", number: Int = 1, version: String? = nil)
        -> LogValidation.Attempt
    {
        LogValidation.Attempt(
            pathID: path, courseVersion: version ?? course.contentHash, attempt: number,
            startedAt: events.first?.at ?? start, finishedAt: events.last { $0.type == .finished }?.at)
    }

    static func check(_ events: [Event], _ attempt: LogValidation.Attempt? = nil) -> LogValidation.Violation? {
        LogValidation.check(events, attempt: attempt ?? Self.attempt(events), course: course, now: now)
    }

    @Test func aWalkTheREPLWroteIsValid() {
        let events = Self.walk()
        #expect(events.last?.type == .finished)
        #expect(events.contains { $0.type == .entered && $0.stepID == "fix" })
        #expect(Self.check(events) == nil)
    }

    /// Each case breaks one rule at one event: (what, rule, seq).
    static let broken: [(String, String, Int?)] = [
        ("completion of a step never entered", "walk", 3),
        ("unknown step", "unknown-step", 3),
        ("rating of 99", "scale", 3),
        ("rating of an unknown item", "unknown-item", 3),
        ("an unknown choice", "unknown-choice", 6),
        ("a time in year 1", "date-range", 4),
        ("a time in year 9999", "date-range", 4),
        ("a start after its events", "time-order", 2),
        ("an event after finished", "after-finish", 17),
        ("a finish in the middle", "after-finish", 5),
        ("a 10 MB note", "size", 14),
        ("active time of Int.max", "active-time", 3),
        ("more active time than time passed", "active-time", 3),
        ("a jump to the last step", "walk", 5),
        ("a second started event", "sequence", 5),
        ("a required step set aside", "walk", 5),
        ("a seed out of range", "payload", 1),
        ("a seed on another event", "payload", 3),
        ("an unknown self-check item", "unknown-item", 6),
        ("a first attempt resetting itself", "attempt", 1),
        ("a reset on another event", "payload", 3),
    ]

    static func breaking(_ what: String, _ events: [Event]) -> [Event] {
        var events = events
        let at = events[2].at
        switch what {
        case "completion of a step never entered":
            events.insert(Event(seq: 3, type: .completed, stepID: "end", at: at), at: 2)
        case "unknown step":
            events.insert(Event(seq: 3, type: .completed, stepID: "nowhere", at: at), at: 2)
        case "rating of 99":
            events[2].payload.ratings = ["skill": 99]
        case "rating of an unknown item":
            events[2].payload.ratings = ["charisma": 2]
        case "an unknown choice":
            events[5].payload.choices = ["z"]
        case "a time in year 1":
            events[3].at = Date(timeIntervalSince1970: -62_135_596_800)
        case "a time in year 9999":
            events[3].at = Date(timeIntervalSince1970: 253_370_764_800)
        case "a start after its events":
            events[0].at = events[5].at
        case "an event after finished":
            events.append(Event(seq: events.count + 1, type: .noted, payload: EventPayload(text: "x"), at: now))
        case "a finish in the middle":
            events.insert(Event(seq: 4, type: .finished, stepID: "grid", at: at), at: 3)
        case "a 10 MB note":
            events[13].payload.text = String(repeating: "x", count: 10 << 20)
        case "active time of Int.max":
            events[2].activeMilliseconds = .max
        case "more active time than time passed":
            events[2].activeMilliseconds = 3_600_000
        case "a jump to the last step":
            events.insert(Event(seq: 5, type: .entered, stepID: "end", at: events[4].at), at: 4)
        case "a second started event":
            events.insert(Event(seq: 5, type: .started, at: events[4].at), at: 4)
        case "a required step set aside":
            events.insert(
                Event(
                    seq: 5, type: .waived, stepID: "end", payload: EventPayload(reason: .timeBudget), at: events[4].at),
                at: 4)
        case "a seed out of range":
            events[0].payload.seed = -1
        case "a seed on another event":
            events[2].payload.seed = 7
        case "an unknown self-check item":
            events[5].payload.checked = ["z"]
        case "a first attempt resetting itself":
            events[0].payload.resets = 1
        case "a reset on another event":
            events[2].payload.resets = 1
        default:
            Issue.record("no such case: \(what)")
        }
        for index in events.indices { events[index].seq = index + 1 }
        return events
    }

    @Test(arguments: broken)
    func eachRuleIsFoundAtItsEvent(what: String, rule: String, seq: Int?) {
        let events = Self.breaking(what, Self.walk())
        let violation = Self.check(events)
        #expect(violation?.rule == rule, "\(what): \(violation.map(String.init(describing:)) ?? "accepted")")
        #expect(violation?.seq == seq, "\(what): \(violation.map(String.init(describing:)) ?? "accepted")")
    }

    @Test func theAttemptItselfIsChecked() {
        let events = Self.walk()
        #expect(Self.check(events, Self.attempt(events, path: "nope"))?.rule == "unknown-path")
        #expect(Self.check(events, Self.attempt(events, number: .max))?.rule == "attempt")
        #expect(Self.check(events, Self.attempt(events, number: 0))?.rule == "attempt")
        var unfinished = Self.attempt(events)
        unfinished.finishedAt = nil
        #expect(Self.check(events, unfinished)?.rule == "finish")
        #expect(Self.check(Array(events.dropFirst()))?.rule == "sequence")
        // `parcours reset`: attempt 3 may replace attempt 1 or 2, nothing else.
        var again = events
        again[0].payload.attempt = 3
        for (replaced, valid) in [(2, true), (1, true), (3, false), (0, false), (-1, false)] {
            again[0].payload.resets = replaced
            let violation = Self.check(again, Self.attempt(again, number: 3))
            #expect((violation == nil) == valid, "resets \(replaced): \(String(describing: violation))")
            if !valid { #expect(violation?.rule == "attempt" && violation?.seq == 1) }
        }
    }

    /// A log of an earlier version of the course is not held to today's walk, but to every
    /// other rule.
    @Test func anEarlierVersionIsCheckedForAllButTheWalk() {
        let events = Self.breaking("a jump to the last step", Self.walk())
        let older = Self.attempt(events, version: "sha256:older")
        #expect(Self.check(events, older) == nil)
        let rated = Self.breaking("rating of 99", Self.walk())
        #expect(Self.check(rated, Self.attempt(rated, version: "sha256:older"))?.rule == "scale")
    }
}
