import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursTerminal

package struct Graph: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "graph",
        abstract: "Print a path's step graph as Graphviz DOT (or Mermaid).",
        discussion: "Render it with: parcours graph PATH-ID | dot -Tsvg > path.svg")

    @Argument(help: ArgumentHelp("The path to draw.", valueName: "PATH-ID"))
    var pathID: String

    @Flag(help: "Print Mermaid instead of Graphviz DOT.")
    var mermaid = false

    @OptionGroup var content: ContentOptions

    package func run() throws {
        do {
            let (loaded, path) = try content.courses().find(pathID, lang: content.lang)
            let label: (String) -> GraphRenderer.NodeLabel = { id in
                let step = loaded.course.steps[id]
                return GraphRenderer.NodeLabel(
                    title: Sanitizer.plain(loaded.title(ofStep: id)), kind: step?.kind ?? .lesson,
                    minutes: step?.minutes ?? 0)
            }
            let words = Self.words(loaded.catalog)
            let output =
                mermaid
                ? GraphRenderer.mermaid(course: loaded.course, path: path, words: words, label: label)
                : GraphRenderer.dot(course: loaded.course, path: path, words: words, label: label)
            print(output, terminator: "")
        } catch {
            throw Failure.exit(error)
        }
    }

    /// The drawing's words in the course's chosen language.
    static func words(_ catalog: Catalog) -> GraphRenderer.Words {
        GraphRenderer.Words(
            kinds: Dictionary(
                uniqueKeysWithValues: StepKind.allCases.map { ($0, catalog.text("kind.\($0.rawValue)")) }),
            legend: catalog.text("graph.legend"), budget: catalog.text("graph.budget"),
            optional: catalog.text("graph.optional"), final: catalog.text("graph.final"),
            branch: catalog.text("graph.branch"))
    }
}
