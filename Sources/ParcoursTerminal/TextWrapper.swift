/// Wraps styled text to a width measured in terminal columns, not in characters.
///
/// Accented letters take one column, CJK and emoji two (`TextWidth`), so a French line
/// never overflows because of its accents. Styles are opened and closed within each
/// line, so a wrapped bold phrase never bleeds colour into the margin or the next prompt.
/// A word longer than the width (a URL) is kept whole on its own line: cut, it could no
/// longer be copied.
struct TextWrapper {
    let width: Int
    let style: Style

    /// Wraps `runs`, starting the first line with `firstPrefix` and the others with `restPrefix`.
    func wrap(_ runs: [StyledRun], firstPrefix: String = "", restPrefix: String = "") -> [String] {
        let words = Self.words(runs)
        var lines: [String] = []
        var line: [[StyledRun]] = []
        var used = 0
        var prefix = firstPrefix
        for word in words {
            let wordWidth = word.reduce(0) { $0 + TextWidth.of($1.text) }
            if !line.isEmpty && used + 1 + wordWidth > width {
                lines.append(prefix + render(line))
                line = []
                prefix = restPrefix
            }
            used = line.isEmpty ? TextWidth.of(prefix) + wordWidth : used + 1 + wordWidth
            line.append(word)
        }
        if !line.isEmpty || lines.isEmpty { lines.append((line.isEmpty ? "" : prefix) + render(line)) }
        return lines
    }

    /// Splits runs at spaces; a word may hold several runs (`**gras**,` is bold then plain).
    static func words(_ runs: [StyledRun]) -> [[StyledRun]] {
        var words: [[StyledRun]] = []
        var current: [StyledRun] = []
        for run in runs {
            var piece = run
            piece.text = ""
            let characters = TextWidth.characters(run.text)
            for (index, character) in characters.enumerated() {
                if character == " ",
                    Self.keepsSpace(
                        before: index + 1 < characters.count ? characters[index + 1] : nil,
                        after: index > 0 ? characters[index - 1] : nil)
                {
                    // French typography: no line break before « : ; ! ? » or after «.
                    piece.text.append(Self.boundSpace)
                    continue
                }
                if character == " " || character == "\n" || character == "\t" {
                    if !piece.text.isEmpty { current.append(piece) }
                    piece.text = ""
                    if !current.isEmpty { words.append(current) }
                    current = []
                } else {
                    piece.text.append(character)
                }
            }
            if !piece.text.isEmpty { current.append(piece) }
        }
        if !current.isEmpty { words.append(current) }
        return words
    }

    /// Whether a space is bound to its neighbours, as French high punctuation is.
    static func keepsSpace(before next: Character?, after previous: Character?) -> Bool {
        if let next, ":;!?»".contains(next) { return true }
        if let previous, previous == "«" { return true }
        return false
    }

    /// Joins the words of one line, merging neighbours that look alike into one run, so
    /// `**deux mots**` becomes one bold span rather than two.
    private func render(_ words: [[StyledRun]]) -> String {
        var runs: [StyledRun] = []
        func append(_ run: StyledRun) {
            if let last = runs.last, last.looksLike(run) {
                runs[runs.count - 1].text += run.text
            } else {
                runs.append(run)
            }
        }
        for (index, word) in words.enumerated() {
            if index > 0 {
                var space = StyledRun(text: " ")
                if let last = runs.last, let first = word.first, last.looksLike(first) {
                    space = last
                    space.text = " "
                }
                append(space)
            }
            for run in word { append(run) }
        }
        return runs.map { run in
            var printed = run
            printed.text = Self.unbindingSpaces(run.text)
            return printed.rendered(with: style)
        }.joined()
    }

    /// `text` with its bound spaces printed as spaces.
    static func unbindingSpaces(_ text: String) -> String {
        let bound = Self.boundScalar
        guard text.unicodeScalars.contains(bound) else { return text }
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: text.unicodeScalars.lazy.map { $0 == bound ? " " : $0 })
        return String(scalars)
    }

    /// Stands for a space that must not break a line while wrapping; printed as a space.
    static let boundSpace = Character(boundScalar)
    static let boundScalar: Unicode.Scalar = "\u{E000}"
}
