import Foundation

/// JSON text that never carries an unsafe scalar raw (`UnsafeScalars`): DEL, the C1
/// controls and the bidi controls are written as `\uXXXX` escapes.
///
/// JSON requires escapes only below U+0020, so `JSONEncoder` leaves the rest raw and a
/// name holding U+009B or U+202E reaches whoever prints the file. Escaping keeps the data
/// exact (a decoder reads the same string back) while the bytes stay harmless.
public enum JSONEscaping {
    /// When the UTF-8 bytes at `index` begin DEL, a C1 control or a bidi control, that
    /// scalar's value and its length in bytes. Only lead bytes 0x7F, 0xC2, 0xD8 and 0xE2
    /// can start one, so callers may test for those first.
    @inlinable
    public static func unsafeScalar(in bytes: UnsafeBufferPointer<UInt8>, at index: Int)
        -> (value: UInt32, length: Int)?
    {
        let byte = bytes[index]
        switch byte {
        case 0x7F:
            return (0x7F, 1)
        case 0xC2, 0xD8:
            guard index + 1 < bytes.count else { return nil }
            let value = (UInt32(byte & 0x1F) << 6) | UInt32(bytes[index + 1] & 0x3F)
            guard let scalar = Unicode.Scalar(value), UnsafeScalars.isUnsafe(scalar) else { return nil }
            return (value, 2)
        case 0xE2:
            guard index + 2 < bytes.count else { return nil }
            let value =
                (UInt32(byte & 0x0F) << 12) | (UInt32(bytes[index + 1] & 0x3F) << 6)
                | UInt32(bytes[index + 2] & 0x3F)
            guard let scalar = Unicode.Scalar(value), UnsafeScalars.isBidiControl(scalar) else {
                return nil
            }
            return (value, 3)
        default:
            return nil
        }
    }

    /// `\uXXXX` for a scalar of the Basic Multilingual Plane, lower-case hex as `JSONEncoder`
    /// writes its own escapes.
    @inlinable
    public static func escape(_ value: UInt32) -> [UInt8] {
        let hex = Array("0123456789abcdef".utf8)
        return [
            UInt8(ascii: "\\"), UInt8(ascii: "u"), hex[Int(value >> 12 & 0xF)], hex[Int(value >> 8 & 0xF)],
            hex[Int(value >> 4 & 0xF)], hex[Int(value & 0xF)],
        ]
    }

    /// Encoded JSON with its unsafe scalars escaped. They can only stand inside strings (JSON's
    /// own syntax is ASCII), so an escape is always valid where it lands.
    public static func escapingUnsafeScalars(_ json: [UInt8]) -> [UInt8] {
        json.withUnsafeBufferPointer { bytes in
            var output: [UInt8] = []
            var start = 0
            for index in bytes.indices
            where bytes[index] == 0x7F || bytes[index] == 0xC2
                || bytes[index] == 0xD8 || bytes[index] == 0xE2
            {
                guard index >= start, let (value, length) = unsafeScalar(in: bytes, at: index) else {
                    continue
                }
                if output.isEmpty { output.reserveCapacity(bytes.count + 16) }
                output.append(contentsOf: bytes[start..<index])
                output.append(contentsOf: escape(value))
                start = index + length
            }
            guard start > 0 else { return json }
            output.append(contentsOf: bytes[start...])
            return output
        }
    }

    /// `JSONEncoder`'s output with its unsafe scalars escaped: every JSON parcours writes
    /// for people and tools (bundles, xAPI, `status`, `list`, `lint`) goes through here.
    public static func encode<Value: Encodable>(
        _ value: Value,
        formatting: JSONEncoder.OutputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    ) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = formatting
        return Data(escapingUnsafeScalars([UInt8](try encoder.encode(value))))
    }
}
