/// A run of text with the same look, the unit that wrapping and styling work on.
struct StyledRun: Equatable {
    var text: String
    var isBold = false
    var isItalic = false
    var isCode = false
    var isLink = false

    /// Same look as `other`, so the two may be joined into one run.
    func looksLike(_ other: StyledRun) -> Bool {
        isBold == other.isBold && isItalic == other.isItalic && isCode == other.isCode
            && isLink == other.isLink
    }

    /// The run with `style` applied: nothing at all when colour is off.
    func rendered(with style: Style) -> String {
        var result = text
        if isCode { result = style.isEnabled ? style.accent(result) : "`\(result)`" }
        if isLink { result = style.accent(result) }
        if isItalic { result = style.italic(result) }
        if isBold { result = style.bold(result) }
        return result
    }
}

/// Parses the inline part of Markdown-light: `**bold**`, `*italic*`, `` `code` ``, links.
///
/// Links become `text <url>`: plain, calm, and copyable from any terminal (no OSC 8).
/// A marker without its partner stays as typed, so a stray `*` in `2 * 3` survives.
/// A backslash escapes a marker: `\*` shows a star.
enum InlineMarkup {
    static func parse(_ text: String) -> [StyledRun] {
        let characters = Array(text)
        return parse(characters, 0..<characters.count, base: StyledRun(text: ""))
    }

    private static func parse(_ chars: [Character], _ range: Range<Int>, base: StyledRun) -> [StyledRun] {
        var runs: [StyledRun] = []
        var pending = ""
        func flush() {
            if !pending.isEmpty { runs.append(with(base, pending)) }
            pending = ""
        }
        var index = range.lowerBound
        let end = range.upperBound
        while index < end {
            let character = chars[index]
            let next: Character? = index + 1 < end ? chars[index + 1] : nil
            if character == "\\", let next, "*_[]`\\".contains(next) {
                pending.append(next)
                index += 2
            } else if character == "*", next == "*",
                let close = find("**", in: chars, from: index + 2, to: end), close > index + 2
            {
                flush()
                var bold = base
                bold.isBold = true
                runs += parse(chars, (index + 2)..<close, base: bold)
                index = close + 2
            } else if character == "*", let next, next != " ", next != "*",
                let close = italicClose(in: chars, from: index + 1, to: end)
            {
                flush()
                var italic = base
                italic.isItalic = true
                runs += parse(chars, (index + 1)..<close, base: italic)
                index = close + 1
            } else if character == "`", let close = find("`", in: chars, from: index + 1, to: end),
                close > index + 1
            {
                flush()
                var code = with(base, String(chars[(index + 1)..<close]))
                code.isCode = true
                runs.append(code)
                index = close + 1
            } else if character == "[", let link = link(in: chars, at: index, to: end) {
                flush()
                let label = parse(chars, (index + 1)..<link.labelEnd, base: base)
                var url = with(base, "<\(link.url)>")
                url.isLink = true
                let labelText = label.map(\.text).joined()
                if !labelText.isEmpty && labelText != link.url {
                    runs += label
                    runs.append(with(base, " "))
                }
                runs.append(url)
                index = link.end
            } else {
                pending.append(character)
                index += 1
            }
        }
        flush()
        return runs
    }

    private static func with(_ base: StyledRun, _ text: String) -> StyledRun {
        var run = base
        run.text = text
        return run
    }

    private static func find(_ marker: String, in chars: [Character], from start: Int, to end: Int) -> Int? {
        let pattern = Array(marker)
        var index = start
        while index + pattern.count <= end {
            if Array(chars[index..<(index + pattern.count)]) == pattern { return index }
            index += 1
        }
        return nil
    }

    /// The `*` closing an italic opened before `start`, skipping `**bold**` inside it.
    private static func italicClose(in chars: [Character], from start: Int, to end: Int) -> Int? {
        var index = start
        while index < end {
            if chars[index] == "*" {
                if index + 1 < end, chars[index + 1] == "*" {
                    let close = find("**", in: chars, from: index + 2, to: end)
                    index = (close ?? index) + 2
                    continue
                }
                if index > start, chars[index - 1] != " " { return index }
            }
            index += 1
        }
        return nil
    }

    /// `[label](url)` starting at `start`: where the label ends, the url, and what follows.
    private static func link(in chars: [Character], at start: Int, to end: Int)
        -> (labelEnd: Int, url: String, end: Int)?
    {
        guard let labelEnd = find("]", in: chars, from: start + 1, to: end),
            labelEnd + 1 < end, chars[labelEnd + 1] == "(",
            let urlEnd = find(")", in: chars, from: labelEnd + 2, to: end)
        else { return nil }
        let url = String(chars[(labelEnd + 2)..<urlEnd]).trimmingCharacters(in: " ")
        guard !url.isEmpty, !url.contains(" ") else { return nil }
        return (labelEnd, url, urlEnd + 1)
    }
}

extension String {
    fileprivate func trimmingCharacters(in set: Character) -> String {
        var copy = Substring(self)
        while copy.first == set { copy.removeFirst() }
        while copy.last == set { copy.removeLast() }
        return String(copy)
    }
}
