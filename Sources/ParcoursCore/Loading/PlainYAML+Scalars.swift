/// The scalars of the subset, each read from its first byte to its end on the line: plain,
/// quoted, `[a, b]` flow sequences, `|` literal blocks, and the keys before them. Any `nil`
/// means "not in the subset": libyaml then reads the whole text.
extension PlainYAML.Scanner {
    /// Whether a plain scalar may start with `byte`: not with an indicator (`-`, `?` and
    /// `:` may, before a non-space; they are left to libyaml all the same).
    static func startsPlain(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "-"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: ","),
            UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"), UInt8(ascii: "}"),
            UInt8(ascii: "#"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"),
            UInt8(ascii: "|"), UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""),
            UInt8(ascii: "%"), UInt8(ascii: "@"), UInt8(ascii: "`"), PlainYAML.space:
            false
        default: true
        }
    }

    /// The end of a plain scalar in block context that runs to the end of its line
    /// (trailing spaces left out); nil when a `: ` or ` #` would cut it.
    func plainEnd(from index: Int) -> Int? {
        guard Self.startsPlain(bytes[index]) else { return nil }
        var end = index
        var index = index
        while index < lineEnd {
            let byte = bytes[index]
            if byte == PlainYAML.space {
                if index + 1 < lineEnd, bytes[index + 1] == PlainYAML.hash { return nil }
            } else {
                if byte == PlainYAML.colon, index + 1 == lineEnd || bytes[index + 1] == PlainYAML.space {
                    return nil
                }
                end = index + 1
            }
            index += 1
        }
        return end
    }

    /// A double-quoted scalar opening at `index` and closing on the same line: its text
    /// and the index after the closing quote.
    func quoted(at index: Int) -> (String, Int)? {
        var index = index + 1
        var run = index
        var escaped: [UInt8]?
        while index < lineEnd {
            let byte = bytes[index]
            if byte == PlainYAML.quote {
                guard var text = escaped else { return (string(run, index), index + 1) }
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                return (String(decoding: text, as: UTF8.self), index + 1)
            }
            if byte == PlainYAML.backslash {
                guard index + 1 < lineEnd else { return nil }
                let replacement: UInt8
                switch bytes[index + 1] {
                case PlainYAML.backslash: replacement = PlainYAML.backslash
                case PlainYAML.quote: replacement = PlainYAML.quote
                case UInt8(ascii: "n"): replacement = PlainYAML.newline
                default: return nil
                }
                var text = escaped ?? []
                text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[run..<index]))
                text.append(replacement)
                escaped = text
                index += 2
                run = index
                continue
            }
            index += 1
        }
        return nil
    }

    /// A flow sequence of scalars, opening at `index` and closing on the same line.
    func flowSequence(at index: Int, mark: YAMLNode.Mark) -> YAMLNode? {
        var items: [YAMLNode] = []
        var index = index + 1
        while true {
            while index < lineEnd, bytes[index] == PlainYAML.space { index += 1 }
            guard index < lineEnd else { return nil }
            let itemMark = YAMLNode.Mark(line: lineNumber, column: column(index))
            if bytes[index] == PlainYAML.quote {
                guard let (text, end) = quoted(at: index) else { return nil }
                items.append(.scalar(.init(string: text, style: .quoted, mark: itemMark)))
                index = end
            } else {
                guard Self.startsPlain(bytes[index]) else { return nil }
                let start = index
                var end = index
                scan: while index < lineEnd {
                    switch bytes[index] {
                    case PlainYAML.comma, PlainYAML.closeBracket: break scan
                    case PlainYAML.space: break
                    case PlainYAML.openBracket, UInt8(ascii: "{"), UInt8(ascii: "}"), PlainYAML.hash,
                        PlainYAML.colon, PlainYAML.quote, UInt8(ascii: "'"):
                        return nil
                    default: end = index + 1
                    }
                    index += 1
                }
                items.append(.scalar(.init(string: string(start, end), style: .plain, mark: itemMark)))
            }
            while index < lineEnd, bytes[index] == PlainYAML.space { index += 1 }
            guard index < lineEnd else { return nil }
            if bytes[index] == PlainYAML.closeBracket {
                guard restIsBlank(from: index + 1) else { return nil }
                return .sequence(YAMLNode.Sequence(items: items, mark: mark))
            }
            guard bytes[index] == PlainYAML.comma else { return nil }
            index += 1
        }
    }

    /// A literal block (`|`, or `|-` without its last line break) whose indicator is at
    /// `index`, for a key at column `indent`; the scanner is left on the first line after
    /// the block's last line of text.
    mutating func literal(at index: Int, indent: Int, mark: YAMLNode.Mark) -> YAMLNode? {
        var header = index + 1
        let strip = header < lineEnd && bytes[header] == UInt8(ascii: "-")
        if strip { header += 1 }
        guard restIsBlank(from: header) else { return nil }
        nextLine()
        // The first line sets the block's indentation; an empty first line is left to libyaml.
        let blockIndent = indentation()
        guard !atEnd, blockIndent > indent, lineStart + blockIndent < lineEnd else { return nil }
        var text: [UInt8] = []
        var started = false
        var emptyLines = 0
        while !atEnd {
            if lineStart == lineEnd {
                emptyLines += 1
                nextLine()
                continue
            }
            let lineIndent = indentation()
            guard lineStart + lineIndent < lineEnd else { return nil }
            if lineIndent < blockIndent { break }
            if started { text.append(contentsOf: repeatElement(PlainYAML.newline, count: emptyLines + 1)) }
            started = true
            emptyLines = 0
            text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[(lineStart + blockIndent)..<lineEnd]))
            nextLine()
        }
        if !strip { text.append(PlainYAML.newline) }
        return .scalar(.init(string: String(decoding: text, as: UTF8.self), style: .block, mark: mark))
    }

    /// `---`, `...` or a directive at the start of a line.
    func isMarker(_ index: Int) -> Bool {
        let byte = bytes[index]
        if byte == UInt8(ascii: "%") { return true }
        guard byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".") else { return false }
        return index + 2 < lineEnd && bytes[index + 1] == byte && bytes[index + 2] == byte
    }

    /// A simple key at `index` and where its value starts (after `: ` and spaces; the
    /// line's end when the value is on the lines below).
    func key(at index: Int) -> (YAMLNode.Scalar, Int)? {
        var end = index
        while end < lineEnd, isKeyByte(bytes[end]) { end += 1 }
        guard end > index, end - index < 1000, end < lineEnd, bytes[end] == PlainYAML.colon,
            bytes[index] != UInt8(ascii: "-"), bytes[index] != UInt8(ascii: ".")
        else { return nil }
        var value = end + 1
        guard value == lineEnd || bytes[value] == PlainYAML.space else { return nil }
        while value < lineEnd, bytes[value] == PlainYAML.space { value += 1 }
        let column = index - lineStart + 1
        let key = YAMLNode.Scalar(
            string: string(index, end), style: .plain, mark: .init(line: lineNumber, column: column))
        return (key, value)
    }

    func isKeyByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."):
            true
        default: false
        }
    }
}
