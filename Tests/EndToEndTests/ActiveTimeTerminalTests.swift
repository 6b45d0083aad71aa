import Foundation
import ParcoursTestSupport
import Testing

/// Time a learner can trust, through the real binary: `status` counts the visit on screen,
/// and under a real pseudo-terminal the prompt's countdown ticks while the learner types,
/// its end said at once on its own line.
@Suite("Active time and the live prompt")
struct ActiveTimeTerminalTests {
    static func workshop() throws -> Learner {
        try Learner(course: { try ActivityFixture.write(to: $0) })
    }

    /// The terminal environment of the REPL suite; `PARCOURS_TEST_CLOCK_SCALE` makes a
    /// 1-minute countdown last 6 seconds.
    static func environment(_ learner: Learner, term: String = "xterm", scale: Int? = 10) -> [String: String] {
        var environment = ReplTerminalTests.environment(learner)
        environment["TERM"] = term
        if let scale { environment["PARCOURS_TEST_CLOCK_SCALE"] = String(scale) }
        return environment
    }

    static func start(_ learner: Learner, term: String = "xterm", scale: Int? = 10) throws -> PseudoTerminal {
        try PseudoTerminal(
            executable: Binary.path, arguments: ["start", "work"] + learner.options,
            environment: environment(learner, term: term, scale: scale))
    }

    /// Waits for a prompt after the last `marker`, which must be there (`after` alone
    /// gives the whole output when the marker has not come yet).
    static func waitForPrompt(_ terminal: PseudoTerminal, after marker: String) throws {
        try ReplTerminalTests.waitUntil(terminal, "a prompt after \(marker)") {
            $0.contains(marker) && ReplTerminalTests.after(marker, in: $0).contains("› ")
        }
    }

    /// What the screen shows on its prompt line (the last line that is not blank).
    static func promptLine(_ terminal: PseudoTerminal) -> String {
        TerminalScreen(terminal.output).lastLine
    }

    /// The countdown shown on the prompt line, e.g. `0:40`.
    static func countdown(_ terminal: PseudoTerminal) -> String? {
        promptLine(terminal).firstMatch(of: /⏱ (\d+:\d\d)/).map { String($0.1) }
    }

    /// `status --json --now TIME` and `status --now TIME`, TIME being the whole second
    /// `seconds` after the last event's second (so the open visit lasts at least `seconds`).
    static func status(_ learner: Learner, secondsAfterLastEvent seconds: Int) throws -> (Learner.Status, String) {
        let now = Date(timeIntervalSince1970: TimeInterval(try nowSecond(learner, plus: seconds)))
        let stamp = ISO8601DateFormatter().string(from: now)
        let json = try learner.run(["status", "--json", "--now", stamp])
        #expect(json.status == 0, "\(json.stderr)")
        let text = try learner.run(["status", "--now", stamp])
        #expect(text.status == 0, "\(text.stderr)")
        return (try JSONDecoder().decode(Learner.Status.self, from: Data(json.stdout.utf8)), text.stdout)
    }

    /// The last event's time rounded up to the second, plus `seconds`.
    static func nowSecond(_ learner: Learner, plus seconds: Int) throws -> Int {
        let last = try #require(Int(try learner.sql("select max(at) from event")))
        return (last + 999) / 1_000 + seconds
    }

    /// Active milliseconds logged so far.
    static func logged(_ learner: Learner) throws -> Int {
        try #require(Int(try learner.sql("select coalesce(sum(active_ms), 0) from event")))
    }

    @Test func statusCountsTheVisitOnScreen() throws {
        let learner = try Self.workshop()
        let terminal = try Self.start(learner, scale: nil)
        try terminal.waitFor("Introduction")
        try terminal.waitFor("› ")
        // 2 minutes on the intro: 0:02, not 0:00.
        let (onIntro, text) = try Self.status(learner, secondsAfterLastEvent: 120)
        #expect(onIntro.activeSeconds == 120, "\(onIntro)")
        #expect(text.contains("0:02"), "\(text)")
        // A lesson counts up to the idle threshold.
        #expect(try Self.status(learner, secondsAfterLastEvent: 40 * 60).0.activeSeconds == 300)

        terminal.send("\r")
        try Self.waitForPrompt(terminal, after: "Carte des acteurs")
        // 40 minutes on the activity count in full: its cap is twice its 30 minutes.
        let before = try Self.logged(learner)
        let lastAt = try #require(Int(try learner.sql("select max(at) from event")))
        let (onActivity, _) = try Self.status(learner, secondsAfterLastEvent: 40 * 60)
        let open = try Self.nowSecond(learner, plus: 40 * 60) * 1_000 - lastAt
        // Times go through `Date` (a Double of seconds): a millisecond may round either way.
        #expect(((before + open - 1) / 1_000)...((before + open + 1) / 1_000) ~= onActivity.activeSeconds)
        #expect(onActivity.activeSeconds >= 40 * 60)
        #expect(onActivity.pace == "behind", "40 min on 2 planned")

        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        // Gone: nothing counts after `suspended`.
        let (away, _) = try Self.status(learner, secondsAfterLastEvent: 3_600)
        #expect(away.activeSeconds == (try Self.logged(learner)) / 1_000)
    }

