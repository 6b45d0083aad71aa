/// Finds the prose in a locale file, line by line, and checks its French typography.
///
/// Locale files are simple YAML: mappings of ids to plain, quoted or block scalars, and flow
/// lists of labels. The scanner reads the raw lines, so it can report the exact column, and
/// keeps the little state that spans lines: a block scalar (`body: |`) or a quoted scalar still
/// open. Keys, comments and indicators are skipped; the text of each value is checked.
struct TypographyScanner {
    /// One violation on the line being read: its 1-based column and what is wrong.
    struct Finding: Equatable {
        var column: Int
        var problem: TypographyRule.Problem
    }

    /// One character of prose and the column it was written at.
    private typealias Written = (scalar: Unicode.Scalar, column: Int)

    /// The indent of the key whose block scalar (`|`, `>`) the next lines may belong to.
    private var blockParentIndent: Int?
    /// A quoted scalar that goes on past its line: its quote.
    private var openQuote: Unicode.Scalar?

    /// The violations on `line`, given the lines read before it.
    mutating func findings(in rawLine: [Unicode.Scalar]) -> [Finding] {
        let line = rawLine.last == "\r" ? Array(rawLine.dropLast()) : rawLine
        let indent = line.prefix { $0 == " " }.count
        let isBlank = line.allSatisfy { $0 == " " || $0 == "\t" }
        if let parent = blockParentIndent {
            if isBlank { return [] }
            if indent > parent { return Self.check(Self.written(line, from: indent)) }
            blockParentIndent = nil
        }
        if let quote = openQuote {
            let (prose, closing) = Self.quoted(line, from: indent, quote: quote)
            if closing != nil { openQuote = nil }
            return Self.check(prose)
        }
        if isBlank || line[indent] == "#" { return [] }
        var start = indent
        // Sequence entries: `- value`, `- key: value`.
        while start < line.count, line[start] == "-", start + 1 == line.count || line[start + 1] == " " {
            start += 1
            while start < line.count, line[start] == " " { start += 1 }
        }
        guard start < line.count else { return [] }
        let keyIndent = start
        if let colon = Self.keyColon(line, from: start) {
            start = colon + 1
            while start < line.count, line[start] == " " { start += 1 }
        }
        return value(line, from: start, keyIndent: keyIndent)
    }

    /// The value written from `start`: a block indicator, a quoted, flow or plain scalar.
    private mutating func value(_ line: [Unicode.Scalar], from start: Int, keyIndent: Int) -> [Finding] {
        guard start < line.count else { return [] }
        switch line[start] {
        case "|", ">":
            blockParentIndent = keyIndent
            return []
        case "\"", "'":
            let (prose, closing) = Self.quoted(line, from: start + 1, quote: line[start])
            if closing == nil { openQuote = line[start] }
            return Self.check(prose)
        case "[", "{":
            return Self.flow(line, from: start + 1)
        default:
            return Self.check(Self.written(Self.uncommented(line, from: start), from: start))
        }
    }

    /// Where a plain key (an id, no space in it) ends with its colon, if the line has one.
    private static func keyColon(_ line: [Unicode.Scalar], from start: Int) -> Int? {
        guard !"\"'[{|>#".unicodeScalars.contains(line[start]) else { return nil }
        var index = start
        while index < line.count, line[index] != " ", line[index] != "\t" {
            if line[index] == ":", index + 1 == line.count || line[index + 1] == " " { return index }
            index += 1
        }
        return nil
    }

    /// The line without a trailing comment (` #…`), for plain scalars.
    private static func uncommented(_ line: [Unicode.Scalar], from start: Int) -> [Unicode.Scalar] {
        var index = start
        while index < line.count {
            if line[index] == "#", index > start, line[index - 1] == " " { return Array(line[..<index]) }
            index += 1
        }
        return line
    }

    private static func written(_ line: [Unicode.Scalar], from start: Int) -> [Written] {
        line.indices.dropFirst(start).map { (line[$0], $0 + 1) }
    }

    /// The text of a quoted scalar from `start` (after its opening quote), escapes decoded, and
    /// where its closing quote is, if it closes on this line. `''` in single quotes is an
    /// apostrophe of the text.
    private static func quoted(_ line: [Unicode.Scalar], from start: Int, quote: Unicode.Scalar) -> (
        [Written], closing: Int?
    ) {
        var prose: [Written] = []
        var index = start
        while index < line.count {
            let scalar = line[index]
            if quote == "'", scalar == "'" {
                guard index + 1 < line.count, line[index + 1] == "'" else { return (prose, index) }
                prose.append(("'", index + 1))
                index += 2
                continue
            }
            if quote == "\"", scalar == "\"" { return (prose, index) }
            if quote == "\"", scalar == "\\", index + 1 < line.count {
                let (decoded, length) = escape(line, at: index + 1)
                prose.append((decoded, index + 1))
                index += 1 + length
                continue
            }
            prose.append((scalar, index + 1))
            index += 1
        }
        return (prose, nil)
    }

