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
        try load(files, graphText: try ContentLibrary.read(files.graph), library: library, lang: lang)
    }

    /// Loads a course whose graph text is already read, reading its words on another core
    /// while the graph is parsed.
    ///
    /// Which words to read depends on the language, which may depend on the course's source
    /// language: that is guessed from the graph's `sourceLanguage:` line. The guess only
    /// decides what is read early; if the parsed course disagrees, the right words are read
    /// afterwards, so a wrong guess costs time, never correctness.
    static func load(
        _ files: ContentLibrary.CourseFiles, graphText: SourceText, library: ContentLibrary, lang: String?
    ) throws -> LoadedCourse {
        let environment = ProcessEnvironment.variables
        let available = Set(files.locales.keys)
        let guess = LanguageNegotiation.choose(
            explicit: lang, environment: environment, available: available,
            sourceLanguage: LanguageNegotiation.declaredSourceLanguage(inGraph: graphText.text) ?? "")
        let early = available.contains(guess) ? Concurrently { words(guess, files, library) } : nil
        let course = try graph(files, text: graphText)
        let language = LanguageNegotiation.choose(
            explicit: lang, environment: environment, available: available,
            sourceLanguage: course.sourceLanguage)
        let chosen = try early.flatMap { language == guess ? try $0.value() : nil } ?? words(language, files, library)
        let fallback = language == course.sourceLanguage ? [] : words(course.sourceLanguage, files, library)
        return LoadedCourse(
            course: course,
            catalog: Catalog(language: language, files: chosen, fallbackFiles: fallback),
            files: files)
    }

    /// The course's graph alone, without its words.
    static func graph(_ files: ContentLibrary.CourseFiles, text: SourceText? = nil) throws -> Course {
        let graph = try text ?? ContentLibrary.read(files.graph)
        do {
            return try CourseLoader.load(graph: graph)
        } catch {
            throw CLIError.invalidCourse(files.id, error.diagnostics)
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

    func title(ofStep id: String) -> String {
        catalog.text(CourseKeys.step(id, "title"))
    }
}
