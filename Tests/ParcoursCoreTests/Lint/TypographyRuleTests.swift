import ParcoursCore
import Testing

/// The `typography` rule reads prose wherever YAML puts it, and only prose.
@Suite("French typography in locale files")
struct TypographyRuleTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Lines of a French UI catalog's `strings`, with `«typography»` marks.
        var strings: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plain value", strings: "  a: Laquelle «typography»? Et «typography»«oui«typography»»."),
        Case(name: "double quotes", strings: "  a: \"Réponse «typography»: l«typography»'idée\""),
        Case(name: "escaped no-break spaces", strings: "  a: \"Oui\\u202F: non\\_! «\\u202Foui\\u202F»\""),
        Case(name: "single quotes", strings: "  a: 'Je m«typography»''y mets «typography»: ça va'"),
        Case(name: "flow mapping", strings: "  a: { label: Oui «typography»!, feedback: \"Non «typography»?\" }"),
        Case(name: "flow list", strings: "  a: [Je découvre, Je m«typography»'y intéresse, 'Pourquoi «typography»?']"),
        Case(
            name: "block scalar",
            strings: "  a: |\n    **Pour vous «typography»:** oui.\n\n    - deux «typography»;\n  b: fin «typography»!"),
        Case(
            name: "plural mapping",
            strings: "  a:\n    one: \"Une étape «typography»!\"\n    other: \"{count} étapes\\u202F!\""),
        Case(
            name: "clock times and addresses",
            strings: "  a: \"À 10:30, voir [la page](https://x.org/?a=b:c) ou www.x.org/?q\""),
        Case(name: "comments", strings: "  # Aujourd'hui : rien\n  a: Bien\u{202F}! # l'auteur : ici"),
        Case(name: "either no-break space", strings: "  a: \"Quoi\u{00A0}? Où\u{202F}? Hein\u{202F}?!\""),
        Case(
            name: "glued punctuation",
            strings: "  a: \"Tapez «typography»«aide«typography»»«typography»; voir **ici**«typography»!\""),
    ]

    @Test(arguments: cases)
    func reportsEachViolationAtItsColumn(_ fixture: Case) {
        let marked = MarkedText("formatVersion: 1\nlanguage: fr\nstrings:\n" + fixture.strings + "\n")
        let diagnostics = Linter.lintUICatalogs([SourceText(path: "Locales/fr/ui.yml", text: marked.text)])
        let found = diagnostics.map { "\($0.location.line):\($0.location.column) [\($0.rule)]" }
        let expected = marked.marks.map { "\($0.line):\($0.column) [\($0.rule)]" }
        #expect(found.sorted() == expected.sorted(), "\(diagnostics.map(\.description).joined(separator: "\n"))")
    }

    @Test func onlyFrenchIsChecked() {
        let english = "formatVersion: 1\nlanguage: en\nstrings:\n  a: \"Don't : stop !\"\n"
        #expect(Linter.lintUICatalogs([SourceText(path: "Locales/en/ui.yml", text: english)]).isEmpty)
    }

    @Test func eachProblemSaysWhatToWrite() {
        let text = "formatVersion: 1\nlanguage: fr\nstrings:\n  a: \"Oui ? l'idée «non»\"\n"
        let messages = Linter.lintUICatalogs([SourceText(path: "ui.yml", text: text)]).map(\.description)
        #expect(
            messages == [
                "ui.yml:4:11: warning: plain space before '?': French puts a narrow no-break space (U+202F) there [typography]",
                "ui.yml:4:14: warning: straight apostrophe in prose: write ’ (U+2019) [typography]",
                "ui.yml:4:20: warning: no space after '«': French puts a narrow no-break space (U+202F) there [typography]",
                "ui.yml:4:24: warning: no space before '»': French puts a narrow no-break space (U+202F) there [typography]",
            ])
    }
}
