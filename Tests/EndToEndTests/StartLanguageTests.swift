import Foundation
import ParcoursTestSupport
import Testing

/// `start` reads a course's words beside its graph, guessing the language from the graph's
/// `sourceLanguage:` line. The guess may only change how fast the words come, never which.
@Suite("Start: words read beside the graph")
struct StartLanguageTests {
    /// The graph as written, and the same course with its key quoted, where the peek finds no
    /// `sourceLanguage:` line and the words are read only after the graph.
    static let graphs = [
        Fixture.graph,
        Fixture.graph.replacingOccurrences(of: "\nsourceLanguage: fr\n", with: "\n\"sourceLanguage\": fr\n"),
    ]

    /// `start main --lang LANGUAGE` on a new store, then `quitter`; what the learner sees.
    private func firstScreen(graph: String, language: String, english: String? = nil) throws -> String {
        let directory = try Binary.temporaryDirectory()
        let home = try Fixture.write(
            to: directory + "/home", graph: graph, en: english ?? Fixture.locale("en"))
        for ui in ["fr", "en"] {
            try FileManager.default.copyItem(
                atPath: Binary.packageRoot + "/Locales/\(ui)/ui.yml", toPath: home + "/Locales/\(ui)/ui.yml")
        }
        let result = try Binary.run(
            [
                "start", "main", "--lang", language, "--as", "ada", "--store", directory + "/progress.sqlite",
                "--home", home,
            ], input: "quitter\n", directory: directory)
        #expect(result.status == 0, "start failed: \(result.stderr)")
        // The goodbye hint names the temporary folder's store: the same for every run.
        return result.stdout.replacingOccurrences(of: directory, with: "DIR")
    }

    @Test(arguments: ["fr", "en"])
    func theGuessChangesNothingTheLearnerSees(language: String) throws {
        #expect(Self.graphs[0] != Self.graphs[1])
        let screens = try Self.graphs.map { try firstScreen(graph: $0, language: language) }
        #expect(screens[0] == screens[1])
        #expect(!screens[0].isEmpty)
    }

    /// The fixture's English words, with an English body for the first step.
    static let english = Fixture.locale("en").replacingOccurrences(
        of: "body: Bonjour **vous**.", with: "body: Hello **you**.")

    @Test func theLanguageChosenIsTheOneShown() throws {
        for graph in Self.graphs {
            let french = try firstScreen(graph: graph, language: "fr", english: Self.english)
            let english = try firstScreen(graph: graph, language: "en", english: Self.english)
            #expect(french.contains("Bonjour") && !french.contains("Hello"))
            #expect(english.contains("Hello") && !english.contains("Bonjour"))
        }
    }

    @Test func aKeyMissingInEnglishFallsBackToTheSourceLanguage() throws {
        // The English locale without the first step's body: the French body is shown.
        let withoutBody = Self.english.replacingOccurrences(of: "    body: Hello **you**.\n", with: "")
        try #require(withoutBody != Self.english)
        for graph in Self.graphs {
            let screen = try firstScreen(graph: graph, language: "en", english: withoutBody)
            #expect(screen.contains("Bonjour"))
            #expect(!screen.contains("Hello"))
        }
    }
}
