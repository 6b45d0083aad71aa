/// A strict JSON reader (RFC 8259) over UTF-8 bytes, read in place.
///
/// It is the grammar under `EventPayloadCodec`, and the bundle reader's check of a whole file
/// (`BundlePayloads`). It refuses what `JSONDecoder` refuses (a control character or invalid
/// UTF-8 in a string, a number outside the grammar such as `01`, `+1` or `1.`), and also what
/// the decoder lets pass where it does not look (in a member no field reads): a trailing
/// comma, a lone surrogate, a bare `-`. Containers nest at most `maximumDepth` deep, so no
/// input can exhaust the stack.
///
/// ```swift
/// var scanner = JSONScanner(bytes: bytes)   // {"n": [1, 2]}
/// try scanner.expect(UInt8(ascii: "{"))
/// ```
struct JSONScanner {
    /// Why a document, or a value in it, was refused.
    struct Failure: Error, Equatable, CustomStringConvertible {
        enum Reason: Equatable {
            /// Not JSON: what was wrong, and at which byte.
            case syntax(String)
            /// A value of another type than the reader takes there (`null` where it is not allowed).
            case wrongType
            /// A number where a whole number is read, that is not one or is beyond `Int`.
            case notAnInteger
            /// A string outside the words the reader takes there.
            case unknownValue(String)
        }

        /// A step from a value to one inside it.
        enum Component: Equatable {
            case key(String)
            case index(Int)
        }

        var reason: Reason
        /// Where the value at fault stands, from the top of the document; empty for a syntax
        /// error, and for a document of the wrong type.
        var path: [Component] = []

        static func syntax(_ text: String) -> Failure {
            Failure(reason: .syntax(text))
        }

        /// The same failure, seen from the value that holds it.
        func within(_ component: Component) -> Failure {
            var outer = self
            outer.path.insert(component, at: 0)
            return outer
        }

        /// The path as `ratings.can` or `choices[1]`.
        var pathText: String {
            var text = ""
            for component in path {
                switch component {
                case .key(let key): text += text.isEmpty ? key : ".\(key)"
                case .index(let index): text += "[\(index)]"
                }
            }
            return text
        }

        var description: String {
            switch reason {
            case .syntax(let text): text
            case .wrongType: path.isEmpty ? "not an object" : "\"\(pathText)\" has the wrong type"
            case .notAnInteger: "\"\(pathText)\" is not an integer"
            case .unknownValue(let value): "\"\(pathText)\" cannot be \"\(value)\""
            }
        }
    }

    /// How deep arrays and objects may nest (`JSONDecoder`'s own limit).
    static let maximumDepth = 512

    /// The text, read in place (the caller keeps it alive while scanning).
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var depth = 0
    var end: Int { bytes.count }

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    // MARK: Structure

    mutating func skipSpace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    /// The next byte after blanks, not consumed; nil at the end.
    mutating func peek() -> UInt8? {
        skipSpace()
        return index < end ? bytes[index] : nil
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        skipSpace()
        guard index < end, bytes[index] == byte else {
            throw .syntax("expected \(Character(Unicode.Scalar(byte))) at \(index)")
        }
        index += 1
    }

    /// After the document: blanks only.
    mutating func finish() throws(Failure) {
        skipSpace()
        guard index == end else { throw .syntax("trailing characters at \(index)") }
    }

    /// The elements of the container whose opening bracket was just read, up to its
    /// `closing` bracket: `element` reads each one, from its first non-blank byte (for an
    /// object, the key).
    mutating func elements(
        closing: UInt8, _ element: (inout JSONScanner) throws(Failure) -> Void
    ) throws(Failure) {
        depth += 1
        defer { depth -= 1 }
        guard depth <= Self.maximumDepth else { throw .syntax("nested deeper than \(Self.maximumDepth) at \(index)") }
        skipSpace()
        if index < end, bytes[index] == closing {
            index += 1
            return
        }
        while true {
            skipSpace()
            try element(&self)
            skipSpace()
            guard index < end else { throw .syntax("unexpected end") }
            let byte = bytes[index]
            index += 1
            if byte == closing { return }
            guard byte == UInt8(ascii: ",") else { throw .syntax("unexpected character at \(index - 1)") }
        }
    }

