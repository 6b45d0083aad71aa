import Foundation
import ParcoursCore

/// The JSON scanner under `PayloadParser`: values, strings with their escapes, numbers, and
/// the structure around them, read from the payload's bytes in place.
extension PayloadParser {
    mutating func document() throws(Failure) -> Value {
        let value = try parseValue()
        skipSpace()
        guard index == end else { throw Failure(description: "trailing characters") }
        return value
    }

    mutating func skipSpace() {
        while index < end {
            switch bytes[index] {
            case 0x20, 0x09, 0x0A, 0x0D: index += 1
            default: return
            }
        }
    }

    mutating func expect(_ byte: UInt8) throws(Failure) {
        skipSpace()
        guard index < end, bytes[index] == byte else {
            throw Failure(description: "expected \(Character(Unicode.Scalar(byte))) at \(index)")
        }
        index += 1
    }

    mutating func parseValue() throws(Failure) -> Value {
        skipSpace()
        guard index < end else { throw Failure(description: "unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "{"):
            index += 1
            var members: [(String, Value)] = []
            _ = try elements(closing: UInt8(ascii: "}")) { parser throws(Failure) in
                let key = try parser.parseString()
                try parser.expect(UInt8(ascii: ":"))
                members.append((key, try parser.parseValue()))
                return true
            }
            return .object(members)
        case UInt8(ascii: "["):
            index += 1
            var items: [Value] = []
            _ = try elements(closing: UInt8(ascii: "]")) { parser throws(Failure) in
                items.append(try parser.parseValue())
                return true
            }
            return .array(items)
        case UInt8(ascii: "\""):
            return .string(try parseString())
        case UInt8(ascii: "t"): return try literal("true", .bool(true))
        case UInt8(ascii: "f"): return try literal("false", .bool(false))
        case UInt8(ascii: "n"): return try literal("null", .null)
        default: return try parseNumber()
        }
    }

    /// The elements of the container whose opening bracket was just read, up to its
    /// `closing` bracket: `element` reads each one, from its first non-blank byte. It may
    /// return false to give the container up; then nothing more is read, and this returns
    /// false.
    mutating func elements(
        closing: UInt8, _ element: (inout PayloadParser) throws(Failure) -> Bool
    ) throws(Failure) -> Bool {
        skipSpace()
        if index < end, bytes[index] == closing {
            index += 1
            return true
        }
        repeat {
            skipSpace()
            guard try element(&self) else { return false }
            skipSpace()
        } while try separator(closing: closing)
        return true
    }

    /// After a member: `,` (another follows) or the closing bracket (done).
    mutating func separator(closing: UInt8) throws(Failure) -> Bool {
        guard index < end else { throw Failure(description: "unexpected end") }
        let byte = bytes[index]
        index += 1
        if byte == UInt8(ascii: ",") { return true }
        if byte == closing { return false }
        throw Failure(description: "unexpected character at \(index - 1)")
    }

    mutating func literal(_ word: StaticString, _ value: Value) throws(Failure) -> Value {
        let count = word.utf8CodeUnitCount
        guard index + count <= end,
            word.withUTF8Buffer({ $0.elementsEqual(bytes[index..<index + count]) })
        else { throw Failure(description: "invalid literal at \(index)") }
        index += count
        return value
    }

    mutating func parseNumber() throws(Failure) -> Value {
        let start = index
        // Fast path: a small integer, as every number the store writes is.
        var negative = false
        if index < end, bytes[index] == UInt8(ascii: "-") {
            negative = true
            index += 1
        }
        var magnitude = 0
        var digits = 0
        while index < end, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9"), digits < 15 {
            magnitude = magnitude * 10 + Int(bytes[index] - UInt8(ascii: "0"))
            digits += 1
            index += 1
        }
        let leadingZero = digits > 1 && bytes[index - digits] == UInt8(ascii: "0")
        if digits > 0, !leadingZero, index == end || !Self.numberBytes.contains(bytes[index]) {
            return .number(Double(negative ? -magnitude : magnitude))
        }
        index = start
        while index < end, Self.numberBytes.contains(bytes[index]) { index += 1 }
        guard index > start, let text = String(bytes: bytes[start..<index], encoding: .utf8),
            let number = Double(text)
        else { throw Failure(description: "invalid number at \(start)") }
        return .number(number)
    }

    mutating func parseString() throws(Failure) -> String {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else {
            throw Failure(description: "expected a string at \(index)")
        }
        index += 1
        let start = index
        // Fast path: no escapes.
        while index < end, bytes[index] != UInt8(ascii: "\""), bytes[index] != UInt8(ascii: "\\") {
            index += 1
        }
        guard index < end else { throw Failure(description: "unterminated string") }
        if bytes[index] == UInt8(ascii: "\"") {
            index += 1
            return String(decoding: bytes[start..<index - 1], as: UTF8.self)
        }
        var scalars = Array(bytes[start..<index])
        while index < end {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\"") { return String(decoding: scalars, as: UTF8.self) }
            guard byte == UInt8(ascii: "\\") else {
                scalars.append(byte)
                continue
            }
            guard index < end else { break }
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
                    guard index + 1 < end, bytes[index] == UInt8(ascii: "\\"),
                        bytes[index + 1] == UInt8(ascii: "u")
                    else { throw Failure(description: "lone surrogate") }
                    index += 2
                    let low = try hex4()
                    guard (0xDC00...0xDFFF).contains(low) else { throw Failure(description: "lone surrogate") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let scalar = Unicode.Scalar(code) else { throw Failure(description: "bad escape") }
                scalars.append(contentsOf: Array(String(Character(scalar)).utf8))
            default: throw Failure(description: "bad escape")
            }
        }
        throw Failure(description: "unterminated string")
    }

    /// The bytes a JSON number may hold.
    static let numberBytes = Set("+-0123456789.eE".utf8)

    mutating func hex4() throws(Failure) -> UInt32 {
        guard index + 4 <= end,
            let text = String(bytes: bytes[index..<index + 4], encoding: .utf8),
            let code = UInt32(text, radix: 16)
        else { throw Failure(description: "bad \\u escape") }
        index += 4
        return code
    }
}
