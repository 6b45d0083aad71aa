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
            let output =
                mermaid
                ? GraphRenderer.mermaid(course: loaded.course, path: path, label: label)
                : GraphRenderer.dot(course: loaded.course, path: path, label: label)
            print(output, terminator: "")
        } catch {
            throw Failure.exit(error)
        }
    }
}

/// Finds the course that offers a path id.
enum PathLookup {
    static func find(_ pathID: String, in library: ContentLibrary, lang: String?) throws -> (
        LoadedCourse, CoursePath
    ) {
        var known: [String] = []
        for files in library.courses {
            guard let loaded = try? LoadedCourse.load(files, library: library, lang: lang) else {
                continue
            }
            if let path = loaded.course.path(pathID) { return (loaded, path) }
            known += loaded.course.paths.map(\.id)
        }
        throw CLIError.unknownPath(pathID, known: known)
    }
}
