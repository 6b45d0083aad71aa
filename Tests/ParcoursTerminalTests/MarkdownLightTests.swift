import ParcoursCore
import Testing

@testable import ParcoursTerminal

@Suite struct MarkdownLightTests {
    private func plain(_ text: String, width: Int = 80) -> String {
        MarkdownLight(width: width, style: .plain).render(text)
    }

    @Test func paragraphsAreSeparatedByOneBlankLine() {
        let text = "Première ligne\nsuite du paragraphe.\n\n\n\nSecond paragraphe."
        #expect(plain(text) == "Première ligne suite du paragraphe.\n\nSecond paragraphe.")
    }

    @Test(arguments: [40, 80])
    func wrapsByDisplayWidthWithAccents(width: Int) {
        let text = String(repeating: "Élève déjà très motivé à l’idée d’apprendre. ", count: 6)
        let lines = plain(text, width: width).split(separator: "\n")
        #expect(lines.count > 1)
        for line in lines {
            #expect(TextWidth.of(line) <= width)
            #expect(line.last != " ")
        }
        #expect(lines.joined(separator: " ") == text.trimmingCharacters(in: [" "]))
    }

    @Test func neverBreaksBeforeFrenchHighPunctuation() {
        // 38 columns of text, then " :" — a naive wrap would start the next line with ":".
        let text = "Voici les autres mots utiles à taper : retour, passer ; « aide » !"
        for width in 40...70 {
            for line in plain(text, width: width).split(separator: "\n") {
                #expect(!line.hasPrefix(":") && !line.hasPrefix(";") && !line.hasPrefix("!") && !line.hasPrefix("»"))
                #expect(!line.hasSuffix("«"))
            }
        }
    }

    /// French as the course writes it: a narrow no-break space (U+202F) before « : ; ! ? » and
    /// inside « », one column wide, never a place to break.
    @Test func narrowNoBreakSpacesHoldAndTakeOneColumn() {
        #expect(TextWidth.of("\u{202F}") == 1)
        #expect(TextWidth.of("Oui\u{202F}!") == 5)
        let n = "\u{202F}"
        let text =
            "Pour vous\(n): qu’est-ce qui change\(n)? La brochure «\(n)Comprendre les enjeux\(n)» le dit\(n); "
            + "1\(n)000 exemples, 74\(n)% des Français\(n)!"
        for width in 20...60 {  // MarkdownLight's narrowest width is 20
            let lines = plain(text, width: width).split(separator: "\n")
            for line in lines {
                #expect(TextWidth.of(line) <= width || !line.contains(" "), "width \(width): \(line)")
                #expect(!line.hasPrefix(n) && !line.hasSuffix(n), "a line starts or ends at U+202F: \(line)")
                #expect(!":;!?»".contains(line.first ?? "a"), "width \(width): \(line)")
                #expect(line.last != "«", "width \(width): \(line)")
            }
            #expect(lines.joined(separator: " ") == text, "width \(width): nothing lost or changed")
        }
    }

    @Test func wrapsAtFortyExactly() {
        let text = "Une idée par ligne, écrite simplement, et relue à voix haute avant de continuer."
        #expect(
            plain(text, width: 40)
                == "Une idée par ligne, écrite simplement,\net relue à voix haute avant de\ncontinuer.")
    }

    @Test func wideCharactersCountTwice() {
        let lines = plain("日本語 日本語 日本語 日本語 日本語 日本語 日本語 日本語", width: 20).split(separator: "\n")
        #expect(lines.allSatisfy { TextWidth.of($0) <= 20 })
        #expect(lines.first == "日本語 日本語 日本語")  // 6 + 1 + 6 + 1 + 6 = 20 columns
    }

    @Test func boldAndItalicArePlainWithoutColour() {
        #expect(plain("Un **mot fort** et un *mot doux*.") == "Un mot fort et un mot doux.")
    }

    @Test func boldAndItalicUseStyleCodesWithColour() {
        let rendered = MarkdownLight(width: 80, style: .ansi).render("Un **mot fort** et *doux*.")
        #expect(rendered == "Un \u{1B}[1mmot fort\u{1B}[22m et \u{1B}[3mdoux\u{1B}[23m.")
    }

    @Test func stylesCloseAtEachLineEnd() {
        let rendered = MarkdownLight(width: 20, style: .ansi).render("**" + String(repeating: "gras ", count: 8) + "**")
        for line in rendered.split(separator: "\n") {
            #expect(line.hasPrefix("\u{1B}[1m"))
            #expect(line.hasSuffix("\u{1B}[22m"))
        }
    }

    @Test func italicMayHoldBold() {
        #expect(plain("*très **très** bien*") == "très très bien")
    }

    @Test(arguments: [
        ("2 * 3 = 6", "2 * 3 = 6"),
        ("**pas fermé", "**pas fermé"),
        ("\\*étoile\\*", "*étoile*"),
        ("tapez `aide`", "tapez `aide`"),
    ])
    func unmatchedMarkersStayAsTyped(input: String, expected: String) {
        #expect(plain(input) == expected)
    }

    @Test func linksShowTheirAddressInAngleBrackets() {
        #expect(
            plain("Lire [le guide](https://exemple.org/guide) puis [](https://a.b).")
                == "Lire le guide <https://exemple.org/guide> puis <https://a.b>.")
    }

    @Test func longAddressesAreNeverCut() {
        let url = "https://exemple.org/" + String(repeating: "x", count: 60)
        let rendered = plain("Voir [ici](\(url)) pour plus.", width: 40)
        #expect(rendered.split(separator: "\n").contains { $0 == "<\(url)>" })
    }

    @Test func listsHaveAHangingIndent() {
        let text =
            "Avant :\n- une idée courte\n- une idée beaucoup plus longue qui doit passer à la ligne suivante\n  avec sa suite\n\nAprès."
        let expected = """
            Avant :

              • une idée courte
              • une idée beaucoup plus longue qui
                doit passer à la ligne suivante avec
                sa suite

            Après.
            """
        #expect(plain(text, width: 40) == expected)
    }

    @Test func orderedAndNestedLists() {
        let text = "1. d’abord\n2. ensuite\n  - détail\n* fin"
        #expect(plain(text) == "  1. d’abord\n  2. ensuite\n    ◦ détail\n  • fin")
    }

    @Test func headingsAreBold() {
        #expect(plain("# Titre\nTexte") == "Titre\n\nTexte")
        #expect(MarkdownLight(width: 80, style: .ansi).render("## Titre") == "\u{1B}[1mTitre\u{1B}[22m")
    }

    @Test(arguments: [
        "\u{1B}[2J", "\u{9B}2J", "\u{1B}]0;titre\u{07}", "\u{202E}", "\u{202D}", "\u{2066}", "\u{2069}",
        "\u{200F}", "\u{61C}",
    ])
    func controlSequencesFromContentAreNeutralised(sequence: String) {
        let rendered = MarkdownLight(width: 80, style: .ansi).render("avant \(sequence)après **gras**")
        let withoutOurCodes = rendered.replacingOccurrences(of: "\u{1B}[1m", with: "")
            .replacingOccurrences(of: "\u{1B}[22m", with: "")
        #expect(!withoutOurCodes.unicodeScalars.contains { UnsafeScalars.isUnsafe($0) })
        #expect(withoutOurCodes.contains("\u{FFFD}"))
    }

    @Test func emptyTextRendersEmpty() {
        #expect(plain("") == "")
        #expect(plain("\n\n  \n") == "")
    }
}
