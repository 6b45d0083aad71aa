import Foundation
import ParcoursCore

/// The interface's own words (this checkout's `Locales/<language>/ui.yml`), alone or under a
/// course's words, as the REPL and the command line read them.
public enum InterfaceWords {
    /// The package root, found from this file.
    public static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// A file that could not be read as the words it should hold.
    public struct Unreadable: Error {
        public var path: String
    }

    /// The entries of the interface's catalog in `language`.
    public static func entries(_ language: String) throws -> [String: LocaleEntry] {
        let path = root.appendingPathComponent("Locales/\(language)/ui.yml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        guard let file = LocaleFileDecoder.decodeUICatalog(text, file: path).0 else { throw Unreadable(path: path) }
        return file.entries
    }

    /// The catalog in `language`: the interface's words, with those of `courseLocale` (the
    /// text of a course's locale file) over them when given.
    public static func catalog(_ language: String = "fr", courseLocale: String? = nil) throws -> Catalog {
        var files = [try entries(language)]
        if let courseLocale {
            guard let course = LocaleFileDecoder.decodeCourseLocale(courseLocale, file: "course.yml").0 else {
                throw Unreadable(path: "course locale")
            }
            files.append(course.entries)
        }
        return Catalog(language: language, files: files, fallbackFiles: [])
    }
}
