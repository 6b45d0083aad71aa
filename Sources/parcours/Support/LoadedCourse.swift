import Foundation
import ParcoursCore

/// A runnable course with its words in the chosen language.
struct LoadedCourse {
    var course: Course
    var catalog: Catalog
    var files: ContentLibrary.CourseFiles

    /// Loads the graph and only the locale files the chosen language needs.
    static func load(_ files: ContentLibrary.CourseFiles, library: ContentLibrary, lang: String?)
        throws -> LoadedCourse
    {
        let graph = try ContentLibrary.read(files.graph)
        let course: Course
        do {
            course = try CourseLoader.load(graph: graph)
        } catch {
            throw CLIError.invalidCourse(files.id, error.diagnostics)
        }
        let language = LanguageNegotiation.choose(
            explicit: lang, environment: ProcessInfo.processInfo.environment,
            available: Set(files.locales.keys), sourceLanguage: course.sourceLanguage)
        func tables(_ language: String) -> [[String: LocaleEntry]] {
            var tables: [[String: LocaleEntry]] = []
            if let entries = try? library.uiEntries(language) { tables.append(entries) }
            if let path = files.locales[language], let text = try? ContentLibrary.read(path),
                let locale = LocaleFileDecoder.decodeCourseLocale(text.text, file: text.path).0
            {
                tables.append(locale.entries)
            }
            return tables
        }
        let chosen = tables(language)
        let fallback = language == course.sourceLanguage ? [] : tables(course.sourceLanguage)
        return LoadedCourse(
            course: course,
            catalog: Catalog(language: language, files: chosen, fallbackFiles: fallback),
            files: files)
    }

    func title(ofStep id: String) -> String {
        catalog.text(CourseKeys.step(id, "title"))
    }
}
