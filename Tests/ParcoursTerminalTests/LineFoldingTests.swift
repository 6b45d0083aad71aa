import ParcoursTerminal
import Testing

/// Lines parcours writes itself, folded to the terminal's width at spaces.
@Suite("line folding")
struct LineFoldingTests {
    @Test func aLineThatFitsIsUnchanged() {
        #expect(LineFolding.fold("Bon retour, Ada !", width: 40) == "Bon retour, Ada !")
        #expect(LineFolding.fold("ligne une\nligne deux", width: 10) == "ligne une\nligne deux")
    }

    @Test func aLongLineBreaksAtSpacesKeepingItsIndent() {
        let folded = LineFolding.fold("  1 Je découvre  ·  2 Je m'y intéresse  ·  3 Je pratique", width: 30)
        let lines = folded.split(separator: "\n").map(String.init)
        #expect(lines.count > 1)
        for line in lines {
            #expect(line.count <= 30, "\(line)")
            #expect(line.hasPrefix("  "), "the indent is kept: \(line)")
        }
        #expect(folded.replacingOccurrences(of: "\n  ", with: " ").contains("Je m'y intéresse"))
    }

    @Test func noBreakSpacesAndFrenchPunctuationHold() {
        let text = "Les 1\u{00A0}000 exemples et la question « jouer collectif » : oui\u{202F}!"
        for width in 8...40 {
            let folded = LineFolding.fold(text, width: width)
            #expect(folded.contains("1\u{00A0}000"), "width \(width)")
            #expect(folded.contains("«\u{20}jouer") || folded.contains("« jouer"), "no break after «: \(folded)")
            #expect(!folded.contains("\n:"), "no line starts with a colon: \(folded)")
            #expect(!folded.contains("\n»"), "no line starts with »: \(folded)")
            #expect(!folded.contains("\n!"), "no line starts with !: \(folded)")
        }
    }

    @Test func escapeSequencesTakeNoRoom() {
        let styled = Style.ansi.dim("un deux trois quatre")
        #expect(LineFolding.fold(styled, width: 20) == styled, "20 visible columns fit in 20")
    }

    @Test func aWordWiderThanTheLineStaysWhole() {
        let url = "https://www.lerameau.fr/une-adresse-tres-longue-qui-ne-tient-pas"
        let folded = LineFolding.fold("Voir \(url) pour la suite", width: 30)
        #expect(folded.split(separator: "\n").contains { $0 == url })
    }

    /// Every folding keeps every word, in order.
    @Test(arguments: 1...40)
    func foldingKeepsTheWords(width: Int) {
        let text =
            "Pourquoi ? Parce que les alliances entre associations, entreprises et collectivités font avancer le territoire."
        let folded = LineFolding.fold(text, width: width)
        #expect(folded.split(whereSeparator: { $0 == " " || $0 == "\n" }) == text.split(separator: " "))
    }
}
