/// `{name}` placeholders must be ones the program fills.
///
/// Course text has none: a `{usd}` in a title would be shown as is. In the interface's
/// catalogs (`ui.yml`), a key uses the same placeholders in every language: a name one
/// language has and another lacks is a typo, or a value the program never gives.
struct PlaceholderRule: LintRule {
    static let ids = ["unknown-placeholder"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.locales.flatMap { locale in
            locale.entries.compactMap { key, entry -> Diagnostic? in
                guard let name = Self.placeholders(in: entry.value).sorted().first else { return nil }
                return .error(
                    "unknown-placeholder", at: entry.location,
                    "'\(key)' holds the placeholder {\(name)}, but course text has none: it would be shown as is")
            }
        }
    }

    /// Keys whose placeholders differ between the interface's catalogs, reported in each
    /// catalog that uses a name another language does not.
    static func check(_ catalogs: [UICatalogFile]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for catalog in catalogs {
            for (key, entry) in catalog.entries {
                let names = placeholders(in: entry.value)
                for other in catalogs where other.language.value != catalog.language.value {
                    guard let theirs = other.entries[key] else { continue }
                    for name in names.subtracting(placeholders(in: theirs.value)).sorted() {
                        diagnostics.append(
                            .error(
                                "unknown-placeholder", at: entry.location,
                                "'\(key)' in '\(catalog.language.value)' uses {\(name)}, which '\(other.language.value)' does not: the program fills the same names in every language"
                            ))
                    }
                }
            }
        }
        return diagnostics
    }

    /// The `{name}` placeholders of a value (plural forms and lists included).
    static func placeholders(in value: LocalizedValue) -> Set<String> {
        switch value {
        case .text(let text): names(in: text)
        case .plural(let one, let other): names(in: one).union(names(in: other))
        case .list(let labels): labels.reduce(into: Set<String>()) { $0.formUnion(names(in: $1)) }
        }
    }

    /// Names between braces made of letters, digits, dots, dashes and underscores.
    static func names(in text: String) -> Set<String> {
        var found = Set<String>()
        var current: String?
        for character in text {
            if character == "{" {
                current = ""
            } else if character == "}", let name = current {
                if !name.isEmpty { found.insert(name) }
                current = nil
            } else if current != nil {
                if character.isLetter || character.isNumber || "._-".contains(character) {
                    current?.append(character)
                } else {
                    current = nil
                }
            }
        }
        return found
    }
}
