import ParcoursCore
import ParcoursTestSupport
import Testing

/// A mistyped name gets the nearest known one in its diagnostic; a name far from every
/// known one gets none.
@Suite("lint suggests what an author probably meant")
struct DidYouMeanTests {
    static func message(_ graph: String, rule: String) throws -> String {
        let (diagnostics, _) = Fixture.lint(graph: graph)
        return try #require(diagnostics.first { $0.rule == rule }, "\(diagnostics)").message
    }

    @Test(arguments: [
        ("kind: lesson\n    minutes: 3", "kind: lessn\n    minutes: 3", "invalid-value", "did you mean 'lesson'?"),
        ("[intro, quiz, fix, end]", "[intro, quizz, fix, end]", "unknown-step", "did you mean 'quiz'?"),
        ("goto: end", "goto: edn", "unknown-step", "did you mean 'end'?"),
        ("{ answer: quiz, is: a }", "{ answer: qiuz, is: a }", "unknown-reference", "did you mean 'quiz'?"),
        ("{ answer: quiz, is: a }", "{ score: skills, below: 3 }", "unknown-reference", "did you mean 'skill'?"),
        ("    minutes: 3\n", "    minutse: 3\n", "unknown-key", "did you mean 'minutes'?"),
    ])
    func suggests(_ original: String, _ typo: String, _ rule: String, _ suggestion: String) throws {
        let message = try Self.message(Fixture.graph.replacing(original, with: typo), rule: rule)
        #expect(message.hasSuffix("; " + suggestion), "\(message)")
    }

    @Test func aNameFarFromEveryOtherGetsNoSuggestion() throws {
        let message = try Self.message(
            Fixture.graph.replacing("goto: end", with: "goto: conclusion"), rule: "unknown-step")
        #expect(!message.contains("did you mean"), "\(message)")
    }
}

/// The interface's catalogs use the same placeholders in every language.
@Suite("placeholders of the interface's words")
struct UIPlaceholderTests {
    @Test func aNameOneLanguageHasAndAnotherLacksIsReportedWhereItIs() throws {
        let fr = SourceText(
            path: "Locales/fr/ui.yml",
            text: "formatVersion: 1\nlanguage: fr\nstrings:\n  hello: \"Bonjour {name} {usd}\"\n")
        let en = SourceText(
            path: "Locales/en/ui.yml", text: "formatVersion: 1\nlanguage: en\nstrings:\n  hello: \"Hello {name}\"\n")
        let found = Linter.lintUICatalogs([fr, en])
        let diagnostic = try #require(found.first { $0.rule == "unknown-placeholder" }, "\(found)")
        #expect(diagnostic.location == SourceLocation(file: "Locales/fr/ui.yml", line: 4, column: 3))
        #expect(diagnostic.message.contains("{usd}"))
        #expect(found.count == 1, "{name} is in both: \(found)")
    }
}
