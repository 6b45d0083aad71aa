import Foundation
import ParcoursCore

/// Turns lint's arguments into the courses and UI catalogs to check.
///
/// A target may be a graph (`Paths/x.yml`), a locale file (`Locales/fr/x.yml`: its course
/// is checked), a `ui.yml` (checked with its siblings), or a folder holding `Paths/` and
/// `Locales/` (or one of those two). No target at all means every course installed.
public enum LintTargets {
    /// The courses and UI catalogs to check, each once, in the order first named.
    public struct Jobs {
        public var courses: [ContentLibrary.CourseFiles] = []
        public var uiCatalogs: [String] = []

        mutating func add(_ course: ContentLibrary.CourseFiles) {
            if !courses.contains(where: { $0.graph == course.graph }) { courses.append(course) }
        }

        mutating func add(ui: String) {
            if !uiCatalogs.contains(ui) { uiCatalogs.append(ui) }
        }

        mutating func add(library: ContentLibrary) {
            for course in library.courses { add(course) }
            for language in library.uiCatalogs.keys.sorted() {
                if let file = library.uiCatalogs[language] { add(ui: file) }
            }
        }
    }

    /// The jobs `targets` name; with none, every course found from `home` (in `environment`).
    public static func resolve(_ targets: [String], home: String?, environment: [String: String])
        throws(LibraryError) -> Jobs
    {
        var jobs = Jobs()
        guard !targets.isEmpty else {
            jobs.add(library: try ContentLibrary.discover(home: home, environment: environment))
            return jobs
        }
        for target in targets {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory) else {
                throw .unreadable(path: target)
            }
            if isDirectory.boolValue {
                jobs.add(library: ContentLibrary.scan(roots: [try root(ofDirectory: target)]))
            } else {
                try add(file: target, to: &jobs)
            }
        }
        return jobs
    }

    private static func root(ofDirectory directory: String) throws(LibraryError) -> String {
        if ContentLibrary.isContentRoot(directory) { return directory }
        let name = ContentLibrary.stem(directory)
        if name == "Paths" || name == "Locales" { return ContentSearch.parent(of: directory) }
        throw .notContentFolder(directory)
    }

    private static func add(file: String, to jobs: inout Jobs) throws(LibraryError) {
        let directory = ContentSearch.parent(of: file)
        let name = file.split(separator: "/").last.map(String.init) ?? file
        let grandparent = ContentSearch.parent(of: directory)
        if ContentLibrary.stem(grandparent) == "Locales" {
            let root = ContentSearch.parent(of: grandparent)
            if name == "ui.yml" {
                // A UI catalog is checked against its siblings.
                for file in ContentLibrary.scan(roots: [root]).uiCatalogs.values.sorted() {
                    jobs.add(ui: file)
                }
                return
            }
            let id = ContentLibrary.stem(file)
            let graph = ContentSearch.join(ContentSearch.join(root, "Paths"), "\(id).yml")
            guard FileManager.default.fileExists(atPath: graph) else {
                throw .orphanLocale(file: file, graph: graph)
            }
            jobs.add(
                .init(id: id, graph: graph, locales: ContentLibrary.locales(of: id, root: root)))
            return
        }
        let root =
            ContentLibrary.stem(directory) == "Paths"
            ? ContentSearch.parent(of: directory) : directory
        let id = ContentLibrary.stem(file)
        jobs.add(.init(id: id, graph: file, locales: ContentLibrary.locales(of: id, root: root)))
    }
}
