import Foundation
import ParcoursCore
import ParcoursStore
import ParcoursTestSupport
import Testing

@testable import ParcoursTerminal

/// A course to walk, with the words the REPL shows on it: the test-support fixtures, and the
/// courses the repository ships (assessments, resources, text answers, activities).
struct CourseFixture: Sendable, CustomTestStringConvertible {
    let name: String
    let graph: String
    let locale: String
    let path: String

    static let all = [
        CourseFixture(name: "demo", graph: Fixture.graph, locale: Fixture.locale("fr"), path: "main"),
        CourseFixture(
            name: "branches", graph: Fixture.Branches.graph, locale: Fixture.Branches.locale("fr"), path: "main"),
        CourseFixture(
            name: "atelier", graph: ActivityFixture.graph, locale: ActivityFixture.locale("fr"), path: "work"),
        // With time to spare, so its resources step is not set aside and `garder` keeps one.
        shipped("parcours-tour", path: "tour", budget: ("PT10M", "PT30M")),
        shipped("alliances-territoires", path: "alliances-2h"),
    ]

    /// The repository's root, where `Paths/` and `Locales/` are.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func shipped(_ name: String, path: String, budget: (String, String)? = nil) -> CourseFixture {
        func read(_ file: String) -> String {
            (try? String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        var graph = read("Paths/\(name).yml")
        if let (old, new) = budget { graph = graph.replacingOccurrences(of: "budget: \(old)", with: "budget: \(new)") }
        return CourseFixture(name: name, graph: graph, locale: read("Locales/fr/\(name).yml"), path: path)
    }

    var testDescription: String { name }

    func course() throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "Paths/\(name).yml", text: graph))
    }

    /// The French UI catalog of the repository over the course's words.
    func words() throws -> Catalog {
        let file = Self.root.appendingPathComponent("Locales/fr/ui.yml").path
        let ui = try #require(
            LocaleFileDecoder.decodeUICatalog(try String(contentsOfFile: file, encoding: .utf8), file: file).0)
        let course = try #require(LocaleFileDecoder.decodeCourseLocale(locale, file: "\(name).yml").0)
        return Catalog(language: "fr", files: [ui.entries, course.entries], fallbackFiles: [])
    }
}

/// A clock that moves on by a random gap each time it is read, in whole milliseconds (the
/// store's unit, so a time read back is the time written): mostly seconds to minutes, now
/// and then past the idle threshold and the cap of offline work.
final class RandomClock {
    private var random: SeededGenerator
    private var milliseconds = 1_700_000_000_000

    init(seed: UInt64) {
        random = SeededGenerator(seed: seed)
    }

    var now: Date { Date(timeIntervalSince1970: Double(milliseconds) / 1_000) }

    func read() -> Date {
        milliseconds += random.below(10) == 0 ? random.below(5_400_000) : random.below(400_000)
        return now
    }
}

/// What a learner may type: commands, answers, ratings, text, mistakes; Enter and answers
/// most often, so walks get far.
enum LearnerLines {
    static let lines = [
        "", "", "", "", "", "", "", "suivant", "retour", "passer", "oui", "non", "je connais déjà", "1", "1", "2",
        "1 2", "1 2", "a", "b", "3", "4", "5", "note une idée é✓ « à voir »", "garder 1", "garder 2", "pause",
        "chrono", "plan", "plan appliquer", "plan reprendre 1", "plan reprendre 2", "etat", "ressources", "journal",
        "aide", "Le maire, au centre", "suivnat", "ok", "ressources tout",
    ]
    /// Lines that end a sitting (`stop` only on a checkpoint), now and then.
    static let leaving = ["quitter", "stop"]

    /// A sitting's input: `count` lines, now and then Ctrl-C or a way out.
    static func sitting(_ count: Int, using random: inout SeededGenerator) -> [LineInput] {
        (0..<count).map { _ in
            switch random.below(60) {
            case 0, 1: .interrupt
            case 2: .line(leaving[random.below(leaving.count)])
            default: .line(lines[random.below(lines.count)])
            }
        }
    }
}

/// One learner walking a fixture course through the real `REPL`, sitting after sitting, with
/// every action written to a real `ProgressStore`: the way `start` and `resume` run it.
struct StoredWalk {
    let course: Course
    let store: ProgressStore
    let enrollment: Enrollment
    let clock: RandomClock
    /// The REPL's own progress at the end of each sitting, never read back from the store.
    var liveAfterSittings: [LearnerProgress] = []
    /// The number of events in the log at the end of each sitting.
    var eventCounts: [Int] = []

    var live: LearnerProgress { liveAfterSittings.last ?? LearnerProgress() }

    /// The REPL's log: each action appended to the store in one transaction, as the CLI's.
    struct StoreLog: EventLog {
        let store: ProgressStore
        let enrollmentID: Int64

        func append(_ events: [Event]) throws {
            try store.append(events, to: enrollmentID)
        }
    }

    init(_ fixture: CourseFixture, seed: UInt64, store: ProgressStore) throws {
        var random = SeededGenerator(seed: seed)
        course = try fixture.course()
        let path = try #require(course.path(fixture.path))
        let words = try fixture.words()
        let session = SessionEvents(navigator: Navigator(course: course, path: path))
        let clock = RandomClock(seed: seed &+ 1)
        self.clock = clock
        self.store = store

        // `start`: the attempt and its first events in one transaction.
        let participant = try store.participant(named: "ada", at: clock.read())
        var live = LearnerProgress()
        let started = session.stamp(
            // Every other walk with its own order of choices, the others in the written order.
            session.start(
                language: "fr", cohort: "A", attempt: 1,
                seed: seed % 2 == 0 ? nil : Int(truncatingIfNeeded: seed & 0xFFFF_FFFF)),
            on: live, at: clock.read()
        ).events
        enrollment = try store.startEnrollment(
            participantID: participant.id, courseID: course.id, pathID: path.id, courseVersion: course.contentHash,
            cohort: "A", started: started[0], then: Array(started.dropFirst()))
        for event in started { live.apply(event) }

        let sittings = 1 + random.below(5)
        for sitting in 0..<sittings where !live.isFinished {
            let resuming = sitting > 0
            if resuming {
                // `resume`: coming back is logged before the REPL runs.
                let events = session.stamp(session.resume(live), on: live, at: clock.read()).events
                try store.append(events, to: enrollment.id, durability: .deferred)
                for event in events { live.apply(event) }
            }
            let screen = Screen(environment: TerminalEnvironment(isTTY: false), output: { _ in })
            let repl = REPL(
                context: REPL.Context(course: course, path: path, learner: "ada", clock: clock.read),
                screen: screen,
                reader: ScriptedLineReader(LearnerLines.sitting(random.below(80), using: &random)),
                log: StoreLog(store: store, enrollmentID: enrollment.id), words: words, progress: live)
            let outcome = repl.run(resuming: resuming)
            #expect(outcome == .finished || outcome == .suspended)
            live = repl.progress
            liveAfterSittings.append(live)
            eventCounts.append(try store.events(of: enrollment.id).count)
        }
    }
}
