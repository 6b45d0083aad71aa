import Foundation
import ParcoursCore

/// Writes JSON text straight into bytes, in `JSONEncoder`'s layout.
///
/// Pretty output matches `JSONEncoder` with `.prettyPrinted` and `.withoutEscapingSlashes`
/// byte for byte: two-space indents, `"key" : value`, an empty container as an opening and
/// a closing bracket with a blank line between. Strings escape `"`, `\` and every control
/// character below U+0020 (`\b \t \n \f \r` in short form, the rest as `\u00XX`), and
/// DEL, C1 and bidi controls as `\uXXXX` (`JSONEscaping`: `JSONEncoder` leaves those raw); numbers
/// are written as Swift prints them, without a trailing `.0`. The caller writes keys in the
/// order it wants them (sorted, for the report); keys are literals, written as they are.
struct JSONWriter {
    /// Parts written whole, in order, before `tail` (`array(concurrently:_:)`'s parts are
    /// kept as they are, not copied into one buffer).
    private var written: [[UInt8]] = []
    /// What is being written.
    private var tail: [UInt8] = []
    let pretty: Bool
    private var depth = 0
    /// No member written yet in the innermost open container.
    private var first = true

    init(pretty: Bool) {
        self.pretty = pretty
    }

    /// The text's bytes, in the parts they were written in: a caller can write them out one
    /// after the other without joining them first (6.7 MB for 10,000 participants).
    var parts: [[UInt8]] { written + [tail] }

    /// The text's bytes, joined.
    var bytes: [UInt8] { written.isEmpty ? tail : parts.flatMap { $0 } }

    var text: String { String(decoding: bytes, as: UTF8.self) }

    mutating func reserve(_ capacity: Int) { tail.reserveCapacity(capacity) }

    mutating func newline() { tail.append(0x0A) }

    // MARK: Containers

    mutating func object(_ body: (inout JSONWriter) -> Void) {
        open(UInt8(ascii: "{"))
        body(&self)
        close(UInt8(ascii: "}"))
    }

    mutating func array<Items: Sequence>(_ items: Items, _ body: (inout JSONWriter, Items.Element) -> Void) {
        open(UInt8(ascii: "["))
        for item in items {
            separate()
            body(&self, item)
        }
        close(UInt8(ascii: "]"))
    }

    /// `array(_:_:)` for many elements: they are written in consecutive parts on every core,
    /// each by a writer that starts where the previous part ends (its depth, a comma before
    /// its first element), and the parts are kept in order (`parts`). The bytes are the same.
    /// `bytesEach` is the room made for each element, in whichever buffer it is written to.
    mutating func array<Item: Sendable>(
        concurrently items: [Item], bytesEach: Int = 0, _ body: @Sendable (inout JSONWriter, Item) -> Void
    ) {
        // Four parts per core, taken in turn: a core that finishes early takes the next one.
        let parts = items.count < 1_000 ? 1 : min(32, 4 * max(1, ProcessInfo.processInfo.activeProcessorCount))
        guard parts > 1 else {
            tail.reserveCapacity(tail.count + items.count * bytesEach)
            return array(items, body)
        }
        open(UInt8(ascii: "["))
        let (pretty, depth) = (self.pretty, self.depth)
        let results = (0..<parts).concurrentMap { part in
            var writer = JSONWriter(pretty: pretty)
            writer.depth = depth
            writer.first = part == 0
            let range = (part * items.count / parts)..<((part + 1) * items.count / parts)
            writer.reserve(range.count * bytesEach)
            // Each item read in place, through the buffer: a loop over the slice, or the
            // array's subscript, copies each one (retaining every text and array of a
            // participant's summary, cold in memory by then).
            items.withUnsafeBufferPointer { items in
                for index in range {
                    writer.separate()
                    body(&writer, items[index])
                }
            }
            return writer.tail
        }
        written.append(tail)
        written += results
        tail = []
        first = false
        close(UInt8(ascii: "]"))
    }

