/// parcours' configuration file (`$XDG_CONFIG_HOME/parcours/config.toml`): the TOML subset
/// a person writes there, and nothing more. Comments, `[table]` headers, and `key = "text"`
/// (basic strings with TOML's escapes) or `key = 'text'` (literal strings). A key under a
/// table is read as `table.key`.
///
/// Our own reader, on purpose: the file holds one or two strings, and the full TOML
/// libraries available here (TOMLKit wraps C++ toml++) would cost every build and start
/// for it. Anything outside the subset is an error at its `line:column`, never ignored.
public struct ConfigFile: Sendable, Equatable {
    public var values: [String: String]

    public struct ParseError: Error, Sendable, Equatable, CustomStringConvertible {
        public var line: Int
        public var column: Int
        public var message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    public init(values: [String: String]) {
        self.values = values
    }

    public init(text: String) throws(ParseError) {
        var values: [String: String] = [:]
        var table = ""
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = Array(raw.hasSuffix("\r") ? raw.dropLast() : raw)
            var position = 0
            func fail(_ message: String) -> ParseError {
                ParseError(line: lineNumber, column: position + 1, message: message)
            }
            func skipSpaces() {
                while position < line.count, line[position] == " " || line[position] == "\t" { position += 1 }
            }
            func atEnd() -> Bool {
                skipSpaces()
                return position == line.count || line[position] == "#"
            }
            if atEnd() { continue }
            if line[position] == "[" {
                position += 1
                let name = Self.readKey(line, &position)
                skipSpaces()
                guard !name.isEmpty, position < line.count, line[position] == "]" else {
                    throw fail("a table header is [name]")
                }
                position += 1
                guard atEnd() else { throw fail("nothing may follow a table header") }
                table = name + "."
                continue
            }
            let key = Self.readKey(line, &position)
            guard !key.isEmpty else { throw fail("a line is key = \"value\"") }
            skipSpaces()
            guard position < line.count, line[position] == "=" else { throw fail("'=' expected after '\(key)'") }
            position += 1
            skipSpaces()
            guard position < line.count, line[position] == "\"" || line[position] == "'" else {
                throw fail("a value here is a quoted string")
            }
            let value = try Self.readString(line, &position, lineNumber)
            guard atEnd() else { throw fail("nothing may follow the value") }
            guard values[table + key] == nil else { throw fail("'\(table + key)' is set twice") }
            values[table + key] = value
        }
        self.values = values
    }

    private static func readKey(_ line: [Character], _ position: inout Int) -> String {
        var key = ""
        while position < line.count,
            line[position].isLetter || line[position].isNumber || "_-.".contains(line[position])
        {
            key.append(line[position])
            position += 1
        }
        return key
    }

    private static func readString(_ line: [Character], _ position: inout Int, _ lineNumber: Int) throws(ParseError)
        -> String
    {
        let quote = line[position]
        position += 1
        var value = ""
        while position < line.count {
            let character = line[position]
            position += 1
            if character == quote { return value }
            guard quote == "\"", character == "\\" else {
                value.append(character)
                continue
            }
            guard position < line.count else { break }
            let escape = line[position]
            position += 1
            switch escape {
            case "\"": value.append("\"")
            case "\\": value.append("\\")
            case "n": value.append("\n")
            case "t": value.append("\t")
            case "u", "U":
                let length = escape == "u" ? 4 : 8
                let digits = String(line[position..<min(position + length, line.count)])
                guard digits.count == length, let code = UInt32(digits, radix: 16), let scalar = Unicode.Scalar(code)
                else {
                    throw ParseError(
                        line: lineNumber, column: position, message: "a \\\(escape) escape needs \(length) hex digits")
                }
                value.unicodeScalars.append(scalar)
                position += length
            default:
                throw ParseError(line: lineNumber, column: position, message: "unknown escape \\\(escape)")
            }
        }
        throw ParseError(line: lineNumber, column: position + 1, message: "the string is not closed")
    }
}
