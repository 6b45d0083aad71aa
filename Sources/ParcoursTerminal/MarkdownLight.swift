/// Renders the small Markdown subset course texts use, wrapped for a terminal.
///
/// Supported: paragraphs (separated by a blank line), `# headings` (shown bold),
/// `- item` / `* item` / `1. item` lists with a hanging indent (nested by two spaces),
/// and inline `**bold**`, `*italic*`, `` `code` ``, `[text](url)` (shown `text <url>`).
/// Content passes through `Sanitizer` first: an escape sequence hidden in a course file
/// shows as `�` instead of acting on the learner's terminal.
///
/// ```swift
/// MarkdownLight(width: 40, style: .plain).render("- **Une** idée par ligne")
/// // "  • Une idée par ligne"
/// ```
public struct MarkdownLight: Sendable {
    /// Columns available, at least 20.
    public let width: Int
    public let style: Style

    public init(width: Int, style: Style) {
        self.width = max(20, width)
        self.style = style
    }

    /// The rendered text, without a trailing newline.
    public func render(_ markdown: String) -> String {
        let wrapper = TextWrapper(width: width, style: style)
        let blocks = MarkdownBlock.parse(Sanitizer.multiline(markdown))
        return blocks.map { block in
            switch block {
            case .paragraph(let text):
                return wrapper.wrap(InlineMarkup.parse(text)).joined(separator: "\n")
            case .heading(let text):
                let runs = InlineMarkup.parse(text).map { run in
                    var bold = run
                    bold.isBold = true
                    return bold
                }
                return wrapper.wrap(runs).joined(separator: "\n")
            case .list(let items):
                return items.map { item in
                    let indent = String(repeating: " ", count: 2 + 2 * item.level)
                    let bullet = style.drawsGlyphs ? (item.level % 2 == 0 ? "•" : "◦") : "-"
                    let marker = item.marker ?? bullet
                    let first = indent + marker + " "
                    let rest = String(repeating: " ", count: TextWidth.of(first))
                    return wrapper.wrap(InlineMarkup.parse(item.text), firstPrefix: first, restPrefix: rest)
                        .joined(separator: "\n")
                }.joined(separator: "\n")
            }
        }.joined(separator: "\n\n")
    }
}

/// One block of Markdown-light: what `MarkdownLight` lays out separately.
enum MarkdownBlock: Equatable {
    struct Item: Equatable {
        var level: Int
        /// `nil` for a bullet; the number and its dot (`"2."`) for an ordered item.
        var marker: String?
        var text: String
    }

    case paragraph(String)
    case heading(String)
    case list([Item])

    /// Splits text into blocks; lines of one paragraph or item are joined with spaces.
    static func parse(_ text: String) -> [MarkdownBlock] {
        var blocks: [MarkdownBlock] = []
        var paragraph: [String] = []
        var items: [Item] = []
        func close() {
            if !paragraph.isEmpty { blocks.append(.paragraph(paragraph.joined(separator: " "))) }
            if !items.isEmpty { blocks.append(.list(items)) }
            paragraph = []
            items = []
        }
        for rawLine in lines(text) {
            let line = rawLine.replacingTabs()
            let trimmed = line.drop { $0 == " " }
            let indent = line.count - trimmed.count
            if trimmed.isEmpty {
                close()
            } else if let heading = headingText(trimmed) {
                close()
                blocks.append(.heading(heading))
            } else if let (marker, rest) = listMarker(trimmed) {
                if !paragraph.isEmpty { close() }
                items.append(Item(level: min(indent / 2, 3), marker: marker, text: String(rest)))
            } else if !items.isEmpty {
                items[items.count - 1].text += " " + trimmed  // continuation of the item
            } else {
                paragraph.append(String(trimmed))
            }
        }
        close()
        return blocks
    }

    /// The lines of `text`: split on its UTF-8 bytes when it has no CR (a CR before a LF
    /// would join it in one character, which a byte split would not see), else by character.
    private static func lines(_ text: String) -> [Substring] {
        let bytes = text.utf8
        guard !bytes.contains(UInt8(ascii: "\r")) else {
            return text.split(separator: "\n", omittingEmptySubsequences: false)
        }
        return bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { Substring($0) }
    }

    private static func headingText(_ line: Substring) -> String? {
        let hashes = line.prefix { $0 == "#" }
        guard (1...6).contains(hashes.count), line.dropFirst(hashes.count).first == " " else { return nil }
        return String(line.dropFirst(hashes.count + 1))
    }

    /// `("2.", text)` for `2. text`, `(nil, text)` for `- text`, `* text` or `+ text`.
    private static func listMarker(_ line: Substring) -> (String?, Substring)? {
        if let first = line.first, "-*+".contains(first), line.dropFirst().first == " " {
            return (nil, line.dropFirst(2))
        }
        let digits = line.prefix { $0.isASCII && $0.isNumber }
        guard (1...3).contains(digits.count) else { return nil }
        let after = line.dropFirst(digits.count)
        guard let punctuation = after.first, punctuation == "." || punctuation == ")",
            after.dropFirst().first == " "
        else { return nil }
        return (digits + ".", after.dropFirst(2))
    }
}

extension Substring {
    fileprivate func replacingTabs() -> Substring {
        // Bytes: Foundation's `contains("\t")` is a locale-aware search.
        utf8.contains(UInt8(ascii: "\t")) ? Substring(map { $0 == "\t" ? " " : String($0) }.joined()) : self
    }
}