    /// The scalar a double-quoted escape stands for, and how many scalars follow the backslash.
    private static func escape(_ line: [Unicode.Scalar], at index: Int) -> (Unicode.Scalar, Int) {
        let digits = ["x": 2, "u": 4, "U": 8][Character(line[index])]
        if let digits, index + digits < line.count,
            let value = UInt32(String(String.UnicodeScalarView(line[(index + 1)...(index + digits)])), radix: 16),
            let scalar = Unicode.Scalar(value)
        {
            return (scalar, 1 + digits)
        }
        return switch line[index] {
        case "_": ("\u{00A0}", 1)
        case "n", "t": (" ", 1)
        default: (line[index], 1)
        }
    }

    /// A flow collection: a list of labels `[un, deux]` or a mapping `{ label: Oui, feedback: Non }`,
    /// each value plain or quoted; keys are skipped.
    private static func flow(_ line: [Unicode.Scalar], from start: Int) -> [Finding] {
        var findings: [Finding] = []
        var index = start
        while index < line.count {
            while index < line.count, line[index] == " " || line[index] == "," { index += 1 }
            guard index < line.count, line[index] != "]", line[index] != "}", line[index] != "#" else { break }
            if let colon = keyColon(line, from: index) {
                index = colon + 1
                while index < line.count, line[index] == " " { index += 1 }
                guard index < line.count else { break }
            }
            if line[index] == "\"" || line[index] == "'" {
                let (prose, closing) = quoted(line, from: index + 1, quote: line[index])
                findings += check(prose)
                index = (closing ?? line.count) + 1
                while index < line.count, line[index] != ",", line[index] != "]", line[index] != "}" { index += 1 }
                continue
            }
            var item: [Written] = []
            while index < line.count, line[index] != ",", line[index] != "]", line[index] != "}" {
                item.append((line[index], index + 1))
                index += 1
            }
            findings += check(item)
        }
        return findings
    }

    // MARK: - The rules

    private static func isNoBreakSpace(_ scalar: Unicode.Scalar?) -> Bool {
        scalar == "\u{202F}" || scalar == "\u{00A0}"
    }

    private static func isSpace(_ scalar: Unicode.Scalar?) -> Bool {
        scalar == " " || scalar == "\t"
    }

    /// The violations in one run of prose.
    static func check(_ prose: [(scalar: Unicode.Scalar, column: Int)]) -> [Finding] {
        var findings: [Finding] = []
        var index = 0
        while index < prose.count {
            if let end = addressEnd(prose, at: index) {
                index = end
                continue
            }
            let scalar = prose[index].scalar
            let previous = index > 0 ? prose[index - 1].scalar : nil
            let next = index + 1 < prose.count ? prose[index + 1].scalar : nil
            if let problem = problem(scalar, previous: previous, next: next) {
                findings.append(Finding(column: prose[index].column, problem: problem))
            }
            index += 1
        }
        return findings
    }

    /// What is wrong with `scalar` between its neighbours, if anything.
    private static func problem(_ scalar: Unicode.Scalar, previous: Unicode.Scalar?, next: Unicode.Scalar?)
        -> TypographyRule.Problem?
    {
        switch scalar {
        case ";", "!", "?", ":", "»":
            // A colon is punctuation when a space, the end or a closing mark follows it: not `0:09`.
            if scalar == ":", let next, !isSpace(next), !"*_»\")".unicodeScalars.contains(next) { return nil }
            guard let previous, !isNoBreakSpace(previous) else { return nil }
            if "!?".unicodeScalars.contains(previous), scalar != "»" { return nil }
            return isSpace(previous) ? .plainSpaceBefore(Character(scalar)) : .noSpaceBefore(Character(scalar))
        case "«":
            if isNoBreakSpace(next) { return nil }
            return isSpace(next) ? .plainSpaceAfterOpening : .noSpaceAfterOpening
        case "'":
            return previous?.properties.isAlphabetic == true ? .straightApostrophe : nil
        default:
            return nil
        }
    }

    /// Where an address that starts at `index` ends: a link target `](…)`, `http://…`,
    /// `https://…` or `www.…` runs to the closing parenthesis or the next space.
    private static func addressEnd(_ prose: [(scalar: Unicode.Scalar, column: Int)], at index: Int) -> Int? {
        // Most scalars start no address: one comparison rules them out before any other.
        guard "]hw".unicodeScalars.contains(prose[index].scalar) else { return nil }
        func starts(_ scalars: [Unicode.Scalar]) -> Bool {
            guard index + scalars.count <= prose.count else { return false }
            return (0..<scalars.count).allSatisfy { prose[index + $0].scalar == scalars[$0] }
        }
        if starts(Self.linkTarget) {
            var end = index + 2
            while end < prose.count, prose[end].scalar != ")" { end += 1 }
            return min(end + 1, prose.count)
        }
        guard Self.addressStarts.contains(where: starts) else { return nil }
        var end = index
        while end < prose.count, !isSpace(prose[end].scalar), !isNoBreakSpace(prose[end].scalar),
            prose[end].scalar != ")"
        {
            end += 1
        }
        return end
    }

    private static let linkTarget = Array("](".unicodeScalars)
    private static let addressStarts = ["http://", "https://", "www."].map { Array($0.unicodeScalars) }
}
