/// Text from a person, made inert in a Markdown file.
///
/// The journal is Markdown that a learner may open in a viewer, a wiki or a browser. A note
/// that reads `<script>…`, `[x](javascript:…)` or `# <img onerror=…>` must show as typed and
/// do nothing. CommonMark lets any ASCII punctuation be escaped with a backslash; we escape
/// only what can start markup, so the file stays readable as plain text:
/// - anywhere: `\` `` ` `` `*` `_` `[` `]` `<` `>` `&` `|` `~` (emphasis, code, links and
///   images, raw HTML and entities, tables, strike-through);
/// - at the start of a line, after any indentation: `#`, `-`, `+`, `=`, and a number followed
///   by `.` or `)` (headings, lists, setext underlines).
public enum MarkdownEscaping {
    static let anywhere: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~"]
    static let lineStart: Set<Character> = ["#", "-", "+", "="]

    /// The text with its markup characters escaped; line breaks are kept.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        var atLineStart = true
        var digits = false
        for character in text {
            if character == "\n" {
                result.append(character)
                atLineStart = true
                digits = false
                continue
            }
            if atLineStart && (character == " " || character == "\t") {
                result.append(character)
                continue
            }
            if atLineStart && character.isASCII && character.isNumber {
                result.append(character)
                digits = true
                continue
            }
            let opensBlock =
                atLineStart && (digits ? (character == "." || character == ")") : lineStart.contains(character))
            if anywhere.contains(character) || opensBlock { result.append("\\") }
            result.append(character)
            atLineStart = false
            digits = false
        }
        return result
    }
}