    /// The members of the object whose `{` was just read: `member` reads each value, from its
    /// first non-blank byte, given its key.
    mutating func members(_ member: (inout JSONScanner, String) throws(Failure) -> Void) throws(Failure) {
        try elements(closing: UInt8(ascii: "}")) { scanner throws(Failure) in
            let key = try scanner.string()
            try scanner.expect(UInt8(ascii: ":"))
            scanner.skipSpace()
            try member(&scanner, key)
        }
    }

    /// Reads the value here, whatever it is, and checks it.
    mutating func skipValue() throws(Failure) {
        skipSpace()
        guard index < end else { throw .syntax("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            try members { scanner, _ throws(Failure) in try scanner.skipValue() }
        case UInt8(ascii: "["):
            index += 1
            try elements(closing: UInt8(ascii: "]")) { scanner throws(Failure) in try scanner.skipValue() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try number()
        }
    }

    mutating func literal(_ word: StaticString) throws(Failure) {
        let count = word.utf8CodeUnitCount
        guard index + count <= end,
            word.withUTF8Buffer({ $0.elementsEqual(bytes[index..<index + count]) })
        else { throw .syntax("invalid literal at \(index)") }
        index += count
    }

    /// When the key here (a string written without escapes) is one of `keys`, its position
    /// there; the key is then consumed. Nil, with nothing consumed, for any other key.
    mutating func knownKey(_ keys: [[UInt8]]) -> Int? {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
        var close = index + 1
        while close < end, bytes[close] != UInt8(ascii: "\""), bytes[close] != UInt8(ascii: "\\") { close += 1 }
        guard close < end, bytes[close] == UInt8(ascii: "\"") else { return nil }
        let key = UnsafeBufferPointer(rebasing: bytes[index + 1..<close])
        for (position, candidate) in keys.enumerated() where candidate.count == key.count {
            let same = candidate.withUnsafeBufferPointer { name in
                var offset = 0
                while offset < name.count, name[offset] == key[offset] { offset += 1 }
                return offset == name.count
            }
            if same {
                index = close + 1
                return position
            }
        }
        return nil
    }

    // MARK: Typed values

    /// The string here; nil for `null`.
    mutating func readString() throws(Failure) -> String? {
        guard index < end else { throw .syntax("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return try string()
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: return try wrongType()
        }
    }

    /// The whole number here (see `number()`); nil for `null`.
    mutating func readInteger() throws(Failure) -> Int? {
        guard index < end else { throw .syntax("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            guard let value = try number() else { throw Failure(reason: .notAnInteger) }
            return value
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: return try wrongType()
        }
    }

    /// The array here, each item read by `item`; nil for `null`. A failure in an item names
    /// its index.
    mutating func readArray<Item>(_ item: (inout JSONScanner) throws(Failure) -> Item) throws(Failure) -> [Item]? {
        guard index < end else { throw .syntax("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "["):
            index += 1
            var items: [Item] = []
            try elements(closing: UInt8(ascii: "]")) { scanner throws(Failure) in
                do throws(Failure) {
                    items.append(try item(&scanner))
                } catch {
                    throw error.within(.index(items.count))
                }
            }
            return items
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: return try wrongType()
        }
    }

    /// The object here, each member read by `member`; false for `null`. A failure in a
    /// member names its key.
    mutating func readObject(_ member: (inout JSONScanner, String) throws(Failure) -> Void) throws(Failure) -> Bool {
        guard index < end else { throw .syntax("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            try members { scanner, key throws(Failure) in
                do throws(Failure) {
                    try member(&scanner, key)
                } catch {
                    throw error.within(.key(key))
                }
            }
            return true
        case UInt8(ascii: "n"):
            try literal("null")
            return false
        default: return try wrongType()
        }
    }

    /// Refuses the value here as of the wrong type, once it is known to be well-formed (so a
    /// syntax error is reported as one).
    mutating func wrongType<Value>() throws(Failure) -> Value {
        try skipValue()
        throw Failure(reason: .wrongType)
    }
}
