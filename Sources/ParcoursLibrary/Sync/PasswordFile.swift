/// The `~/.pgpass` format: one `hostname:port:database:username:password` per line, `*`
/// matching anything, `\:` and `\\` escaping, `#` starting a comment; the first line that
/// matches wins (https://www.postgresql.org/docs/15/libpq-pgpass.html).
public struct PasswordFile: Sendable {
    struct Entry: Sendable, Equatable {
        var fields: [String]
    }

    let entries: [Entry]

    public init(text: String) {
        var entries: [Entry] = []
        for line in text.split(omittingEmptySubsequences: true, whereSeparator: \.isNewline) {
            if line.hasPrefix("#") { continue }
            var fields: [String] = []
            var field = ""
            var escaped = false
            for character in line {
                if escaped {
                    field.append(character)
                    escaped = false
                } else if character == "\\" {
                    escaped = true
                } else if character == ":" && fields.count < 4 {
                    fields.append(field)
                    field = ""
                } else {
                    field.append(character)
                }
            }
            fields.append(field)
            if fields.count == 5 { entries.append(Entry(fields: fields)) }
        }
        self.entries = entries
    }

    /// The password of the first line that matches `settings`, if any.
    public func password(for settings: ConnectionSettings) -> String? {
        let wanted = [settings.host, String(settings.port), settings.database, settings.user]
        for entry in entries {
            let matches = zip(entry.fields, wanted).allSatisfy { field, value in field == "*" || field == value }
            if matches { return entry.fields[4] }
        }
        return nil
    }

    /// A field written so that `init(text:)` reads it back.
    static func escape(_ field: String) -> String {
        field.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ":", with: "\\:")
    }
}
