import Testing

@testable import ParcoursTerminal

@Suite struct ScreenTests {
    @Test(arguments: [
        (true, [String: String](), ColorPreference.auto, true),
        (false, [:], .auto, false),
        (true, ["NO_COLOR": "1"], .auto, false),
        (true, ["NO_COLOR": ""], .auto, true),  // no-color.org: only a non-empty value counts
        (true, ["TERM": "dumb"], .auto, false),
        (false, [:], .always, true),
        (true, [:], .never, false),
    ])
    func colourDecision(isTTY: Bool, variables: [String: String], preference: ColorPreference, expected: Bool) {
        let screen = Screen(
            environment: TerminalEnvironment(isTTY: isTTY, variables: variables, colorPreference: preference),
            output: { _ in })
        #expect(screen.usesColor == expected)
        #expect(screen.style.isEnabled == expected)
    }

    @Test(arguments: [
        (Int?.some(100), [String: String](), 100), (nil, ["COLUMNS": "60"], 60), (nil, [:], 80),
        (20, [:], 40), (300, [:], 120), (nil, ["COLUMNS": "abc"], 80), (90, ["COLUMNS": "50"], 90),
    ])
    func widthIsClampedForComfort(columns: Int?, variables: [String: String], expected: Int) {
        let screen = Screen(
            environment: TerminalEnvironment(isTTY: true, columns: columns, variables: variables), output: { _ in })
        #expect(screen.width == expected)
    }

    @Test func writesGoToTheInjectedOutput() {
        final class Sink { var text = "" }
        let sink = Sink()
        let screen = Screen(
            environment: TerminalEnvironment(isTTY: false, columns: 40), output: { sink.text += $0 })
        screen.write("a")
        screen.writeLine("b")
        screen.writeUntrusted("c\u{1B}[2J")
        screen.writeLine(screen.markdown("**d**"))
        #expect(sink.text == "ab\nc\u{FFFD}[2J\nd\n")
    }

    @Test func markdownFollowsTheScreen() {
        let colour = Screen(environment: TerminalEnvironment(isTTY: true, columns: 80), output: { _ in })
        #expect(colour.markdown("**x**") == "\u{1B}[1mx\u{1B}[22m")
        let noColour = Screen(
            environment: TerminalEnvironment(isTTY: true, columns: 80, variables: ["NO_COLOR": "yes"]),
            output: { _ in })
        #expect(noColour.markdown("**x**") == "x")
    }

    @Test func pipedInputGetsThePlainReader() {
        let screen = Screen(environment: TerminalEnvironment(isTTY: true, isInputTTY: false), output: { _ in })
        #expect(screen.makeLineReader(historyFile: nil) is PipeLineReader)
    }

    @Test func historyFollowsXDG() {
        #expect(Screen.historyFile(variables: ["XDG_STATE_HOME": "/s", "HOME": "/h"]) == "/s/parcours/history")
        #expect(
            Screen.historyFile(variables: ["XDG_STATE_HOME": "relative", "HOME": "/h"])
                == "/h/.local/state/parcours/history")
        #expect(Screen.historyFile(variables: [:]) == nil)
    }

    @Test func styleIsANoOpWithoutColour() {
        let plain = Style.plain
        #expect(plain.bold("a") + plain.dim("b") + plain.italic("c") + plain.success("d") == "abcd")
        #expect(plain.warning("e") + plain.accent("f") == "ef")
        #expect(Style.ansi.success("ok") == "\u{1B}[32mok\u{1B}[39m")
        #expect(Style.strip(Style.ansi.bold(Style.ansi.warning("x"))) == "x")
    }

    @Test func promptEscapesAreMarkedInvisibleForReadline() {
        let prompt = Style.ansi.accent("parcours") + "> "
        #expect(
            ReadlineLineReader.markInvisible(prompt)
                == "\u{01}\u{1B}[36m\u{02}parcours\u{01}\u{1B}[39m\u{02}> ")
        #expect(ReadlineLineReader.markInvisible("simple> ") == "simple> ")
    }
}
