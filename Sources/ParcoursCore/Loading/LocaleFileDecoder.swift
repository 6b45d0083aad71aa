/// Reads locale files (course words and UI words) into flat key → entry tables.
public enum LocaleFileDecoder {
    static let sections = [
        "title", "notice", "paths", "steps", "dimensions", "scales", "resources", "reasons",
    ]

    /// Decodes `Locales/<lang>/<course>.yml`.
    public static func decodeCourseLocale(_ text: String, file: String) -> (
        LocaleFile?, [Diagnostic]
    ) {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
            let fields = reader.fields(
                root, in: "the locale file",
                required: ["formatVersion", "course", "language", "title"],
                optional: Array(sections.dropFirst()))
        else { return (nil, reader.diagnostics) }
        guard checkFormat(fields, reader),
            let course = fields.string("course", in: "the locale file"),
            let language = fields.string("language", in: "the locale file")
        else { return (nil, reader.diagnostics) }
        var table = Table()
        for section in sections {
            guard let node = fields[section], let at = fields.keyLocation(section) else { continue }
            flatten(node, key: section, at: at, into: &table, reader)
        }
        let locale = LocaleFile(
            file: reader.file, course: course.value, language: language, entries: table.entries,
            containers: table.containers, location: fields.location)
        return (locale, reader.diagnostics)
    }

    /// Decodes `Locales/<lang>/ui.yml`.
    public static func decodeUICatalog(_ text: String, file: String) -> (
        UICatalogFile?, [Diagnostic]
    ) {
        let reader = YAMLReader(file: file)
        guard let root = reader.compose(text),
            let fields = reader.fields(
                root, in: "the UI catalog", required: ["formatVersion", "language", "strings"]),
            checkFormat(fields, reader),
            let language = fields.string("language", in: "the UI catalog"),
            let strings = fields["strings"]
        else { return (nil, reader.diagnostics) }
        var table = Table()
        for (key, value) in reader.pairs(strings, in: "'strings'") {
            flatten(value, key: key.value, at: key.location, into: &table, reader)
        }
        let catalog = UICatalogFile(
            file: reader.file, language: language, entries: table.entries,
            location: reader.location(strings))
        return (catalog, reader.diagnostics)
    }

    private static func checkFormat(_ fields: Fields, _ reader: YAMLReader) -> Bool {
        guard let version = fields.int("formatVersion", in: "the file") else { return false }
        guard version.value == CourseFileDecoder.currentFormatVersion else {
            reader.report(
                .error(
                    "unsupported-format", at: version.location,
                    "formatVersion \(version.value) is not supported; this parcours reads version \(CourseFileDecoder.currentFormatVersion)"
                ))
            return false
        }
        return true
    }

    /// Turns nested mappings into dotted keys; `{one, other}` mappings are plural forms.
    struct Table {
        var entries: [String: LocaleEntry] = [:]
        var containers: [String: SourceLocation] = [:]
    }

    static func flatten(
        _ node: YAMLNode, key: String, at location: SourceLocation, into table: inout Table,
        _ reader: YAMLReader
    ) {
        switch node {
        case .scalar(let scalar):
            table.entries[key] = LocaleEntry(value: .text(scalar.string), location: location)
        case .sequence(let sequence):
            let labels = sequence.compactMap {
                reader.string($0, in: "each label of '\(key)'")?.value
            }
            table.entries[key] = LocaleEntry(value: .list(labels), location: location)
        case .mapping(let mapping):
            // `{one, other}` is a plural; checked without building a set for every mapping.
            if mapping.pairs.count <= 2, mapping["other"] != nil,
                mapping.pairs.allSatisfy({ $0.key.string == "one" || $0.key.string == "other" })
            {
                let other = mapping["other"]?.string ?? ""
                let one = mapping["one"]?.string ?? other
                table.entries[key] = LocaleEntry(
                    value: .plural(one: one, other: other), location: location)
                return
            }
            table.containers[key] = location
            for (child, value) in mapping {
                guard let name = child.string else {
                    reader.invalid(child, "keys in '\(key)' must be plain text")
                    continue
                }
                flatten(value, key: key + "." + name, at: reader.location(child), into: &table, reader)
            }
        case .alias:
            reader.invalid(node, "aliases are not supported in locale files")
        }
    }
}
