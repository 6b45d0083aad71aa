/// What a terminal shows after some output: enough of a VT100 to follow readline's redraws.
///
/// Readline redraws a line by moving the cursor and writing only what changed (`\r`,
/// `ESC[C`, backspace, `ESC[K`), so the raw output of a redrawn prompt does not contain
/// the new prompt as one string. This replays the output on a grid and gives the lines a
/// person would read. It knows carriage return, line feed, backspace, cursor moves
/// (`A B C D G H`), erasing (`K J X`), inserting and deleting characters (`@ P`), and
/// ignores colours, modes and OSC strings. One column per Unicode scalar, as `wcwidth`
/// counts the characters parcours prints; no line wrapping beyond the right margin.
///
/// ```swift
/// let screen = TerminalScreen(terminal.output)
/// #expect(screen.lines.last { !$0.isEmpty }?.hasSuffix("› abc") == true)
/// ```
public struct TerminalScreen {
    public private(set) var rows: [[Character]]
    public private(set) var row = 0
    public private(set) var column = 0
    public let width: Int
    public let height: Int

    public init(_ output: String, columns: Int = 80, rows: Int = 24) {
        width = columns
        height = rows
        self.rows = Array(repeating: [], count: rows)
        replay(output)
    }

    /// The screen's lines, without trailing blanks.
    public var lines: [String] {
        rows.map { row in
            var line = String(row)
            while line.last == " " { line.removeLast() }
            return line
        }
    }

    /// The last line that is not blank (the prompt, usually).
    public var lastLine: String {
        lines.last { !$0.isEmpty } ?? ""
    }

    private mutating func replay(_ output: String) {
        var scalars = output.unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            switch scalar {
            case "\r": column = 0
            case "\n": lineFeed()
            case "\u{08}": column = max(0, column - 1)
            case "\u{1B}": escape(&scalars)
            default:
                if scalar.value >= 0x20 && scalar.value != 0x7F { put(Character(scalar)) }
            }
        }
    }

    private mutating func lineFeed() {
        if row == height - 1 {
            rows.removeFirst()
            rows.append([])
        } else {
            row += 1
        }
    }

    private mutating func put(_ character: Character) {
        if column >= width {
            column = 0
            lineFeed()
        }
        pad(to: column + 1)
        rows[row][column] = character
        column += 1
    }

    private mutating func pad(to count: Int) {
        if rows[row].count < count {
            rows[row] += Array(repeating: " ", count: count - rows[row].count)
        }
    }

    private mutating func escape(_ scalars: inout String.UnicodeScalarView.Iterator) {
        guard let kind = scalars.next() else { return }
        if kind == "]" {  // OSC: up to BEL or ESC \
            while let next = scalars.next(), next != "\u{07}", next != "\\" {}
            return
        }
        guard kind == "[" else { return }
        var parameters = ""
        var final: Unicode.Scalar = "@"
        while let next = scalars.next() {
            if (0x40...0x7E).contains(next.value) {
                final = next
                break
            }
            parameters.unicodeScalars.append(next)
        }
        guard !parameters.hasPrefix("?") else { return }  // private modes
        let numbers = parameters.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        let count = max(1, (numbers.first ?? nil) ?? 1)
        let first = (numbers.first ?? nil) ?? 0
        switch final {
        case "A": row = max(0, row - count)
        case "B": row = min(height - 1, row + count)
        case "C": column = min(width - 1, column + count)
        case "D": column = max(0, column - count)
        case "G": column = min(width - 1, count - 1)
        case "H", "f":
            row = min(height - 1, count - 1)
            column = min(width - 1, max(1, (numbers.dropFirst().first ?? nil) ?? 1) - 1)
        case "K":
            switch first {
            case 1:
                pad(to: column + 1)
                for index in 0...column { rows[row][index] = " " }
            case 2: rows[row] = []
            default: if rows[row].count > column { rows[row].removeSubrange(column...) }
            }
        case "J":
            if first == 2 {
                rows = Array(repeating: [], count: height)
            } else {
                if rows[row].count > column { rows[row].removeSubrange(column...) }
                for index in (row + 1)..<height { rows[index] = [] }
            }
        case "X":
            pad(to: column + count)
            for index in column..<(column + count) { rows[row][index] = " " }
        case "P":
            if rows[row].count > column {
                rows[row].removeSubrange(column..<min(rows[row].count, column + count))
            }
        case "@":
            if rows[row].count > column {
                rows[row].insert(contentsOf: Array(repeating: " ", count: count), at: column)
            }
        default: break  // colours (m) and the rest
        }
    }
}
