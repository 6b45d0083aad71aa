import Testing

@testable import ParcoursTerminal

/// What a full-screen view (`report --watch`) asks of the terminal: its height, a redraw in
/// place, and tables whose ids are never shortened.
@Suite struct ScreenRedrawTests {
    @Test(arguments: [
        (Int?.some(35), [String: String](), Int?.some(35)), (nil, ["LINES": "30"], 30), (nil, [:], nil),
        (40, ["LINES": "20"], 40), (4, [:], 10), (nil, ["LINES": "x"], nil), (nil, ["LINES": "0"], nil),
    ])
    func heightIsTheRowsElseLines(rows: Int?, variables: [String: String], expected: Int?) {
        var environment = TerminalEnvironment(isTTY: true, variables: variables)
        environment.rows = { rows }
        #expect(Screen(environment: environment, output: { _ in }).height == expected)
    }

    @Test func aRedrawGoesHomeClearsEachLineAndNeverScrolls() {
        final class Sink { var text = "" }
        let sink = Sink()
        let screen = Screen(
            environment: TerminalEnvironment(isTTY: true, variables: ["TERM": "xterm"]), output: { sink.text += $0 })
        #expect(screen.redrawsInPlace)
        screen.redraw("one\ntwo\n")
        #expect(sink.text == "\u{1B}[Hone\u{1B}[K\ntwo\u{1B}[K\u{1B}[J")
        #expect(!sink.text.contains("\u{1B}[2J"))
    }

    @Test(arguments: [
        (true, ["TERM": "xterm"], true), (false, ["TERM": "xterm"], false), (true, ["TERM": "dumb"], false),
        (true, ["TERM": "xterm", "PARCOURS_PLAIN": "1"], false), (true, [:], false),
    ])
    func redrawsOnlyOnATerminalThatMovesTheCursor(isTTY: Bool, variables: [String: String], expected: Bool) {
        let screen = Screen(environment: TerminalEnvironment(isTTY: isTTY, variables: variables), output: { _ in })
        #expect(screen.redrawsInPlace == expected)
    }

    @Test func columnsKeptWholeAreNeverShortened() {
        let table = TextTable.render(
            headers: ["Name", "Path"], rows: [["Maximilienne de La Tour-Landry", "a-long-path-identifier"]],
            maxWidth: 40, keepWhole: [1])
        let lines = table.split(separator: "\n")
        #expect(lines.allSatisfy { $0.count <= 40 }, "\(table)")
        #expect(table.contains("a-long-path-identifier"))
        #expect(table.contains("…"), "the name is shortened instead")
        let free = TextTable.render(
            headers: ["Name", "Path"], rows: [["Maximilienne de La Tour-Landry", "a-long-path-identifier"]],
            maxWidth: 40)
        #expect(!free.contains("a-long-path-identifier"), "without it, the widest columns both give way")
    }
}
