/// Folds lines that parcours writes itself to the terminal's width, at spaces, so the
/// terminal never cuts a word in two.
///
/// Text already laid out (Markdown, tables) fits and passes unchanged. A longer line
/// breaks at its last space that fits; continuation lines keep the line's indent. Escape
/// sequences take no room. No-break spaces (U+00A0, U+202F: "1 000", « oui ») never break,
/// nor does a space before French high punctuation (`: ; ! ? »`) or after `«`. A word wider
/// than the line (a URL) stays whole: cut, it could no longer be copied.
///
/// ```swift
/// LineFolding.fold("  Tapez « garder N » pour garder une ressource", width: 24)
/// // "  Tapez « garder N »\n  pour garder une\n  ressource"
/// ```
public enum LineFolding {
    public static func fold(_ text: String, width: Int) -> String {
        guard width > 0, text.unicodeScalars.contains(where: { $0 == " " }) else { return text }
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { visibleWidth($0) > width ? foldLine(String($0), width: width) : String($0) }
            .joined(separator: "\n")
    }

    private static func foldLine(_ line: String, width: Int) -> String {
        let indentCount = min(line.prefix { $0 == " " }.count, width / 2)
        let indent = String(repeating: " ", count: indentCount)
        let words = splitWords(line.dropFirst(indentCount))
        var lines: [String] = []
        var current = indent
        var used = indentCount
        for word in words {
            let wordWidth = visibleWidth(word)
            if used > indentCount, used + 1 + wordWidth > width {
                lines.append(current)
                current = indent
                used = indentCount
            }
            if used > indentCount {
                current += " "
                used += 1
            }
            current += word
            used += wordWidth
        }
        lines.append(current)
        return lines.joined(separator: "\n")
    }

    /// The line's words: runs between breakable spaces (bound spaces stay inside a word).
    private static func splitWords(_ text: Substring) -> [String] {
        var words: [String] = []
        var word = ""
        let characters = Array(text)
        for (index, character) in characters.enumerated() {
            if character == " " {
                let next = index + 1 < characters.count ? characters[index + 1] : nil
                let previous = index > 0 ? characters[index - 1] : nil
                if TextWrapper.keepsSpace(before: next, after: previous) {
                    word.append(character)
                } else if !word.isEmpty {
                    words.append(word)
                    word = ""
                }
            } else {
                word.append(character)
            }
        }
        if !word.isEmpty { words.append(word) }
        return words
    }

    /// Columns `text` takes on screen: its escape sequences take none.
    static func visibleWidth(_ text: some StringProtocol) -> Int {
        text.contains("\u{1B}") ? TextWidth.of(Style.strip(String(text))) : TextWidth.of(text)
    }
}
