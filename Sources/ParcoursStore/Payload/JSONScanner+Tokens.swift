/// The tokens of `JSONScanner`: strings with their escapes, and numbers.
extension JSONScanner {
    /// The string here, its escapes read. Refused: a control character written raw, invalid
    /// UTF-8, an unknown escape, a lone surrogate.
    mutating func string() throws(Failure) -> String {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else {
            throw .syntax("expected a string at \(index)")
        }
        index += 1
        let start = index
        // Fast path: no escapes, and (nearly always) ASCII, which needs no validation.
        var bits: UInt8 = 0
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            bits |= byte
            index += 1
        }
        guard index < end else { throw .syntax("unterminated string") }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            let utf8 = UnsafeBufferPointer(rebasing: bytes[start..<index - 1])
            // `String(validating:)` is not specialised: it costs a generic metadata lookup a call.
            return bits < 0x80 ? String(decoding: utf8, as: UTF8.self) : try Self.text(utf8, at: start)
        }
        var scalars = Array(bytes[start..<index])
        while index < end {
            let byte = bytes[index]
            index += 1
            switch byte {
            case UInt8(ascii: "\""):
                return try scalars.withUnsafeBufferPointer { text throws(Failure) in try Self.text(text, at: start) }
            case UInt8(ascii: "\\"):
                try escape(into: &scalars)
            case ..<0x20:
                throw .syntax("a control character not escaped at \(index - 1)")
            default:
                scalars.append(byte)
            }
        }
        throw .syntax("unterminated string")
    }

    /// The escape after a backslash, appended as UTF-8.
    private mutating func escape(into scalars: inout [UInt8]) throws(Failure) {
        guard index < end else { throw .syntax("unterminated string") }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scalars.append(escape)
        case UInt8(ascii: "b"): scalars.append(0x08)
        case UInt8(ascii: "f"): scalars.append(0x0C)
        case UInt8(ascii: "n"): scalars.append(0x0A)
        case UInt8(ascii: "r"): scalars.append(0x0D)
        case UInt8(ascii: "t"): scalars.append(0x09)
        case UInt8(ascii: "u"):
            var code = try hex4()
            if (0xD800...0xDBFF).contains(code) {
                guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                else { throw .syntax("a lone surrogate at \(index)") }
                index += 2
                let low = try hex4()
                guard (0xDC00...0xDFFF).contains(low) else { throw .syntax("a lone surrogate at \(index)") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw .syntax("a lone surrogate at \(index)") }
            UTF8.encode(scalar) { scalars.append($0) }
        default: throw .syntax("an unknown escape at \(index - 1)")
        }
    }

    /// Four hexadecimal digits, as `\u` takes them.
    private mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= end else { throw .syntax("unterminated string") }
        var code: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw .syntax("a bad \\u escape at \(index)")
            }
            code = code << 4 | UInt32(digit)
        }
        index += 4
        return code
    }

    /// The text of `utf8`, which must be valid UTF-8.
    private static func text(_ utf8: UnsafeBufferPointer<UInt8>, at start: Int) throws(Failure) -> String {
        guard let text = String(validating: utf8, as: UTF8.self) else { throw .syntax("invalid UTF-8 after \(start)") }
        return text
    }

    /// The number here, by JSON's grammar. Its value when it is a whole number `Int` holds
    /// exactly; nil for any other number. A number written with a fraction or an exponent
    /// (`2e0`, `1.0`) counts as whole up to 2^53 in magnitude: `JSONDecoder` takes some such
    /// numbers beyond it, others not, and none is ever written.
    mutating func number() throws(Failure) -> Int? {
        let start = index
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        guard index < end, Self.isDigit(bytes[index]) else { throw .syntax("invalid number at \(start)") }
        var magnitude: UInt64 = 0
        var overflow = false
        if bytes[index] == UInt8(ascii: "0") {
            index += 1
            if index < end, Self.isDigit(bytes[index]) { throw .syntax("invalid number at \(start)") }
        } else {
            while index < end, Self.isDigit(bytes[index]) {
                let (tenfold, over) = magnitude.multipliedReportingOverflow(by: 10)
                let (sum, carry) = tenfold.addingReportingOverflow(UInt64(bytes[index] - UInt8(ascii: "0")))
                magnitude = sum
                overflow = overflow || over || carry
                index += 1
            }
        }
        var plain = true
        if index < end, bytes[index] == UInt8(ascii: ".") {
            index += 1
            try digits(from: start)
            plain = false
        }
        if index < end, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            try digits(from: start)
            plain = false
        }
        guard plain else { return Self.wholeNumber(UnsafeBufferPointer(rebasing: bytes[start..<index])) }
        if overflow { return nil }
        if negative { return magnitude <= 1 << 63 ? Int(truncatingIfNeeded: 0 &- magnitude) : nil }
        return magnitude < 1 << 63 ? Int(magnitude) : nil
    }

    /// One digit or more.
    private mutating func digits(from start: Int) throws(Failure) {
        guard index < end, Self.isDigit(bytes[index]) else { throw .syntax("invalid number at \(start)") }
        while index < end, Self.isDigit(bytes[index]) { index += 1 }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    /// The value of a well-formed number with a fraction or an exponent, computed exactly
    /// in decimal, when it is whole and at most 2^53 in magnitude; nil otherwise.
    static func wholeNumber(_ literal: UnsafeBufferPointer<UInt8>) -> Int? {
        var position = 0
        let negative = literal[0] == UInt8(ascii: "-")
        if negative { position += 1 }
        // The significant digits, without leading zeros, and the power of ten they stand at.
        var digits: [Int] = []
        var exponent = 0
        var inFraction = false
        while position < literal.count, literal[position] != UInt8(ascii: "e"), literal[position] != UInt8(ascii: "E") {
            let byte = literal[position]
            position += 1
            if byte == UInt8(ascii: ".") {
                inFraction = true
                continue
            }
            if inFraction { exponent -= 1 }
            if digits.isEmpty, byte == UInt8(ascii: "0") { continue }
            digits.append(Int(byte - UInt8(ascii: "0")))
        }
        if position < literal.count {
            position += 1
            var sign = 1
            if literal[position] == UInt8(ascii: "+") || literal[position] == UInt8(ascii: "-") {
                sign = literal[position] == UInt8(ascii: "-") ? -1 : 1
                position += 1
            }
            var written = 0
            while position < literal.count {
                // Held at a bound far past any whole number `Int` holds.
                written = min(written * 10 + Int(literal[position] - UInt8(ascii: "0")), 1_000_000)
                position += 1
            }
            exponent += sign * written
        }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty { return 0 }
        guard exponent >= 0, digits.count + exponent <= 16 else { return nil }
        var value = 0
        for digit in digits { value = value * 10 + digit }
        for _ in 0..<exponent { value *= 10 }
        guard value <= 1 << 53 else { return nil }
        return negative ? -value : value
    }
}
