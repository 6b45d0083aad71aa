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

    /// The `sourceLanguage:` a course graph declares at its top level, read from the text
    /// without parsing it; nil when no such line is found.
    ///
    /// Only a guess, to start reading the words before the graph is parsed: the decoded
    /// course has the final say.
    public static func declaredSourceLanguage(inGraph text: String) -> String? {
        // Bytes in place, line by line, stopping at the first match: the line is near the
        // top, and neither Characters nor the string's generic UTF-8 view are needed to find it.
        var text = text
        return text.withUTF8 { bytes -> String? in
            let key = "sourceLanguage:".utf8
            var lineStart = 0
            while lineStart < bytes.count {
                var lineEnd = lineStart
                while lineEnd < bytes.count, bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
                let line = UnsafeBufferPointer(rebasing: bytes[lineStart..<lineEnd])
                if line.starts(with: key) {
                    let noise: [UInt8] = [UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), 0x22, 0x27]
                    var value = line.dropFirst(key.count)
                    if let comment = value.firstIndex(of: UInt8(ascii: "#")) { value = value[..<comment] }
                    while let first = value.first, noise.contains(first) { value = value.dropFirst() }
                    while let last = value.last, noise.contains(last) { value = value.dropLast() }
                    return value.isEmpty ? nil : String(decoding: value, as: UTF8.self)
                }
                lineStart = lineEnd + 1
            }
            return nil
        }
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
