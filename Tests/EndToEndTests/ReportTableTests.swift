import Foundation
import ParcoursTestSupport
import Testing

/// `parcours report`'s terminal table, read at a glance: what it shows by default and with
/// `--steps`, in which language, at 80 columns, in plain mode, and under `--watch`.
@Suite("parcours report: the table", .serialized)
struct ReportTableTests {
    /// Every character that draws: box drawing, blocks, shades (U+2500–U+259F).
    static func draws(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x2500...0x259F).contains($0.value) }
    }

    @Test func byDefaultParticipantsThenWhereTheyStopThenNoFunnel() throws {
        let cohort = try ReportTests.Cohort()
        let result = try cohort.report([cohort.store])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        let participants = try #require(text.range(of: "Participants"))
        let stops = try #require(text.range(of: "Where people stop"))
        #expect(participants.lowerBound < stops.lowerBound)
        #expect(!text.contains("Reached"), "the funnel only with --steps")
        let lines = text.split(separator: "\n").map(String.init)
        let stopLines = lines.drop { !$0.hasPrefix("Where people stop") }.dropFirst()
        #expect(stopLines.contains { $0.hasPrefix("Quiz ") }, "by title, not by id: \(text)")
        #expect(stopLines.contains { $0.hasPrefix("Introduction ") })
        #expect(!stopLines.contains { $0.hasPrefix("quiz ") || $0.hasPrefix("intro ") })
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(text)")
    }

    @Test func stepsShowEachPathsFunnelInOrderWithTitles() throws {
        let cohort = try ReportTests.Cohort()
        let result = try cohort.report([cohort.store, "--steps"])
        #expect(result.status == 0, "\(result.stderr)")
        let text = result.stdout
        #expect(text.contains("main: Principal, 7 attempt(s), 2 finished"), "\(text)")
        let funnel = try #require(text.range(of: "Reached"))
        let order = ["Introduction", "Quiz", "Rattrapage", "Fin"].map {
            text.range(of: $0, range: funnel.upperBound..<text.endIndex)?.lowerBound
        }
        #expect(order.allSatisfy { $0 != nil }, "\(text)")
        #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted(), "in the path's order")
        #expect(text.contains("Waived steps"))
        #expect(text.split(separator: "\n").allSatisfy { $0.count <= 80 })
    }

    @Test func langChoosesTheWordsOfTheTitles() throws {
        let directory = try Binary.temporaryDirectory()
        let english = Fixture.locale("en")
            .replacingOccurrences(of: "title: Introduction", with: "title: Welcome aboard")
            .replacingOccurrences(of: "title: Quiz", with: "title: Knowledge check")
        let home = try Fixture.write(to: directory + "/home", en: english)
        let store = directory + "/s.sqlite"
        for name in ["ada", "bob"] {
            let start = try Binary.run(
                ["start", "main", "--as", name, "--store", store, "--home", home], input: "\n",
                directory: directory)
            #expect(start.status == 0, "\(start.stderr)")
        }
        let en = try Binary.run(["report", store, "--home", home, "--lang", "en", "--steps"], directory: directory)
        #expect(en.status == 0, "\(en.stderr)")
        #expect(en.stdout.contains("Knowledge check") && en.stdout.contains("Welcome aboard"), "\(en.stdout)")
        let fr = try Binary.run(["report", store, "--home", home, "--lang", "fr", "--steps"], directory: directory)
        #expect(fr.stdout.contains("Quiz") && fr.stdout.contains("Introduction"), "\(fr.stdout)")
        #expect(!fr.stdout.contains("Knowledge check"))
        let html = try Binary.run(
            ["report", store, "--home", home, "--lang", "en", "--format", "html"], directory: directory)
        #expect(html.stdout.contains("Knowledge check"), "the dashboard speaks --lang too")
    }

    /// Two paths with long ids and a second attempt: at 80 columns neither the path nor the
    /// attempt is shortened; names and step titles are.
    @Test func thePathAndTheAttemptAreNeverCutAt80Columns() throws {
        let directory = try Binary.temporaryDirectory()
        let long = "a-long-path-identifier"
        let graph = Fixture.graph.replacingOccurrences(
            of: "    steps: [intro, quiz, fix, end]\n",
            with:
                "    steps: [intro, quiz, fix, end]\n  - id: \(long)\n    budget: PT20M\n    steps: [intro, quiz, fix, end]\n"
        )
        func locale(_ language: String) -> String {
            Fixture.locale(language).replacingOccurrences(
                of: "    summary: Le chemin principal.\n",
                with: "    summary: Le chemin principal.\n  \(long):\n    title: Le long chemin\n    summary: Long.\n")
        }
        let home = try Fixture.write(to: directory + "/home", graph: graph, fr: locale("fr"), en: locale("en"))
        let store = directory + "/s.sqlite"
        func run(_ arguments: [String], _ input: String = "") throws {
            let result = try Binary.run(
                arguments + ["--store", store, "--home", home], input: input, directory: directory)
            #expect(result.status == 0, "\(arguments): \(result.stderr)")
        }
        try run(["start", long, "--as", "Maximilienne de La Tour-Landry"], "\n1\n\n\n")
        try run(["reset", long, "--yes", "--as", "Maximilienne de La Tour-Landry"], "\n")
        try run(["start", "main", "--as", "bob"], "\n")
        try run(["start", long, "--as", "cy"], "")
        let result = try Binary.run(
            ["report", store, "--home", home], environment: ["COLUMNS": "80"], directory: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines.allSatisfy { $0.count <= 80 }, "\(result.stdout)")
        let participants = lines.drop { !$0.hasPrefix("Participants") }.prefix { !$0.isEmpty }
        let rows = participants.filter { $0.contains(long) || $0.contains(" main ") }
        #expect(rows.count == 4, "\(result.stdout)")
        #expect(rows.filter { $0.contains(long) }.count == 3, "the path whole: \(result.stdout)")
        let header = try #require(lines.first { $0.hasPrefix("Name") })
        #expect(header.contains(" # "), "attempts differ: the attempt column stays")
        #expect(rows.contains { $0.contains("\(long)  2 ") }, "the second attempt: \(result.stdout)")
        #expect(rows.contains { $0.hasPrefix("Maximilienne") && $0.contains("…") }, "a long name is shortened")
    }

    @Test(arguments: [["--plain"], ["--plain", "--steps"]])
    func plainModeDrawsNothing(flags: [String]) throws {
        let cohort = try ReportTests.Cohort()
        for environment in [[:], ["PARCOURS_PLAIN": "1"]] as [[String: String]] {
            let result = try Binary.run(
                ["report", "--home", cohort.home, cohort.store]
                    + (environment.isEmpty ? flags : Array(flags.dropFirst())),
                environment: environment, directory: cohort.directory)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(!Self.draws(result.stdout), "\(result.stdout)")
            #expect(!result.stdout.contains("\u{1B}"))
            #expect(result.stdout.contains("Where people stop"))
        }
        let drawn = try cohort.report([cohort.store])
        #expect(Self.draws(drawn.stdout), "the rules under the headers, outside plain mode")
    }

    /// A learner who entered the first step and left is "not started", with no pace, even
    /// once silent long enough for those under way to be stalled.
    @Test func aNotStartedAttemptShowsNoPace() throws {
        let cohort = try ReportTests.Cohort()
        let later = ISO8601DateFormatter().string(from: Date().addingTimeInterval(7_200))
        let result = try cohort.report([cohort.store, "--now", later, "--stalled-after", "30"])
        #expect(result.status == 0, "\(result.stderr)")
        let rows = result.stdout.split(separator: "\n").map(String.init)
        let cy = try #require(rows.first { $0.hasPrefix("cy ") })
        #expect(cy.contains("not started") && !cy.contains("stalled"), "\(cy)")
        let bob = try #require(rows.first { $0.hasPrefix("bob ") })
        #expect(bob.contains("stalled"), "\(bob)")
    }

    /// On a 14-row terminal the watch draws a view of at most 13 lines over the last one:
    /// cursor home, each line cleared to its end, no scrolling, no blank screen in between.
    @Test func watchFitsTheTerminalAndRedrawsInPlace() throws {
        let cohort = try ReportTests.Cohort()
        let terminal = try PseudoTerminal(
            executable: Binary.path,
            arguments: ["report", cohort.store, "--home", cohort.home, "--watch", "1"],
            environment: PseudoTerminal.defaultEnvironment.merging(["HOME": cohort.directory]) { $1 },
            columns: 80, rows: 14)
        _ = try terminal.waitFor("Participants")
        // Two seconds of redraws read (waiting for what never comes).
        _ = try? terminal.waitFor("\u{0}never", timeout: .milliseconds(2_200))
        terminal.send("\u{03}")
        #expect(try terminal.waitForExit() == 0, "Ctrl-C ends the watch")
        let frames = terminal.output.components(separatedBy: "\u{1B}[H").dropFirst()
        #expect(frames.count >= 2, "redrawn: \(terminal.output.debugDescription)")
        #expect(!terminal.output.contains("\u{1B}[2J"), "never blanked")
        for frame in frames {
            #expect(frame.components(separatedBy: "\n").count - 1 <= 12, "\(frame.debugDescription)")
        }
        let screen = TerminalScreen(terminal.output, columns: 80, rows: 14)
        #expect(screen.lines[0].hasPrefix("7 attempt(s)"), "nothing scrolled away: \(screen.lines)")
        #expect(screen.lines.contains { $0.hasPrefix("Participants") })
        #expect(screen.lines.contains { $0.hasPrefix("… ") && $0.contains("more") }, "\(screen.lines)")
    }
}
