import Foundation
import ParcoursTestSupport
import Testing

@testable import ParcoursTerminal

/// Drives the real readline reader through a pseudo-terminal.
///
/// There is no executable to run here (the REPL lives elsewhere), so the test binary runs
/// itself: under `PARCOURS_READLINE_HARNESS`, `readlineHarness` becomes a tiny echo loop
/// with completion, and the other tests type into it as a learner would.
@Suite(.serialized) struct ReadlineLineReaderTests {
    static let harnessVariable = "PARCOURS_READLINE_HARNESS"

    @Test(.enabled(if: ProcessInfo.processInfo.environment[harnessVariable] != nil))
    func readlineHarness() {
        let variables = ProcessInfo.processInfo.environment
        let screen = Screen(environment: .current())
        var reader = ReadlineLineReader(historyFile: variables["PARCOURS_HISTORY"])
        screen.writeLine("harness-ready")
        while true {
            reader.completion = { _, _ in ["aide", "avancer", "quitter", "étape"] }
            switch reader.readLine(prompt: Style.ansi.accent("parcours") + "> ") {
            case .line(let text):
                reader.addHistory(text)
                screen.writeLine("lu[\(text)]" + (reader.lastLineWasTruncated ? " coupé" : ""))
            case .interrupt:
                screen.writeLine("interrompu")
            case .endOfInput:
                screen.writeLine("au revoir")
                return
            }
        }
    }

    private func startHarness(history: String) throws -> PseudoTerminal {
        var environment = PseudoTerminal.defaultEnvironment
        environment[Self.harnessVariable] = "1"
        environment["PARCOURS_HISTORY"] = history
        environment["HOME"] = NSTemporaryDirectory()
        environment["INPUTRC"] = "/dev/null"
        let executable = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let terminal = try PseudoTerminal(
            executable: executable,
            arguments: ["--testing-library", "swift-testing", "--filter", "readlineHarness"],
            environment: environment)
        try terminal.waitFor("harness-ready", timeout: .seconds(30))
        try terminal.waitFor("parcours> ", timeout: .seconds(10))
        return terminal
    }

    private func temporaryHistory() -> String {
        NSTemporaryDirectory() + "parcours-test-\(UUID().uuidString)/state/history"
    }

    @Test func linesCtrlCAndCtrlD() throws {
        let history = temporaryHistory()
        let terminal = try startHarness(history: history)
        terminal.send("bonjour élève\r")
        // Wait for the next prompt: only then is readline (and its SIGINT handler) back. Text
        // typed before it is echoed by the terminal in cooked mode, and a Ctrl-C there would
        // reach the default handler (seen once in CI: the harness ended on "^C").
        try terminal.waitFor("lu[bonjour élève]\nparcours> ")
        terminal.send("à moitié tapé")
        try terminal.waitFor("à moitié tapé")
        terminal.send("\u{03}")
        try terminal.waitFor("interrompu")
        terminal.send("suite\r")
        let afterInterrupt = try terminal.waitFor("lu[suite]\nparcours> ")
        #expect(!afterInterrupt.contains("lu[à moitié"))
        terminal.send("\u{04}")
        try terminal.waitFor("au revoir")
        #expect(try terminal.waitForExit(timeout: .seconds(20)) == 0)
        let saved = try String(contentsOfFile: history, encoding: .utf8)
        #expect(saved.contains("bonjour élève"))
        #expect(saved.contains("suite"))
        let attributes = try FileManager.default.attributesOfItem(atPath: history)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func tabCompletesAndListsMatches() throws {
        let terminal = try startHarness(history: temporaryHistory())
        terminal.send("qu\t\r")
        try terminal.waitFor("lu[quitter ]")
        terminal.send("a\t")
        let listed = try terminal.waitFor("avancer")
        #expect(listed.contains("aide"))
        terminal.send("v\t\r")
        try terminal.waitFor("lu[avancer ]\nparcours> ")
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit(timeout: .seconds(20)) == 0)
    }

    @Test func historyIsRecalledWithTheUpArrow() throws {
        let history = temporaryHistory()
        do {
            let first = try startHarness(history: history)
            first.send("souvenir\r")
            // Ctrl-D only once the next prompt is up: typed between two prompts, the
            // terminal is in cooked mode and the kernel swallows it as an empty read.
            try first.waitFor("lu[souvenir]\nparcours> ")
            first.send("\u{04}")
            _ = try first.waitForExit(timeout: .seconds(20))
        }
        let second = try startHarness(history: history)
        second.send("\u{1B}[A\r")
        try second.waitFor("lu[souvenir]\nparcours> ")
        second.send("\u{04}")
        #expect(try second.waitForExit(timeout: .seconds(20)) == 0)
    }
}
