import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursTerminal

struct Graph: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a path's step graph as Graphviz DOT (or Mermaid).",
        discussion: "Render it with: parcours graph PATH-ID | dot -Tsvg > path.svg")

    @Argument(help: ArgumentHelp("The path to draw.", valueName: "PATH-ID"))
    var pathID: String

    @Flag(help: "Print Mermaid instead of Graphviz DOT.")
    var mermaid = false

    @OptionGroup var content: ContentOptions

    func run() throws {
        do {
            let library = try ContentLibrary.discover(home: content.home)
            let (loaded, path) = try PathLookup.find(pathID, in: library, lang: content.lang)
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

/// Finds the course that offers a path id.
enum PathLookup {
    static func find(_ pathID: String, in library: ContentLibrary, lang: String?) throws -> (
        LoadedCourse, CoursePath
    ) {
        var known: [String] = []
        // Why a course that mentions the id could not be loaded: when no course has the path,
        // that is the answer (its lint errors, 65), not "no such path" (64).
        var broken: (any Error)?
        // A course whose graph text does not even mention the id cannot define the path: only
        // a course that does is loaded with its words (side by side with its graph); of the
        // others only the graph is parsed, to list the known paths if none has it.
        for files in library.courses {
            guard let (text, problem) = try? ContentLibrary.readDecoding(files.graph) else { continue }
            if text.text.contains(pathID) {
                do {
                    if let problem { throw CLIError.notUTF8(problem) }
                    let loaded = try LoadedCourse.load(files, graphText: text, library: library, lang: lang)
                    if let path = loaded.course.path(pathID) { return (loaded, path) }
                    known += loaded.course.paths.map(\.id)
                } catch {
                    broken = broken ?? error
                }
            } else if problem == nil, let course = try? LoadedCourse.graph(files, text: text) {
                known += course.paths.map(\.id)
            }
        }
        if let broken { throw broken }
        throw CLIError.unknownPath(pathID, known: known)
    }
}
