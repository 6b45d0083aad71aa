import ParcoursCore
import Testing

@Suite("Localisation")
struct LocalizationTests {
    @Test(
        "French puts 0 and 1 in one; English only 1",
        arguments: [
            ("fr", 0, PluralRule.Category.one), ("fr", 1, .one), ("fr", 2, .other),
            ("fr", 10, .other),
            ("en", 0, .other), ("en", 1, .one), ("en", 2, .other),
        ])
    func pluralRules(language: String, count: Int, expected: PluralRule.Category) {
        #expect(PluralRule.category(for: count, language: language) == expected)
    }

    @Test func pluralTextFillsCount() {
        let forms = LocalizedValue.plural(one: "{count} étape", other: "{count} étapes")
        let french = Catalog(language: "fr", entries: ["steps": forms])
        #expect(french.plural("steps", count: 0) == "0 étape")
        #expect(french.plural("steps", count: 2) == "2 étapes")
        let english = Catalog(
            language: "en", entries: ["steps": .plural(one: "{count} step", other: "{count} steps")]
        )
        #expect(english.plural("steps", count: 0) == "0 steps")
    }

    @Test func missingKeysFallBackAndNeverShowTheKey() {
        let catalog = Catalog(
            language: "en", entries: ["hello": .text("Hello {name}")],
            fallback: ["hello": .text("Bonjour {name}"), "bye": .text("Au revoir")])
        #expect(catalog.text("hello", ["name": "Ada"]) == "Hello Ada")
        #expect(catalog.text("bye") == "Au revoir")
        #expect(catalog.text("nowhere") == Catalog.missing)
        #expect(!catalog.text("nowhere").contains("nowhere"))
    }

    @Test func placeholders() {
        #expect(Catalog.fill("{a} and {b}", ["a": "1"]) == "1 and {b}")
        #expect(Catalog.fill("unclosed {a", ["a": "1"]) == "unclosed {a")
        #expect(Catalog.fill("{a}{a}", ["a": "x"]) == "xx")
    }

    struct Negotiation: Sendable, CustomTestStringConvertible {
        var explicit: String?
        var environment: [String: String]
        var expected: String
        var testDescription: String { "\(explicit ?? "-") \(environment) → \(expected)" }
    }

    @Test(
        "language negotiation",
        arguments: [
            Negotiation(explicit: "en", environment: ["LANG": "fr_FR.UTF-8"], expected: "en"),
            Negotiation(explicit: nil, environment: ["LANG": "en_GB.UTF-8"], expected: "en"),
            Negotiation(
                explicit: nil, environment: ["LANGUAGE": "de:en", "LANG": "fr_FR.UTF-8"],
                expected: "en"),
            Negotiation(
                explicit: nil, environment: ["LC_ALL": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"],
                expected: "en"),
            Negotiation(
                explicit: nil, environment: ["LC_MESSAGES": "en_US", "LANG": "fr_FR"],
                expected: "en"),
            Negotiation(explicit: nil, environment: ["LANG": "C.UTF-8"], expected: "fr"),
            Negotiation(explicit: nil, environment: [:], expected: "fr"),
            Negotiation(explicit: "de", environment: ["LANG": "en_US.UTF-8"], expected: "en"),
            Negotiation(explicit: nil, environment: ["LANG": "de_DE.UTF-8"], expected: "fr"),
        ])
    func negotiation(_ example: Negotiation) {
        let chosen = LanguageNegotiation.choose(
            explicit: example.explicit, environment: example.environment, available: ["fr", "en"],
            sourceLanguage: "fr")
        #expect(chosen == example.expected)
    }

    @Test(
        arguments: [
            ("formatVersion: 1\ncourse: c\nsourceLanguage: fr\npaths: []\n", "fr"),
            ("sourceLanguage: \"en\"  # quoted, with a comment\n", "en"),
            ("sourceLanguage: 'de'\r\n", "de"),
            // Not at the top level, or absent: no guess.
            ("course: c\nsteps:\n  - sourceLanguage: fr\n", nil),
            ("course: c\n", nil),
            ("sourceLanguage:\n", nil),
        ] as [(String, String?)])
    func theDeclaredSourceLanguageIsPeekedFromTheGraphText(text: String, expected: String?) {
        #expect(LanguageNegotiation.declaredSourceLanguage(inGraph: text) == expected)
    }
}
