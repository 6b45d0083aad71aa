/// Chooses the language to speak: `--lang`, else `LANGUAGE`, `LC_ALL`, `LC_MESSAGES`,
/// `LANG` (as gettext reads them), else the course's source language.
public enum LanguageNegotiation {
    /// `fr_FR.UTF-8` → `fr`; `C` and `POSIX` → nil.
    public static func normalize(_ tag: String) -> String? {
        let base =
            tag.split(whereSeparator: { $0 == "." || $0 == "@" }).first.map(String.init) ?? ""
        let language =
            base.split(whereSeparator: { $0 == "_" || $0 == "-" }).first.map { $0.lowercased() }
            ?? ""
        guard !language.isEmpty, language != "c", language != "posix" else { return nil }
        return language
    }

    /// The languages the environment asks for, most wanted first.
    public static func requested(environment: [String: String]) -> [String] {
        var tags: [String] = []
        if let list = environment["LANGUAGE"], !list.isEmpty {
            tags += list.split(separator: ":").map(String.init)
        }
        if let locale = ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap({ environment[$0] })
            .first(where: {
                !$0.isEmpty
            })
        {
            tags.append(locale)
        }
        return tags.compactMap(normalize)
    }

    /// The language to use among `available`.
    public static func choose(
        explicit: String?, environment: [String: String], available: Set<String>,
        sourceLanguage: String
    ) -> String {
        if let explicit, let language = normalize(explicit), available.contains(language) {
            return language
        }
        return requested(environment: environment).first(where: available.contains)
            ?? sourceLanguage
    }
}
