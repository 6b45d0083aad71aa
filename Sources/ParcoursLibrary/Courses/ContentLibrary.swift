import Foundation
import ParcoursCore

/// The course files found on disk: where they are and how to read them.
///
/// This is the edge where content search touches the file system; everything it reads is
/// handed to `ParcoursCore` as text. Courses are looked up and loaded through
/// `CourseLookup`, which holds one.
public struct ContentLibrary: Sendable {
    /// One course's files.
    public struct CourseFiles: Sendable {
        public var id: String
        public var graph: String
        /// Locale files by language.
        public var locales: [String: String]

        public init(id: String, graph: String, locales: [String: String]) {
            self.id = id
            self.graph = graph
            self.locales = locales
        }
    }

    public var roots: [String]
    public var courses: [CourseFiles]
    /// `ui.yml` by language (from the primary root, then the others).
    public var uiCatalogs: [String: String]

    /// Finds content (`--home`, else `PARCOURS_HOME` and the usual places, in `environment`),
    /// or throws a message that lists every place looked at.
    public static func discover(home: String?, environment: [String: String]) throws(LibraryError)
        -> ContentLibrary
    {
        let search = ContentSearch.roots(
            home: home, environment: environment, executablePath: executablePath(),
            homeDirectory: NSHomeDirectory(), isContentRoot: isContentRoot)
        guard !search.roots.isEmpty else {
            throw .noContent(looked: search.looked)
        }
        return scan(roots: search.roots, interfaceRoots: search.interfaceRoots)
    }

    /// The courses under `roots`, and the interface's words from `interfaceRoots` (the first
    /// root that has a language's `ui.yml` gives it).
    public static func scan(roots: [String], interfaceRoots: [String]? = nil) -> ContentLibrary {
        var courses: [CourseFiles] = []
        var seen = Set<String>()
        var ui: [String: String] = [:]
        for root in roots {
            for graph in yamlFiles(in: ContentSearch.join(root, "Paths")) {
                let id = stem(graph)
                guard seen.insert(id).inserted else { continue }
                courses.append(
                    CourseFiles(id: id, graph: graph, locales: locales(of: id, root: root)))
            }
        }
        for root in interfaceRoots ?? roots {
            for language in directories(in: ContentSearch.join(root, "Locales")) {
                let file = ContentSearch.join(
                    ContentSearch.join(ContentSearch.join(root, "Locales"), language), "ui.yml")
                if ui[language] == nil, FileManager.default.fileExists(atPath: file) {
                    ui[language] = file
                }
            }
        }
        return ContentLibrary(roots: roots, courses: courses, uiCatalogs: ui)
    }

    public static func locales(of course: String, root: String) -> [String: String] {
        var result: [String: String] = [:]
        let localesDirectory = ContentSearch.join(root, "Locales")
        for language in directories(in: localesDirectory) {
            let file = ContentSearch.join(
                ContentSearch.join(localesDirectory, language), "\(course).yml")
            if FileManager.default.fileExists(atPath: file) { result[language] = file }
        }
        return result
    }

    public static func isContentRoot(_ directory: String) -> Bool {
        var isDirectory: ObjCBool = false
        let paths = ContentSearch.join(directory, "Paths")
        let locales = ContentSearch.join(directory, "Locales")
        return FileManager.default.fileExists(atPath: paths, isDirectory: &isDirectory)
            && isDirectory.boolValue
            && FileManager.default.fileExists(atPath: locales)
    }

    public static func executablePath() -> String? {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(
            atPath: "/proc/self/exe")
        {
            return resolved
        }
        return Bundle.main.executablePath
    }

    public static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yml") || $0.hasSuffix(".yaml") }.sorted().map {
            ContentSearch.join(directory, $0)
        }
    }

    public static func directories(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(
                atPath: ContentSearch.join(directory, name), isDirectory: &isDirectory)
                && isDirectory.boolValue
        }.sorted()
    }

    public static func stem(_ path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.split(separator: ".").first.map(String.init) ?? name
    }

    public static func read(_ path: String) throws(LibraryError) -> SourceText {
        let (text, problem) = try readDecoding(path)
        if let problem { throw .notUTF8(problem) }
        return text
    }

    /// The file's text, invalid UTF-8 read as U+FFFD, and the `encoding` diagnostic if any.
    public static func readDecoding(_ path: String) throws(LibraryError) -> (text: SourceText, problem: Diagnostic?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .unreadable(path: path)
        }
        return SourceText.decoding([UInt8](data), path: displayPath(path))
    }

    /// Paths under the working directory are shown relative to it.
    public static func displayPath(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let prefix = cwd.hasSuffix("/") ? cwd : cwd + "/"
        if path.hasPrefix(prefix) { return String(path.dropFirst(prefix.count)) }
        return path.hasPrefix("./") ? String(path.dropFirst(2)) : path
    }

    /// The interface's words in `language`, if that catalog is installed.
    public func uiEntries(_ language: String) throws(LibraryError) -> [String: LocaleEntry]? {
        guard let path = uiCatalogs[language] else { return nil }
        let text = try Self.read(path)
        return LocaleFileDecoder.decodeUICatalog(text.text, file: text.path).0?.entries
    }
}
