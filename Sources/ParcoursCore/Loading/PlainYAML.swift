/// Composes the plain subset of YAML that locale files are written in, without libyaml, and
/// declines anything else.
///
/// The subset: block mappings of simple keys (letters, digits, `-`, `_`, `.`), each value a
/// plain scalar on its line, a double-quoted one on its line (escapes `\\`, `\"`, `\n`), a
/// literal block (`|` or `|-`), a flow sequence of such scalars on its line, or a mapping
/// below; comment lines and empty lines between them. For text in the subset the tree is
/// libyaml's own, node for node, with the same marks and styles (a test compares them on
/// every shipped locale file and on thousands of mutations of them). Anything else (tabs,
/// carriage returns, a scalar continued on the next line, a comment after a value, a
/// repeated key, a control character, …) returns nil, and `YAMLComposer` asks libyaml,
/// which also says what is wrong. libyaml's events and the tree built from them cost about
/// 140 instructions per byte of a locale file; this about 45 (callgrind, release build).
enum PlainYAML {
    /// The tree of `text`, or nil when the text is not in the subset (libyaml then decides).
    static func compose(_ text: String) -> YAMLNode? {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, bytes.last == newline else { return nil }
            var scanner = Scanner(bytes: UnsafeBufferPointer(start: base, count: bytes.count))
            // Characters are checked once the structure is known to be in the subset, so that
            // text outside it (a graph file) is declined after its first lines, not a pass.
            guard let node = scanner.document(), allPrintable(bytes) else { return nil }
            return node
        }
    }

    static let newline = UInt8(ascii: "\n")
    static let space = UInt8(ascii: " ")
    static let quote = UInt8(ascii: "\"")
    static let backslash = UInt8(ascii: "\\")
    static let colon = UInt8(ascii: ":")
    static let hash = UInt8(ascii: "#")
    static let comma = UInt8(ascii: ",")
    static let bar = UInt8(ascii: "|")
    static let openBracket = UInt8(ascii: "[")
    static let closeBracket = UInt8(ascii: "]")

    /// Whether every character is one libyaml reads as printable and none is a line break
    /// other than `\n` (no tab, no CR, no NEL, no LS/PS, no BOM, no U+FFFE/U+FFFF).
    ///
    /// Text from a `String` is valid UTF-8, so lead bytes are enough to tell most of it.
    static func allPrintable(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        let count = bytes.count
        while index < count {
            let byte = bytes[index]
            if byte &- 0x20 < 0x5F || byte == newline {  // printable ASCII, or \n
                index += 1
                continue
            }
            switch byte {
            case 0xC2:  // U+0080–U+00BF: C1 controls and NEL before U+00A0
                guard bytes[index + 1] >= 0xA0 else { return false }
                index += 2
            case 0xC3...0xDF:
                index += 2
            case 0xE2:  // U+2028, U+2029: line and paragraph separators
                if bytes[index + 1] == 0x80, bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 { return false }
                index += 3
            case 0xEF:  // U+FEFF, U+FFFE, U+FFFF
                if bytes[index + 1] == 0xBB, bytes[index + 2] == 0xBF { return false }
                if bytes[index + 1] == 0xBF, bytes[index + 2] >= 0xBE { return false }
                index += 3
            case 0xE0...0xEF:
                index += 3
            case 0xF0...0xF4:
                index += 4
            default:  // ASCII controls and DEL
                return false
            }
        }
        return true
    }

    /// A line-by-line reader of the subset. Any `nil` means "not in the subset".
    struct Scanner {
        let bytes: UnsafeBufferPointer<UInt8>
        /// Where the current line starts, its number (1-based), and where it ends (its `\n`).
        var lineStart = 0
        var lineNumber = 1
        var lineEnd = 0

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            lineEnd = endOfLine(from: 0)
        }

        /// A mapping being read: the column of its keys (0-based) and its pairs so far.
        final class Level {
            let indent: Int
            let mark: YAMLNode.Mark
            var pairs: [(key: YAMLNode, value: YAMLNode)] = []
            var seen: Set<String> = []
            /// The key whose value is the mapping below, while that mapping is read.
            var pending: YAMLNode.Scalar?

            init(indent: Int, mark: YAMLNode.Mark) {
                self.indent = indent
                self.mark = mark
            }

            /// Adds a pair; false when the mapping already has the key (libyaml reports it).
            func add(_ key: YAMLNode.Scalar, _ value: YAMLNode) -> Bool {
                if pairs.count < 16 {
                    if pairs.contains(where: { $0.key.string == key.string }) { return false }
                } else {
                    if seen.isEmpty { seen = Set(pairs.compactMap { $0.key.string }) }
                    if !seen.insert(key.string).inserted { return false }
                }
                pairs.append((.scalar(key), value))
                return true
            }

            var node: YAMLNode { .mapping(YAMLNode.Mapping(pairs: pairs, mark: mark)) }
        }

        func endOfLine(from start: Int) -> Int {
            var index = start
            while index < bytes.count, bytes[index] != PlainYAML.newline { index += 1 }
            return index
        }

        mutating func nextLine() {
            lineStart = lineEnd + 1
            lineNumber += 1
            lineEnd = lineStart < bytes.count ? endOfLine(from: lineStart) : lineStart
        }

        var atEnd: Bool { lineStart >= bytes.count }

        /// The spaces that open the current line.
        func indentation() -> Int {
            var index = lineStart
            while index < lineEnd, bytes[index] == PlainYAML.space { index += 1 }
            return index - lineStart
        }

        /// The column (1-based, in Unicode scalars as libyaml counts) of byte `index` of the
        /// current line.
        func column(_ index: Int) -> Int {
            var column = 1
            for offset in lineStart..<index where bytes[offset] & 0xC0 != 0x80 { column += 1 }
            return column
        }

        func string(_ start: Int, _ end: Int) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        }

        mutating func document() -> YAMLNode? {
            var levels: [Level] = []
            // A key ended its line: the next line opens the mapping that is its value.
            var opening = false
            // A value ended on its line: a deeper line next would continue it.
            var valueEnded = false
            while !atEnd {
                let indent = indentation()
                let first = lineStart + indent
                if first == lineEnd {
                    // An empty line; a line of spaces only is left to libyaml.
                    guard indent == 0 else { return nil }
                    nextLine()
                    continue
                }
                if valueEnded, let top = levels.last, indent > top.indent { return nil }
                valueEnded = false
                if bytes[first] == PlainYAML.hash {
                    nextLine()
                    continue
                }
                if indent == 0, isMarker(first) { return nil }
                if opening {
                    guard let top = levels.last, indent > top.indent else { return nil }
                    levels.append(Level(indent: indent, mark: .init(line: lineNumber, column: indent + 1)))
                    opening = false
                } else if levels.isEmpty {
                    guard indent == 0 else { return nil }
                    levels.append(Level(indent: 0, mark: .init(line: lineNumber, column: 1)))
                } else {
                    while levels.count > 1, indent < levels[levels.count - 1].indent {
                        guard close(&levels) else { return nil }
                    }
                    guard indent == levels[levels.count - 1].indent else { return nil }
                }
                guard let (key, valueStart) = self.key(at: first) else { return nil }
                let top = levels[levels.count - 1]
                if valueStart == lineEnd {
                    top.pending = key
                    opening = true
                    nextLine()
                    continue
                }
                guard let value = self.value(at: valueStart, indent: indent), top.add(key, value) else {
                    return nil
                }
                valueEnded = true
            }
            guard !opening, !levels.isEmpty else { return nil }
            while levels.count > 1 {
                guard close(&levels) else { return nil }
            }
            return levels[0].node
        }

        /// Ends the innermost mapping: it becomes the value of its parent's pending key.
        func close(_ levels: inout [Level]) -> Bool {
            let child = levels.removeLast()
            let parent = levels[levels.count - 1]
            guard let key = parent.pending else { return false }
            parent.pending = nil
            return parent.add(key, child.node)
        }

        /// The value that starts at `index` on the current line, for a key at column
        /// `indent` (0-based); the scanner is left on the line after it.
        mutating func value(at index: Int, indent: Int) -> YAMLNode? {
            let mark = YAMLNode.Mark(line: lineNumber, column: column(index))
            let node: YAMLNode
            switch bytes[index] {
            case PlainYAML.quote:
                guard let (text, end) = quoted(at: index), restIsBlank(from: end) else { return nil }
                node = .scalar(.init(string: text, style: .quoted, mark: mark))
            case PlainYAML.openBracket:
                guard let sequence = flowSequence(at: index, mark: mark) else { return nil }
                node = sequence
            case PlainYAML.bar:
                return literal(at: index, indent: indent, mark: mark)
            default:
                guard let end = plainEnd(from: index) else { return nil }
                node = .scalar(.init(string: string(index, end), style: .plain, mark: mark))
            }
            nextLine()
            return node
        }

        /// Whether only spaces follow `index` on the line.
        func restIsBlank(from index: Int) -> Bool {
            var index = index
            while index < lineEnd, bytes[index] == PlainYAML.space { index += 1 }
            return index == lineEnd
        }
    }
}
