import Foundation
import ParcoursTestSupport
import Testing

/// The test-support harness itself: a real terminal, and pipes that cannot deadlock.
@Suite struct PseudoTerminalTests {
    @Test func childSeesATerminal() throws {
        let terminal = try PseudoTerminal(executable: "/usr/bin/tty")
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
        #expect(terminal.plainOutput.contains("/dev/pts/"))
    }

    @Test func windowIsEightyByTwentyFour() throws {
        let terminal = try PseudoTerminal(executable: "/bin/stty", arguments: ["size"])
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
        #expect(terminal.plainOutput.contains("24 80"))
    }

    @Test func interactiveShellRunsCommandsAndCtrlCReachesIt() throws {
        let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-i"])
        terminal.send("echo bonjour-$((40+2))\r")
        try terminal.waitFor("bonjour-42", timeout: .seconds(10))
        // Ctrl-C interrupts the foreground job: the terminal is the controlling one.
        terminal.send("sleep 30\r")
        Thread.sleep(forTimeInterval: 0.3)
        terminal.send("\u{03}")
        terminal.send("echo apres-$((1+1))\r")
        try terminal.waitFor("apres-2", timeout: .seconds(10))
        terminal.send("exit 3\r")
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 3)
    }

    @Test func catEchoesAndCtrlDEnds() throws {
        let terminal = try PseudoTerminal(executable: "/bin/cat")
        terminal.send("élève\r")
        let output = try terminal.waitFor("élève\nélève", timeout: .seconds(10))
        #expect(output.contains("élève"))
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit(timeout: .seconds(10)) == 0)
    }

    @Test func waitForThrowsWithTheOutputSoFar() throws {
        let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-c", "echo partiel"])
        #expect(throws: PseudoTerminal.Timeout.self) {
            try terminal.waitFor("jamais", timeout: .milliseconds(500))
        }
        #expect(terminal.plainOutput.contains("partiel"))
    }

    @Test func escapesAreStripped() {
        let raw = "\u{1B}[?2004h\u{1B}[1mgras\u{1B}[22m\r\n\u{1B}]0;titre\u{07}fin"
        #expect(PseudoTerminal.stripEscapes(raw) == "gras\nfin")
    }

    @Test func processRunnerFeedsStdinAndReadsBothPipes() throws {
        let big = String(repeating: "ligne\n", count: 50_000)
        let result = try ProcessRunner.run(
            executable: "/bin/sh", arguments: ["-c", "cat; echo erreur >&2; exit 4"], standardInput: big,
            timeout: .seconds(30))
        #expect(result.status == 4)
        #expect(result.standardOutput == big)
        #expect(result.standardError == "erreur\n")
    }

    @Test func processRunnerStopsAtTheTimeout() throws {
        #expect(throws: ProcessRunner.Timeout.self) {
            try ProcessRunner.run(executable: "/bin/sleep", arguments: ["30"], timeout: .milliseconds(300))
        }
    }

    @Test func processRunnerPassesTheEnvironment() throws {
        let result = try ProcessRunner.run(
            executable: "/bin/sh", arguments: ["-c", "echo $PARCOURS_X"], environment: ["PARCOURS_X": "oui"])
        #expect(result.standardOutput == "oui\n")
    }
}
