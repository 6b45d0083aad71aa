import Testing

@testable import ParcoursTerminal

/// `TextWidth.of` counts by scalar where that is safe and by grapheme cluster elsewhere; both
/// ways must agree.
@Suite struct TextWidthTests {
    /// Every scalar of General Punctuation, alone and between letters, and after it a
    /// combining accent: the scalar count (its fast path) equals the grapheme count.
    @Test func theFastPathAgreesWithGraphemes() {
        for value in UInt32(0x2000)...0x206F {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for text in ["\(scalar)", "a\(scalar)b", "\(scalar)\u{301}", "l\(scalar)été\u{202F}!"] {
                let graphemes = text.reduce(0) { $0 + TextWidth.of($1) }
                #expect(TextWidth.of(text) == graphemes, "U+\(String(value, radix: 16, uppercase: true)) in \(text)")
            }
        }
        #expect(TextWidth.of("l’alliance «\u{202F}faire\u{202F}» —\u{202F}oui\u{202F}!") == 28)
        #expect(TextWidth.of("e\u{301}") == 1, "a combining accent takes no column")
        #expect(TextWidth.of("日本") == 4)
    }

    /// Walking text by scalar where every scalar stands alone gives the characters that
    /// grapheme breaking gives, and text with anything else is broken into graphemes.
    @Test(arguments: [
        "Faire alliance, c’est «\u{202F}agir ensemble\u{202F}»\u{202F}!", "plain ASCII, tabs\tand\nlines",
        "e\u{301}t\u{301}e\u{301}", "a\r\nb", "👩\u{200D}💻 et 🇫🇷", "l’été — « oui »", "", "\u{2060}x\u{200B}y",
    ])
    func charactersByScalarAreTheGraphemes(text: String) {
        #expect(TextWidth.characters(text) == Array(text))
        #expect(TextWidth.characters(text[...]) == Array(text))
    }
}
