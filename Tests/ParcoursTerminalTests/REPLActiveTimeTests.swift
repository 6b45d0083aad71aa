import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursTerminal

/// The REPL on an injected clock: the active time it stamps on events, the prompt's clock
/// and countdown as they tick while the learner takes their time, and the countdown's end.
@Suite("REPL active time")
struct REPLActiveTimeTests {
    /// A clock the test moves.
    final class TestClock: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_700_000_000)
    }

    /// What the reader saw: prompts, and each tick of the prompt while it waited.
    final class Seen {
        var prompts: [String] = []
        var ticks: [PromptTicker.Tick] = []
    }

    /// A learner who waits `minutes` before typing each line; while they wait, the prompt
    /// ticks every `tick` seconds, as `ReadlineLineReader` asks it to.
    struct PatientReader: LineReader {
        let clock: TestClock
        let seen: Seen
        var lines: [(minutes: Double, line: String)]
        /// Seconds between ticks; nil: a reader that never redraws (a pipe, `TERM=dumb`).
        var tick: TimeInterval? = 20
        var completion: CompletionProvider?
        var ticker: PromptTicker?
        var lastLineWasTruncated: Bool { false }

        mutating func readLine(prompt: String) -> LineInput {
            seen.prompts.append(prompt)
            guard !lines.isEmpty else { return .endOfInput }
            let (minutes, line) = lines.removeFirst()
            var waited: TimeInterval = 0
            guard let tick else {
                clock.now += minutes * 60
                return .line(line)
            }
            while waited < minutes * 60 {
                let step = min(tick, minutes * 60 - waited)
                clock.now += step
                waited += step
                if let ticker { seen.ticks.append(ticker.tick()) }
            }
            return .line(line)
        }

        func addHistory(_ line: String) {}
    }

    final class MemoryLog: EventLog {
        var events: [Event] = []
        func append(_ events: [Event]) throws { self.events += events }
    }

    static func words() throws -> Catalog {
        try InterfaceWords.catalog(courseLocale: ActivityFixture.locale("fr"))
    }

    /// Runs the REPL on the activity fixture; `lines` as `PatientReader` takes them.
    static func run(_ lines: [(minutes: Double, line: String)], tick: TimeInterval? = 20) throws -> (
        MemoryLog, Seen, String
    ) {
        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/atelier.yml", text: ActivityFixture.graph))
        let path = try #require(course.path("work"))
        let clock = TestClock()
        let log = MemoryLog()
        let session = SessionEvents(navigator: Navigator(course: course, path: path))
        var progress = LearnerProgress()
        for event in session.stamp(session.start(language: "fr", cohort: nil, attempt: 1), on: progress, at: clock.now)
            .events
        {
            try log.append([event])
            progress.apply(event)
        }
        let seen = Seen()
        nonisolated(unsafe) var output = ""
        let screen = Screen(environment: TerminalEnvironment(isTTY: false), output: { output += $0 })
        let repl = REPL(
            context: REPL.Context(course: course, path: path, learner: "ada", clock: { clock.now }),
            screen: screen, reader: PatientReader(clock: clock, seen: seen, lines: lines, tick: tick), log: log,
            words: try words(), progress: progress)
        #expect(repl.run(resuming: false) == .suspended)
        return (log, seen, output)
    }

    @Test func fortyMinutesOnTheActivityAreStampedAndPaceIsNotAhead() throws {
        let (log, seen, output) = try Self.run([
            (1, ""),  // intro, then the activity
            (0.5, "chrono"),
            (40, "Le maire, au centre"),  // the deliverable, 40 minutes later
            (0.5, ""),  // on to the offline reading
        ])
        let progress = LearnerProgress.fold(log.events)
        #expect(progress.currentStep == "read")
        let deliverable = try #require(log.events.first { $0.type == .answered })
        // The timer logs nothing: the deliverable carries the 40½ minutes since the activity
        // was entered, under its cap of twice 30 minutes.
        #expect(deliverable.activeMilliseconds == 40 * 60_000 + 30_000)
        #expect(progress.activeMilliseconds(onStep: "map") == 41 * 60_000)
        #expect(progress.activeMilliseconds == 42 * 60_000)

        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/atelier.yml", text: ActivityFixture.graph))
        let navigator = Navigator(course: course, path: try #require(course.path("work")))
        let pace = Pacing.pace(progress, navigator: navigator)
        #expect(pace.plannedMinutes == 32)
        #expect(pace.activeMinutes == 42)
        #expect(pace.status != .ahead, "42 min spent on 32 planned")
        // The same log with every gap capped at the idle threshold, as before: "ahead".
        let capped = LearnerProgress.fold(
            log.events.map { event in
                var event = event
                event.activeMilliseconds = min(event.activeMilliseconds, 5 * 60_000)
                return event
            })
        #expect(Pacing.pace(capped, navigator: navigator).status == .ahead)

        // While the learner worked, the prompt's clock moved and the countdown ran down.
        let prompts = seen.ticks.map(\.prompt)
        #expect(prompts.contains { $0.contains("⏱ 0:40") })
        #expect(prompts.contains { $0.contains("⏱ 0:20") })
        #expect(prompts.contains { $0.contains("· 0:10 /") })
        #expect(prompts.contains { $0.contains("· 0:41 /") })
        // Half a minute after the deliverable: 1 + 40½ logged, and the open visit.
        #expect(prompts.last?.contains("· 0:42 /") == true, "\(prompts.last ?? "")")
        let announced = seen.ticks.compactMap(\.announcement)
        #expect(announced.count == 1, "the end is said once: \(announced)")
        #expect(announced.first?.contains("Le temps est écoulé") == true)
        let end = try #require(seen.ticks.firstIndex { $0.announcement != nil })
        #expect(seen.ticks[end].prompt.contains("temps écoulé"))
        #expect(seen.ticks[end - 1].prompt.contains("⏱ 0:20"), "said at the first tick after the end")
        #expect(!output.contains("Le temps est écoulé"), "said by the tick, not again before the next prompt")
    }

    @Test func withoutRedrawsTheEndIsSaidBeforeTheNextPrompt() throws {
        let (_, seen, output) = try Self.run([(1, ""), (0.5, "chrono"), (3, "Le maire"), (0.5, "")], tick: nil)
        #expect(seen.ticks.isEmpty)
        let said = try #require(output.range(of: "⏱ Le temps est écoulé"))
        #expect(output[said.upperBound...].range(of: "⏱ Le temps est écoulé") == nil, "once")
        #expect(output[..<said.lowerBound].contains("C’est noté"), "after the line typed past the end")
        #expect(seen.prompts.contains { $0.contains("temps écoulé") })
    }

    @Test func onALessonThePromptsClockStopsAtTheIdleThreshold() throws {
        let (log, seen, _) = try Self.run([(12, "")])
        let clocks = seen.ticks.map(\.prompt).compactMap { $0.firstMatch(of: /· (0:\d\d) \//)?.1 }
        #expect(clocks.first == "0:00")
        #expect(clocks.contains("0:03"))
        #expect(clocks.last == "0:05", "a lesson counts up to 5 minutes")
        let moved = try #require(log.events.first { $0.type == .completed })
        #expect(moved.activeMilliseconds == 5 * 60_000)
    }

    @Test func pausedThePromptsClockStandsStill() throws {
        let (log, seen, _) = try Self.run([(2, "pause"), (30, "")])
        let clocks = seen.ticks.map(\.prompt).compactMap { $0.firstMatch(of: /· (0:\d\d) \//)?.1 }
        #expect(clocks.suffix(90).allSatisfy { $0 == "0:02" }, "\(Set(clocks))")
        #expect(seen.ticks.last?.prompt.contains("en pause") == true)
        #expect(LearnerProgress.fold(log.events).activeMilliseconds == 2 * 60_000)
    }

    @Test(arguments: [("xterm-256color", true), ("screen", true), ("dumb", false), ("", false), (nil, false)])
    func onlyATerminalThatMovesTheCursorIsRedrawn(term: String?, redraws: Bool) {
        let variables = term.map { ["TERM": $0] } ?? [:]
        let screen = Screen(
            environment: TerminalEnvironment(isTTY: true, variables: variables), output: { _ in })
        #expect(screen.redrawsPrompt == redraws)
    }

    @Test func aPipeKeepsNoTicker() {
        var reader: any LineReader = PipeLineReader(fileDescriptor: -1)
        reader.ticker = PromptTicker { PromptTicker.Tick(prompt: "x") }
        #expect(reader.ticker == nil)
    }

    @Test func statusInsideTheREPLCountsTheOpenVisit() throws {
        let (_, _, output) = try Self.run([(1, ""), (3, "état")])
        // 1 min on the intro, 3 on the activity, nothing logged since entering it.
        #expect(output.contains("0:04"), "\(output)")
    }
}
