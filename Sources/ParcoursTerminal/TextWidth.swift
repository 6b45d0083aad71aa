/// How many terminal columns text takes: one per character, two for wide East Asian
/// characters and emoji, none for combining marks (they join their base character).
public enum TextWidth {
    public static func of(_ text: some StringProtocol) -> Int {
        // Most text (French included: its accented letters are precomposed) is made of
        // scalars below U+0300 and general punctuation (’ « » and the narrow no-break space
        // of French typography), one column each; only the rest needs grapheme clusters.
        var columns = 0
        for scalar in text.unicodeScalars {
            guard isOwnCharacter(scalar) else { return text.reduce(0) { $0 + of($1) } }
            columns += 1
        }
        return columns
    }

    /// Whether `scalar` is a character on its own whatever surrounds it, one column wide:
    /// below U+0300 (no combining mark, no CR of a CRLF), or single-width punctuation.
    /// Text made only of these can be walked scalar by scalar instead of by grapheme.
    static func isOwnCharacter(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        return value < 0x300 ? scalar != "\r" : isPunctuation(value)
    }

    /// Each character of `text`, made from its scalars when every one stands alone (the
    /// usual French text), which costs a fraction of breaking it into grapheme clusters.
    static func characters(_ text: some StringProtocol) -> [Character] {
        let scalars = text.unicodeScalars
        guard scalars.allSatisfy(isOwnCharacter) else { return Array(text) }
        return scalars.map(Character.init)
    }

    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x1100 { return 1 }
        return wideRanges.contains { $0.contains(value) } ? 2 : 1
    }

    /// General punctuation that takes one column: dashes, quotes, ellipsis, the narrow
    /// no-break space, primes… Not the zero-width spaces and joiners (U+200B–U+200F), the
    /// line and paragraph separators (U+2028, U+2029), nor the bidi and invisible format
    /// characters (U+202A–U+202E, U+205F on).
    private static func isPunctuation(_ value: UInt32) -> Bool {
        (0x2010...0x2027).contains(value) || (0x202F...0x205E).contains(value)
    }

    /// East Asian wide and fullwidth blocks, and emoji: two columns each.
    private static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x2E80...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F,
        0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1FAFF, 0x20000...0x3FFFD,
    ]

    /// Pads `text` with spaces to `width` columns.
    public static func pad(_ text: String, to width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - of(text)))
        return right ? padding + text : text + padding
    }

    /// Cuts `text` to at most `width` columns, ending with `…` when cut.
    public static func truncate(_ text: String, to width: Int) -> String {
        guard of(text) > width else { return text }
        var result = ""
        var used = 0
        for character in text {
            let next = of(character)
            if used + next > width - 1 { break }
            result.append(character)
            used += next
        }
        return result + "…"
    }
}
