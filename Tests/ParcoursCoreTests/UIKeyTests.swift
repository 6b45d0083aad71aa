import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// Every interface key the code asks for exists in every `ui.yml`, and every placeholder a
/// translation uses is one the code gives: a missing key shows `…` to the learner (the end
/// of a path once did), an unknown placeholder shows `{usd}` raw.
///
/// The keys are read from the code itself: each `words.text("key"` or `catalog.text("key"`
/// call (and `optionalText`) with a literal key, and the names of the dictionary literal
/// given with it.
@Suite struct UIKeyTests {
    struct Use: CustomStringConvertible {
        var key: String
        /// The placeholder names given, or nil when they are not a literal (not checked).
        var names: Set<String>?
        var file: String

        var description: String { "\(key) (\(file))" }
    }

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources")

    /// The literal keys the code asks a catalog for, with their placeholders.
    static func uses() throws -> [Use] {
        let files =
            FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "swift" } ?? []
        var uses: [Use] = []
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            // A catalog is always reached as `words` or `catalog`.
            for match in text.matches(of: /(?:words|catalog)\.(?:optionalText|text)\(\s*"([a-z0-9.\-]+)"/) {
                uses.append(
                    Use(
                        key: String(match.output.1), names: names(after: match.range.upperBound, in: text),
                        file: file.lastPathComponent))
            }
        }
        return uses
    }

    /// The keys of the dictionary literal passed right after the key (`, ["a": …, "b": …]`),
    /// an empty set when none is passed, nil when something else is.
    static func names(after index: String.Index, in text: String) -> Set<String>? {
        let rest = text[index...].drop { $0 == " " || $0 == "\n" }
        guard rest.first == "," else { return rest.first == ")" ? [] : nil }
        let argument = rest.dropFirst().drop { $0 == " " || $0 == "\n" }
        guard argument.first == "[" else { return nil }
        var depth = 0
        var end = argument.startIndex
        for position in argument.indices {
            switch argument[position] {
            case "[", "(": depth += 1
            case "]", ")": depth -= 1
            default: break
            }
            if depth == 0 {
                end = position
                break
            }
        }
        let literal = argument[argument.startIndex...end]
        // Only the keys at the literal's own level: `"name": value` right after `[` or `,`.
        return Set(literal.matches(of: /[\[,]\s*"([a-zA-Z]+)"\s*:/).map { String($0.output.1) })
    }

    static func catalogs() throws -> [(String, [String: LocaleEntry])] {
        let root = sources.deletingLastPathComponent().appendingPathComponent("Locales")
        return try ["fr", "en"].map { language in
            let file = root.appendingPathComponent("\(language)/ui.yml")
            let text = try String(contentsOf: file, encoding: .utf8)
            let entries = LocaleFileDecoder.decodeUICatalog(text, file: file.path).0?.entries ?? [:]
            return (language, entries)
        }
    }

    static func placeholders(_ value: LocalizedValue) -> Set<String> {
        let texts: [String]
        switch value {
        case .text(let text): texts = [text]
        case .plural(let one, let other): texts = [one, other]
        case .list(let items): texts = items
        }
        return Set(texts.flatMap { $0.matches(of: /\{([a-zA-Z]+)\}/).map { String($0.output.1) } })
    }

    @Test func theCodeAsksForKeys() throws {
        let uses = try Self.uses()
        #expect(uses.count > 50, "the scan found \(uses.count) uses")
        #expect(uses.contains { $0.key == "status.line" && $0.names?.contains("active") == true })
    }

    @Test func everyKeyTheCodeUsesExistsInEveryLanguage() throws {
        let uses = try Self.uses()
        for (language, entries) in try Self.catalogs() {
            #expect(!entries.isEmpty, "\(language)/ui.yml did not load")
            for use in uses where entries[use.key] == nil {
                Issue.record("\(language)/ui.yml has no key \(use)")
            }
        }
    }

    @Test func everyPlaceholderATranslationUsesIsGiven() throws {
        let uses = try Self.uses()
        for (language, entries) in try Self.catalogs() {
            for use in uses {
                guard let names = use.names, let entry = entries[use.key] else { continue }
                var used = Self.placeholders(entry.value)
                if case .plural = entry.value { used.remove("count") }
                let unknown = used.subtracting(names).subtracting(["count"])
                #expect(
                    unknown.isEmpty,
                    "\(language)/ui.yml \(use.key): {\(unknown.sorted().joined(separator: "}, {"))} is never given")
            }
        }
    }
}
