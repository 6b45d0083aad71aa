#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The one boundary with the terminal: width, colour, line reading, sanitising, writing.
///
/// Everything else renders to `String` with the `width` and `style` it is given here;
/// only `Screen` writes. A screen built from a hand-made `TerminalEnvironment` and a
/// capturing `output` closure behaves exactly like the real one, so tests compare text.
///
/// ```swift
/// let screen = Screen(environment: .current())
/// screen.writeLine(screen.markdown("**Bienvenue** dans *parcours*."))
/// var reader = screen.makeLineReader(historyFile: Screen.historyFile(variables: env))
/// ```
public final class Screen {
    /// Narrowest text we lay out: below this, wrapping does more harm than good.
    public static let minimumWidth = 40
    /// Widest text we lay out: long lines are tiring to read, whatever the terminal.
    public static let maximumWidth = 120

    public let environment: TerminalEnvironment
    private let output: (String) -> Void
    private let errorOutput: (String) -> Void

    /// A screen over `environment` that sends text to `output` (standard output by default)
    /// and failures to `errorOutput` (standard error by default).
    public init(
        environment: TerminalEnvironment,
        output: @escaping (String) -> Void = Screen.standardOutput,
        errorOutput: @escaping (String) -> Void = Screen.standardError
    ) {
        self.environment = environment
        self.output = output
        self.errorOutput = errorOutput
    }

    /// Whether colour codes are emitted: never in plain mode.
    public var usesColor: Bool {
        !environment.isPlain
            && environment.colorPreference.usesColor(isTTY: environment.isTTY, variables: environment.variables)
    }

    /// Plain mode: no drawing characters, no redraws, states in words (`TerminalEnvironment.isPlain`).
    public var isPlain: Bool { environment.isPlain }

    /// Styling matching `usesColor` and plain mode.
    public var style: Style { Style(isEnabled: usesColor, drawsGlyphs: !isPlain) }

    /// Width to lay text out in: the terminal's, else `COLUMNS`, else 80, clamped to 40…120.
    public var width: Int {
        Self.layoutWidth(columns: environment.columns(), variables: environment.variables)
    }

    /// Rows to fit a full-screen view in (`report --watch`): the terminal's, else `LINES`;
    /// nil when neither says (a pipe), so the view is not cut. At least 10.
    public var height: Int? {
        Self.layoutHeight(rows: environment.rows(), variables: environment.variables)
    }

    /// The height rule, apart so it can be tested on its own.
    public static func layoutHeight(rows: Int?, variables: [String: String]) -> Int? {
        guard let raw = rows ?? variables["LINES"].flatMap({ Int($0) }), raw > 0 else { return nil }
        return max(raw, 10)
    }

    /// The width rule, apart so it can be tested on its own.
    public static func layoutWidth(columns: Int?, variables: [String: String]) -> Int {
        let raw = columns ?? variables["COLUMNS"].flatMap { Int($0) } ?? 80
        return min(max(raw, minimumWidth), maximumWidth)
    }

    /// Writes already-rendered text (from this module's renderers) as is.
    public func write(_ rendered: String) {
        output(rendered)
    }

    /// Writes already-rendered text and a newline; on a terminal, a line wider than the
    /// screen is folded at its spaces (`LineFolding`) rather than cut mid-word. Piped output
    /// is left as written, for the scripts that read it.
    public func writeLine(_ rendered: String = "") {
        output((environment.isTTY ? LineFolding.fold(rendered, width: width) : rendered) + "\n")
    }

    /// Writes a failure (already rendered) and a newline to standard error, where scripts and
    /// logs look for it, after what was written to standard output so far.
    public func writeError(_ rendered: String) {
        errorOutput(Sanitizer.plain(rendered) + "\n")
    }

    /// Writes text that came from content or a person, with control sequences neutralised.
    public func writeUntrusted(_ text: String) {
        writeLine(Sanitizer.multiline(text))
    }

    /// Renders Markdown-light content at this screen's width and colour.
    public func markdown(_ text: String) -> String {
        MarkdownLight(width: width, style: style).render(text)
    }

    /// Whether a full-screen view (`report --watch`) is redrawn in place: on a terminal that
    /// can move the cursor, never in plain mode, where each view follows the one before.
    public var redrawsInPlace: Bool {
        environment.isTTY && !isPlain && redrawsPrompt
    }

    /// Shows `rendered` in place of the view before it (`redrawsInPlace`).
    public func redraw(_ rendered: String) {
        output(Self.inPlace(rendered))
    }

    /// The text that draws `rendered` over the screen: the cursor goes home, each line clears
    /// what is left of the old one after it, and the rest of the screen is cleared. Nothing
    /// scrolls (no newline after the last line) and the screen is never blanked, so it does
    /// not flicker.
    public static func inPlace(_ rendered: String) -> String {
        var lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.count > 1, lines.last == "" { lines.removeLast() }
        return "\u{1B}[H" + lines.joined(separator: "\u{1B}[K\n") + "\u{1B}[K\u{1B}[J"
    }

    /// Readline when both ends are a terminal; plain lines from standard input otherwise.
    public func makeLineReader(historyFile: String?) -> any LineReader {
        if environment.isTTY && environment.isInputTTY {
            return ReadlineLineReader(historyFile: historyFile, redraws: redrawsPrompt)
        }
        return PipeLineReader(fileDescriptor: STDIN_FILENO)
    }

    /// Whether a waiting prompt may be redrawn (its clock, a countdown): not on a terminal
    /// that cannot move the cursor (`TERM=dumb`, or no `TERM` at all, as readline sees it).
    public var redrawsPrompt: Bool {
        guard let term = environment.variables["TERM"], !term.isEmpty else { return false }
        return term != "dumb"
    }

    /// Where history lives: `$XDG_STATE_HOME/parcours/history`, else under `~/.local/state`.
    public static func historyFile(variables: [String: String]) -> String? {
        if let state = variables["XDG_STATE_HOME"], state.hasPrefix("/") {
            return state + "/parcours/history"
        }
        guard let home = variables["HOME"], !home.isEmpty else { return nil }
        return home + "/.local/state/parcours/history"
    }

    /// Writes to standard output through the C stream readline also uses, so the two
    /// never overtake each other.
    public static func standardOutput(_ text: String) {
        ReadlineBridge.writeStandardOutput(text)
    }

    /// Writes to standard error, once standard output's buffer is out, so the two stay in order
    /// on a terminal.
    public static func standardError(_ text: String) {
        ReadlineBridge.writeStandardError(text)
    }
}