    /// A member's key (a literal with nothing to escape); its value follows.
    mutating func key(_ key: StaticString) {
        separate()
        tail.append(UInt8(ascii: "\""))
        append(key)
        append(pretty ? "\" : " : "\":")
    }

    private mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { tail.append(contentsOf: $0) }
    }

    private mutating func open(_ bracket: UInt8) {
        tail.append(bracket)
        depth += 1
        first = true
    }

    private mutating func close(_ bracket: UInt8) {
        depth -= 1
        if pretty {
            if first { tail.append(0x0A) }
            lineBreak()
        }
        tail.append(bracket)
        first = false
    }

    /// Before a member or an element: the comma, the line break and the indent.
    private mutating func separate() {
        if !first { tail.append(UInt8(ascii: ",")) }
        first = false
        if pretty { lineBreak() }
    }

    /// A line break and the indent, copied in one go from a line of spaces (a byte at a time,
    /// the indents of 10,000 participants cost more than their names).
    private mutating func lineBreak() {
        let count = 1 + depth * 2
        guard count <= Self.breakAndSpaces.utf8CodeUnitCount else {
            tail.append(0x0A)
            tail.append(contentsOf: repeatElement(0x20, count: depth * 2))
            return
        }
        tail.append(contentsOf: UnsafeBufferPointer(start: Self.breakAndSpaces.utf8Start, count: count))
    }

    private static let breakAndSpaces: StaticString =
        "\n                                                               "

    // MARK: Members

    mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        if let value { string(value) } else { null() }
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        key(name)
        if let value { integer(value) } else { null() }
    }

    mutating func field(_ name: StaticString, _ value: Double) {
        key(name)
        number(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        append(value ? "true" : "false")
    }

    /// A time as RFC 3339 in UTC, to the second (`RFC3339`), or null.
    mutating func field(_ name: StaticString, time value: Date?) {
        key(name)
        guard let value else { return null() }
        tail.append(UInt8(ascii: "\""))
        RFC3339.write(value, precision: .seconds, into: &tail)
        tail.append(UInt8(ascii: "\""))
    }

    // MARK: Values

    mutating func null() { append("null") }

    mutating func integer(_ value: Int) {
        if value < 0 {
            tail.append(UInt8(ascii: "-"))
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { tail.append(buffer[index]) }
        }
    }

    /// As `JSONEncoder` writes a `Double`: its description without a trailing `.0`; a value
    /// JSON cannot hold (infinite, NaN) as null.
    mutating func number(_ value: Double) {
        guard value.isFinite else { return null() }
        // A whole number prints as its digits (`4.0` → `4`), -0 aside.
        if value == value.rounded(.towardZero), value.magnitude < 1e15, !(value == 0 && value.sign == .minus) {
            return integer(Int(value))
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        tail.append(contentsOf: text.utf8)
    }

    mutating func string(_ value: String) {
        tail.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                if byte == 0x7F || byte == 0xC2 || byte == 0xD8 || byte == 0xE2 {
                    guard index >= start, let (scalar, length) = JSONEscaping.unsafeScalar(in: utf8, at: index)
                    else { continue }
                    tail.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                    tail.append(contentsOf: JSONEscaping.escape(scalar))
                    start = index + length
                    continue
                }
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                tail.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                escape(byte)
                start = index + 1
            }
            tail.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        tail.append(UInt8(ascii: "\""))
    }

    private mutating func escape(_ byte: UInt8) {
        tail.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): tail.append(byte)
        case 0x08: tail.append(UInt8(ascii: "b"))
        case 0x09: tail.append(UInt8(ascii: "t"))
        case 0x0A: tail.append(UInt8(ascii: "n"))
        case 0x0C: tail.append(UInt8(ascii: "f"))
        case 0x0D: tail.append(UInt8(ascii: "r"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            tail.append(contentsOf: [UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }
}