    @Test func theCountdownTicksAndItsEndIsSaidAtOnceWithoutTouchingTheLine() throws {
        let learner = try Self.workshop()
        let terminal = try Self.start(learner)
        try terminal.waitFor("Introduction")
        try terminal.waitFor("› ")
        terminal.send("\r")
        try Self.waitForPrompt(terminal, after: "Carte des acteurs")
        terminal.send("chrono\r")
        try ReplTerminalTests.waitUntil(terminal, "the countdown in the prompt") { _ in
            Self.countdown(terminal) != nil
        }
        let first = try #require(Self.countdown(terminal))
        // Typed, then the cursor moved back 7 places, before " centre".
        terminal.send("Le maire centre" + String(repeating: "\u{1B}[D", count: 7))
        try ReplTerminalTests.waitUntil(terminal, "the typed text, the cursor moved back") { _ in
            let screen = TerminalScreen(terminal.output)
            return screen.lastLine.hasSuffix("› Le maire centre") && screen.column == screen.lastLine.count - 7
        }
        // No key pressed: the countdown moves on its own; the text and the cursor stay.
        try ReplTerminalTests.waitUntil(terminal, "the countdown to tick") { _ in
            let now = Self.countdown(terminal)
            return now != nil && now != first
        }
        let ticked = TerminalScreen(terminal.output)
        #expect(ticked.lastLine.hasSuffix("› Le maire centre"), "\(ticked.lastLine)")
        #expect(ticked.column == ticked.lastLine.count - 7, "the cursor stayed before \" centre\"")
        terminal.send(" au")
        // The end, on its own line, before any Enter; the prompt and the text come back below.
        try ReplTerminalTests.waitUntil(terminal, "the end of the countdown") { _ in
            TerminalScreen(terminal.output).lines.contains { $0.hasPrefix("⏱ Le temps est écoulé") }
        }
        let screen = TerminalScreen(terminal.output)
        let end = try #require(screen.lines.lastIndex { $0.hasPrefix("⏱ Le temps est écoulé") })
        #expect(screen.lines[end] == "⏱ Le temps est écoulé. Terminez tranquillement ce que vous faisiez.")
        #expect(screen.lines[end + 1].hasSuffix("⏱ temps écoulé] › Le maire au centre"), "\(screen.lines)")
        #expect(screen.column == screen.lines[end + 1].count - 7, "the cursor is still before \" centre\"")
        #expect(!terminal.plainOutput.contains("C’est noté"), "nothing was submitted yet")

        terminal.send("\r")
        try terminal.waitFor("C’est noté")
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        let saved = try learner.sql("select json_extract(payload, '$.text') from event where type = 'answered'")
        #expect(saved == "Le maire au centre", "submitted intact")
    }

    @Test func aDumbTerminalGetsNoRedraws() throws {
        let learner = try Self.workshop()
        let terminal = try Self.start(learner, term: "dumb", scale: 20)
        try terminal.waitFor("Introduction")
        try terminal.waitFor("› ")
        terminal.send("\r")
        try Self.waitForPrompt(terminal, after: "Carte des acteurs")
        terminal.send("chrono\r")
        // "Le temps restant" is only in the line that starts the countdown.
        try Self.waitForPrompt(terminal, after: "Le temps restant")
        terminal.send("abc")
        try ReplTerminalTests.waitUntil(terminal, "the typed text") {
            $0.contains("Le temps restant") && ReplTerminalTests.after("Le temps restant", in: $0).hasSuffix("› abc")
        }
        let quiet = terminal.output.utf8.count
        // 4 s at 20×: the minute is over, yet nothing is drawn.
        #expect(throws: PseudoTerminal.Timeout.self) { try terminal.waitFor("écoulé", timeout: .seconds(4)) }
        #expect(terminal.output.utf8.count == quiet, "no redraw: \(terminal.output.suffix(200).debugDescription)")
        // The end is said before the next prompt instead.
        terminal.send("\r")
        try terminal.waitFor("Le temps est écoulé")
        let noted = try #require(terminal.plainOutput.range(of: "C’est noté"))
        #expect(terminal.plainOutput[noted.upperBound...].contains("Le temps est écoulé"))
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
    }
}
