import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// `calibrate --write`'s edit: only the digits of each `minutes:` named change, found at the
/// line and column the decoder read them.
@Suite("Rewriting minutes in place")
struct MinutesEditTests {
    func edit(_ text: String, _ minutes: [String: Int]) throws -> (
        text: String, changes: [MinutesEdit.Change], skipped: [MinutesEdit.Skipped]
    ) {
        let file = try #require(CourseFileDecoder.decode(text, file: "Paths/demo.yml").0)
        let result = MinutesEdit.apply(minutes, to: Array(text.utf8), file: file)
        return (String(decoding: result.bytes, as: UTF8.self), result.changes, result.skipped)
    }

    @Test func onlyTheNamedNumbersChange() throws {
        let result = try edit(Fixture.graph, ["quiz": 12, "end": 1])
        let expected = Fixture.graph
            .replacingOccurrences(of: "kind: question\n    minutes: 2\n", with: "kind: question\n    minutes: 12\n")
            .replacingOccurrences(of: "kind: checkpoint\n    minutes: 3\n", with: "kind: checkpoint\n    minutes: 1\n")
        #expect(result.text == expected)
        #expect(result.changes.map(\.step) == ["quiz", "end"])
        #expect(result.changes.map(\.from) == [2, 3])
        #expect(result.skipped.isEmpty)
        #expect(result.changes.first?.location.line == 24)
        #expect(result.changes.first?.location.column == 14)
    }

    /// Flow mappings with accents before the number on the same line (libyaml counts the
    /// column in characters, the edit walks bytes), CR LF line ends, and comments.
    @Test func flowStyleAccentsAndCRLFAreKept() throws {
        let graph = Fixture.graph
            .replacingOccurrences(
                of: "  - id: intro\n    kind: lesson\n    minutes: 3\n",
                with: "  - { id: intro, kind: lesson, minutes: 3 } # « été »\n"
            )
            .replacingOccurrences(of: "course: demo\n", with: "course: demo # déjà\n")
            .replacingOccurrences(of: "  - id: end\n", with: "  # « fin » ici\n  - id: end\n")
        // An unknown key is reported by lint, but the file still decodes: three accented
        // characters (six bytes) stand before the number on its line.
        let accented = graph.replacingOccurrences(
            of: "{ id: intro, kind: lesson,", with: "{ id: intro, kind: lesson, \"clé\": \"été\",  ")
        let crlf = accented.replacingOccurrences(of: "\n", with: "\r\n")
        for text in [graph, accented, crlf] {
            let result = try edit(text, ["intro": 7, "end": 4])
            let expected =
                text
                .replacingOccurrences(of: "minutes: 3 }", with: "minutes: 7 }")
                .replacingOccurrences(
                    of: "kind: checkpoint\(text.contains("\r") ? "\r\n" : "\n")    minutes: 3",
                    with: "kind: checkpoint\(text.contains("\r") ? "\r\n" : "\n")    minutes: 4")
            #expect(result.text == expected)
            #expect(result.skipped.isEmpty)
        }
    }

    @Test func accentedCommentLinesBeforeTheNumberCountAsOneLineEach() throws {
        let graph = Fixture.graph.replacingOccurrences(
            of: "  - id: quiz\n", with: "  # Leçon « quiz » : à revoir — après l’été\n  - id: quiz\n")
        let result = try edit(graph, ["quiz": 9])
        #expect(result.text.contains("kind: question\n    minutes: 9\n"))
        #expect(result.text.contains("# Leçon « quiz » : à revoir — après l’été\n"))
    }

    @Test(arguments: ["007", "+2", "0x2"])
    func aNumberNotWrittenAsItsPlainDigitsIsLeftAndNamed(written: String) throws {
        let original = "kind: question\n    minutes: 2\n"
        let graph = Fixture.graph.replacingOccurrences(of: original, with: "kind: question\n    minutes: \(written)\n")
        let file = try #require(CourseFileDecoder.decode(graph, file: "Paths/demo.yml").0)
        guard file.steps.first(where: { $0.id.value == "quiz" })?.minutes != nil else { return }
        let result = try edit(graph, ["quiz": 5])
        #expect(result.text == graph)
        #expect(result.skipped.map(\.step) == ["quiz"])
    }

    @Test func aStepWithoutMinutesIsNamed() throws {
        let graph = Fixture.graph.replacingOccurrences(of: "kind: question\n    minutes: 2\n", with: "kind: question\n")
        let result = try edit(graph, ["quiz": 5, "intro": 4])
        #expect(result.skipped.map(\.step) == ["quiz"])
        #expect(result.changes.map(\.step) == ["intro"])
    }

    @Test func lineStartsFollowLibyamlsBreaks() {
        let text = "a\nb\r\nc\rd\u{85}e\u{2028}f"
        #expect(MinutesEdit.lineStarts(Array(text.utf8)).count == 6)
    }
}
