/// Seeded strings made to hurt a renderer: controls, bidi controls, formula starts, markup,
/// quotes, separators, invalid-looking escapes, wide and combining characters.
public enum HostileStrings {
    static let pieces: [String] = [
        "\u{1B}[2J", "\u{9B}31m", "\u{7F}", "\u{0}", "\u{7}", "\r", "\n", "\t", "\u{85}", "\u{202E}", "\u{2066}",
        "\u{2069}", "\u{200F}", "\u{61C}", "=", "+", "-", "@", "\u{FF1D}", " ", "\u{A0}", "\u{202F}", ",", ";", "\"",
        "'", "\\", "<script>", "</b>", "&amp;", "[x](javascript:alert(1))", "![i](x)", "# ", "> ", "* ", "1. ", "|",
        "~~", "`", "_", "é", "😀", "e\u{301}", "漢字", "{", "}", "\\u0000", "%s", "${x}", "plain",
    ]

    /// `count` strings from `seed`, each of 1 to 8 pieces.
    public static func make(count: Int, seed: UInt64) -> [String] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            (0..<(1 + random.below(8))).map { _ in pieces[random.below(pieces.count)] }.joined()
        }
    }

    /// The scalars no output may carry raw: C0 (newline and tab aside), DEL, C1, bidi controls.
    public static func carriesUnsafe(_ text: String, allowing allowed: Set<Unicode.Scalar> = ["\n", "\t"]) -> Bool {
        text.unicodeScalars.contains { scalar in
            guard !allowed.contains(scalar) else { return false }
            let value = scalar.value
            return value < 0x20 || (0x7F...0x9F).contains(value)
                || [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
                    .contains(value)
        }
    }
}
