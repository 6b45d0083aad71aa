import Foundation
import ParcoursCore

/// A runnable course with its words in the chosen language.
///
/// Made by `CourseLookup`, which parses each graph once; the loaders here read files every
/// time they are called.
public struct LoadedCourse: Sendable {
    public var course: Course
    public var catalog: Catalog
    public var files: ContentLibrary.CourseFiles

    /// Loads a course whose graph text is already read, reading its words on another core
    /// while the graph is parsed.
    ///
    /// Which words to read depends on the language, which may depend on the course's source
    /// language: that is guessed from the graph's `sourceLanguage:` line. The guess only
    /// decides what is read early; if the parsed course disagrees, the right words are read
    /// afterwards, so a wrong guess costs time, never correctness.
    static func load(
        _ files: ContentLibrary.CourseFiles, graphText: SourceText, library: ContentLibrary, lang: String?,
        environment: [String: String]
    ) throws(LibraryError) -> LoadedCourse {
        let available = Set(files.locales.keys)
        let guess = LanguageNegotiation.choose(
            explicit: lang, environment: environment, available: available,
            sourceLanguage: LanguageNegotiation.declaredSourceLanguage(inGraph: graphText.text) ?? "")
        let early = available.contains(guess) ? Concurrently { words(guess, files, library) } : nil
        let course = try graph(files, text: graphText)
        let language = LanguageNegotiation.choose(
            explicit: lang, environment: environment, available: available,
            sourceLanguage: course.sourceLanguage)
        // Reading words throws nothing: a missing or broken locale file is no words.
        let chosen = early.flatMap { language == guess ? try? $0.value() : nil } ?? words(language, files, library)
        return LoadedCourse(course: course, language: language, chosen: chosen, files: files, library: library)
    }

    /// A course whose graph is already parsed, with its words in the chosen language.
    static func load(
        _ files: ContentLibrary.CourseFiles, course: Course, library: ContentLibrary, lang: String?,
        environment: [String: String]
    ) -> LoadedCourse {
        let language = LanguageNegotiation.choose(
            explicit: lang, environment: environment, available: Set(files.locales.keys),
            sourceLanguage: course.sourceLanguage)
        return LoadedCourse(
            course: course, language: language, chosen: words(language, files, library), files: files,
            library: library)
    }

    /// The words in `language` over those of the course's source language.
    private init(
        course: Course, language: String, chosen: [[String: LocaleEntry]], files: ContentLibrary.CourseFiles,
        library: ContentLibrary
    ) {
        let fallback = language == course.sourceLanguage ? [] : Self.words(course.sourceLanguage, files, library)
        self.init(
            course: course, catalog: Catalog(language: language, files: chosen, fallbackFiles: fallback),
            files: files)
    }

    private init(course: Course, catalog: Catalog, files: ContentLibrary.CourseFiles) {
        self.course = course
        self.catalog = catalog
        self.files = files
    }

    /// The course's graph alone, without its words.
    static func graph(_ files: ContentLibrary.CourseFiles, text: SourceText? = nil) throws(LibraryError) -> Course {
        let graph: SourceText
        if let text { graph = text } else { graph = try ContentLibrary.read(files.graph) }
        do {
            return try CourseLoader.load(graph: graph)
        } catch {
            throw .invalidCourse(files.id, error.diagnostics)
        }
    }

    /// The UI catalog and the course's locale file in `language`, most specific last.
    private static func words(_ language: String, _ files: ContentLibrary.CourseFiles, _ library: ContentLibrary)
        -> [[String: LocaleEntry]]
    {
        var tables: [[String: LocaleEntry]] = []
        if let entries = try? library.uiEntries(language) { tables.append(entries) }
        if let path = files.locales[language], let text = try? ContentLibrary.read(path),
            let locale = LocaleFileDecoder.decodeCourseLocale(text.text, file: text.path).0
        {
            tables.append(locale.entries)
        }
        return tables
    }

    public func title(ofStep id: String) -> String {
        catalog.text(CourseKeys.step(id, "title"))
    }
}
