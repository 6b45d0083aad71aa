/// Tiny ANSI styling that turns into a no-op when colour is off.
///
/// Renderers take a `Style` instead of asking whether colour is on, so the same code
/// draws for a terminal and for a pipe, and tests compare plain strings. Each style
/// closes only what it opened (bold with 22, italic with 23, colour with 39), so they nest.
public struct Style: Sendable, Equatable {
    /// Whether escape codes are emitted.
    public let isEnabled: Bool
    /// Whether renderers may draw with symbols (bars of blocks, rules, bullets, ✓): false in
    /// plain mode, for screen readers, where every state is said in words or numbers.
    public let drawsGlyphs: Bool

    /// Styling for a colour terminal.
    public static let ansi = Style(isEnabled: true)
    /// No styling at all: pipes, files, `NO_COLOR`.
    public static let plain = Style(isEnabled: false)
    /// Plain mode (`--plain`, `PARCOURS_PLAIN=1`, `ACCESSIBLE=1`, `TERM=dumb`): no colour and
    /// no drawing characters.
    public static let words = Style(isEnabled: false, drawsGlyphs: false)

    public init(isEnabled: Bool, drawsGlyphs: Bool = true) {
        self.isEnabled = isEnabled
        self.drawsGlyphs = drawsGlyphs
    }

    public func bold(_ text: String) -> String { wrap(text, "1", "22") }
    public func dim(_ text: String) -> String { wrap(text, "2", "22") }
    public func italic(_ text: String) -> String { wrap(text, "3", "23") }
    /// Green, for what went well.
    public func success(_ text: String) -> String { wrap(text, "32", "39") }
    /// Yellow, for what needs attention (never red: nothing here is an alarm).
    public func warning(_ text: String) -> String { wrap(text, "33", "39") }
    /// Cyan, for what to look at: commands, links, the filled part of a bar.
    public func accent(_ text: String) -> String { wrap(text, "36", "39") }

    private func wrap(_ text: String, _ open: String, _ close: String) -> String {
        guard isEnabled, !text.isEmpty else { return text }
        return "\u{1B}[\(open)m\(text)\u{1B}[\(close)m"
    }

    /// Removes the escape codes a `Style` adds (and any other CSI sequence).
    public static func strip(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var inEscape = false
        var afterEscape = false
        for scalar in text.unicodeScalars {
            if afterEscape {
                afterEscape = false
                inEscape = scalar == "["
                continue
            }
            if inEscape {
                if (0x40...0x7E).contains(scalar.value) { inEscape = false }
                continue
            }
            if scalar == "\u{1B}" {
                afterEscape = true
                continue
            }
            result.append(scalar)
        }
        return String(result)
    }
}
