import Foundation
import ParcoursCore
import ParcoursLibrary

/// The interface's words alone, for commands that run before any course is chosen.
package enum UIWords {
    package static func load(library: ContentLibrary, lang: String?) throws -> Catalog {
        let source = "fr"
        let language = LanguageNegotiation.choose(
            explicit: lang, environment: ProcessEnvironment.variables,
            available: Set(library.uiCatalogs.keys), sourceLanguage: source)
        func table(_ language: String) throws -> [[String: LocaleEntry]] {
            try library.uiEntries(language).map { [$0] } ?? []
        }
        return Catalog(
            language: language, files: try table(language),
            fallbackFiles: language == source ? [] : try table(source))
    }
}
