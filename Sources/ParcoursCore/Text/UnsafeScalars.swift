/// The characters that text from a person (a name, a note, an answer) may not carry raw to a
/// reader: a terminal, a spreadsheet, a browser or a JSON consumer that prints what it reads.
///
/// - C0 controls, DEL and C1 controls: a terminal obeys them (`ESC [ 2 J` clears the screen,
///   U+009B is an 8-bit CSI on some terminals).
/// - Unicode bidi controls (the `Bidi_Control` property: U+061C, U+200E, U+200F,
///   U+202A–U+202E, U+2066–U+2069): they reorder what is displayed, so a name can show one
///   text and hold another ("Trojan Source", CVE-2021-42574).
///
/// Renderers replace them with U+FFFD (terminal, table, CSV, HTML) or escape them as
/// `\uXXXX` (JSON, which stays faithful to the data).
public enum UnsafeScalars {
    /// A C0 control other than newline and tab, DEL, or a C1 control.
    @inlinable
    public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return (value < 0x20 && value != 0x0A && value != 0x09) || (0x7F...0x9F).contains(value)
    }

    /// One of the twelve bidi controls.
    @inlinable
    public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// A scalar no reader may receive raw: a control (newline and tab aside) or a bidi control.
    @inlinable
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        isControl(scalar) || isBidiControl(scalar)
    }

    /// The text with every unsafe scalar replaced by U+FFFD; newlines and tabs are kept.
    public static func replaced(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isUnsafe) else { return text }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(isUnsafe(scalar) ? "\u{FFFD}" : scalar)
        }
        return String(result)
    }
}
