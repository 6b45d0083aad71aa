/// Every word parcours shows, in one language, with the source language behind it.
///
/// A key missing in the chosen language falls back to the source language; a key missing
/// in both shows an ellipsis, never the raw key.
///
/// ```swift
/// let words = Catalog(language: "fr", entries: fr, fallback: fr)
/// words.plural("steps.count", count: 0)   // "0 étape"
/// ```
public struct Catalog: Sendable {
    public let language: String
    private let entries: [String: LocalizedValue]
    private let fallback: [String: LocalizedValue]

    public static let missing = "…"

    public init(
        language: String, entries: [String: LocalizedValue],
        fallback: [String: LocalizedValue] = [:]
    ) {
        self.language = language
        self.entries = entries
        self.fallback = fallback
    }

    /// Builds a catalog from decoded locale tables (course words and UI words together).
    public init(
        language: String, files: [[String: LocaleEntry]], fallbackFiles: [[String: LocaleEntry]]
    ) {
        func merge(_ tables: [[String: LocaleEntry]]) -> [String: LocalizedValue] {
            tables.reduce(into: [:]) { result, table in
                for (key, entry) in table { result[key] = entry.value }
            }
        }
        self.init(language: language, entries: merge(files), fallback: merge(fallbackFiles))
    }

    public func has(_ key: String) -> Bool { entries[key] != nil || fallback[key] != nil }

    private func value(_ key: String) -> LocalizedValue? { entries[key] ?? fallback[key] }

    /// The text under `key`, with `{name}` placeholders filled from `arguments`.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        switch value(key) {
        case .text(let text): Self.fill(text, arguments)
        case .plural(_, let other): Self.fill(other, arguments)
        case .list(let labels): labels.joined(separator: ", ")
        case nil: Self.missing
        }
    }

    /// The text under `key` if there is one.
    public func optionalText(_ key: String, _ arguments: [String: String] = [:]) -> String? {
        has(key) ? text(key, arguments) : nil
    }

    /// The plural form of `key` for `count`, which also fills `{count}`.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        var arguments = arguments
        arguments["count"] = arguments["count"] ?? String(count)
        guard case .plural(let one, let other) = value(key) else { return text(key, arguments) }
        let form = PluralRule.category(for: count, language: language) == .one ? one : other
        return Self.fill(form, arguments)
    }

    public func list(_ key: String) -> [String] {
        if case .list(let labels) = value(key) { return labels }
        return []
    }

    /// Replaces each `{name}` whose name is in `arguments`; other braces are left alone.
    public static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard !arguments.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            guard let close = rest[open...].firstIndex(of: "}") else {
                result += rest[open...]
                return result
            }
            let name = String(rest[rest.index(after: open)..<close])
            if let value = arguments[name] {
                result += value
            } else {
                result += rest[open...close]
            }
            rest = rest[rest.index(after: close)...]
        }
        return result + rest
    }
}
