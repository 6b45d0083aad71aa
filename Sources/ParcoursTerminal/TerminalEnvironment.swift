import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The facts about the process's terminal that `Screen` decides from.
///
/// `current()` is the only place that asks the operating system; tests build one by hand,
/// so every decision (colour, width, which reader) is deterministic under test.
public struct TerminalEnvironment: Sendable {
    /// Whether standard output is a terminal.
    public var isTTY: Bool
    /// Whether standard input is a terminal (readline needs both).
    public var isInputTTY: Bool
    /// The terminal's columns, asked afresh each time so a resize is noticed; `nil` if unknown.
    public var columns: @Sendable () -> Int?
    /// The terminal's rows, asked afresh each time; `nil` if unknown.
    public var rows: @Sendable () -> Int? = { nil }
    /// Environment variables (`NO_COLOR`, `COLUMNS`, `TERM`, `XDG_STATE_HOME`, `HOME`).
    public var variables: [String: String]
    /// A `--color`/`--no-color` choice, if any.
    public var colorPreference: ColorPreference
    /// `--plain` was given.
    public var plainRequested = false

    /// Plain output for screen readers and terminals that cannot draw: asked for with
    /// `--plain`, `PARCOURS_PLAIN=1` or `ACCESSIBLE=1`, and implied by `TERM=dumb`.
    public var isPlain: Bool {
        func on(_ name: String) -> Bool {
            guard let value = variables[name]?.lowercased(), !value.isEmpty else { return false }
            return !["0", "false", "no", "off"].contains(value)
        }
        return plainRequested || on("PARCOURS_PLAIN") || on("ACCESSIBLE") || variables["TERM"] == "dumb"
    }

    public init(
        isTTY: Bool, isInputTTY: Bool? = nil, columns: Int? = nil,
        variables: [String: String] = [:], colorPreference: ColorPreference = .auto
    ) {
        self.isTTY = isTTY
        self.isInputTTY = isInputTTY ?? isTTY
        self.columns = { columns }
        self.variables = variables
        self.colorPreference = colorPreference
    }

    /// The real process: `isatty`, `TIOCGWINSZ` on standard output, the real environment.
    public static func current(
        colorPreference: ColorPreference = .auto, variables: [String: String] = ProcessInfo.processInfo.environment
    ) -> TerminalEnvironment {
        var environment = TerminalEnvironment(
            isTTY: isatty(STDOUT_FILENO) == 1, isInputTTY: isatty(STDIN_FILENO) == 1,
            variables: variables, colorPreference: colorPreference)
        environment.columns = { windowColumns() }
        environment.rows = { windowSize()?.rows }
        return environment
    }

    /// Columns reported by the terminal driver, or `nil` when standard output is not one.
    static func windowColumns() -> Int? {
        windowSize()?.columns
    }

    /// Columns and rows reported by the terminal driver, or `nil` when standard output is not one.
    static func windowSize() -> (columns: Int, rows: Int?)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
        return (Int(size.ws_col), size.ws_row > 0 ? Int(size.ws_row) : nil)
    }
}
