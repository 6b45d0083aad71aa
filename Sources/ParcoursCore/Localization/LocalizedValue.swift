/// A piece of text as a locale file holds it.
public enum LocalizedValue: Sendable, Hashable {
    /// Plain text, possibly with `{name}` placeholders and Markdown-light.
    case text(String)
    /// Plural forms, chosen by the language's rule for the `count` placeholder.
    case plural(one: String, other: String)
    /// An ordered list of labels (scale points).
    case list([String])
}

/// One entry of a locale file, with where it was written.
public struct LocaleEntry: Sendable {
    public var value: LocalizedValue
    public var location: SourceLocation
}

/// The words of one course in one language: `Locales/<lang>/<course>.yml`, flattened.
///
/// Nested mappings become dotted keys: `steps.welcome.title`, `paths.tour.summary`.
public struct LocaleFile: Sendable {
    public var file: String
    public var course: String
    public var language: Located<String>
    public var entries: [String: LocaleEntry]
    /// Where each nested mapping (`steps`, `steps.welcome`, …) was written, to report a
    /// missing key at its parent.
    public var containers: [String: SourceLocation]
    public var location: SourceLocation

    /// The closest written place for `key`: its parent mapping, or the file itself.
    public func nearestLocation(for key: String) -> SourceLocation {
        var parts = key.split(separator: ".")
        while !parts.isEmpty {
            parts.removeLast()
            if let location = containers[parts.joined(separator: ".")] { return location }
        }
        return location
    }
}

/// The interface's words in one language: `Locales/<lang>/ui.yml`.
public struct UICatalogFile: Sendable {
    public var file: String
    public var language: Located<String>
    public var entries: [String: LocaleEntry]
    public var location: SourceLocation
}
