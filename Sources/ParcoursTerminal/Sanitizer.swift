import ParcoursCore

/// Neutralises control characters and escape sequences before text reaches a terminal.
///
/// Course text, learner names and notes are data: a stray `ESC [ 2 J` in any of them must
/// not clear the screen or retitle the window. Newlines and tabs survive where the caller
/// allows them; every other C0/C1 control, DEL and Unicode bidi control becomes a visible `�`.
public enum Sanitizer {
    /// For one-line fields (names, titles, table cells): newlines become spaces too.
    public static func plain(_ text: String) -> String {
        clean(text, keepNewlines: false)
    }

    /// For paragraphs: newlines and tabs are kept.
    public static func multiline(_ text: String) -> String {
        clean(text, keepNewlines: true)
    }

    private static func clean(_ text: String, keepNewlines: Bool) -> String {
        let needsWork = text.unicodeScalars.contains {
            UnsafeScalars.isUnsafe($0) || (!keepNewlines && ($0 == "\n" || $0 == "\t"))
        }
        guard needsWork else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result.append(keepNewlines ? "\n" : " ")
            case "\t": result.append(keepNewlines ? "\t" : " ")
            case "\r": continue
            default: result.append(UnsafeScalars.isUnsafe(scalar) ? "\u{FFFD}" : scalar)
            }
        }
        return String(result)
    }
}
