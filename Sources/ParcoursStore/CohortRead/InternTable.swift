import Foundation
import ParcoursCore

/// Strings seen so far, found by their UTF-8 bytes: a log names the same few hundred step
/// ids again and again, and one shared `String` each spares an allocation per row.
///
/// Open addressing on an FNV-1a hash of the bytes; it stops adding (and simply decodes)
/// past `limit` distinct strings, so a strange store cannot make it grow without end.
struct InternTable {
    private var strings: [String] = []
    private var bytes: [UInt8] = []
    /// Where each string's bytes start in `bytes`; one more entry marks the end.
    private var starts: [Int] = [0]
    private var slots = [Int32](repeating: -1, count: 512)
    private let limit = 1 << 16
    /// The string returned last, or -1.
    private var last = -1

    var count: Int { strings.count }

    mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        // Rows in a row often name the same step (entered, answered, completed): try the
        // last string first.
        if last >= 0, matches(last, text) { return strings[last] }
        let found = FNV1a.probe(FNV1a.hash(text), in: slots) { matches($0, text) }
        if let index = found.index {
            last = index
            return strings[index]
        }
        let string = String(decoding: text, as: UTF8.self)
        guard strings.count < limit else { return string }
        last = strings.count
        slots[found.slot] = Int32(strings.count)
        strings.append(string)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        if strings.count * 2 > slots.count { grow() }
        return string
    }

    /// Whether the string at `index` has these bytes.
    private func matches(_ index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard starts[index + 1] - starts[index] == text.count else { return false }
        guard let start = text.baseAddress, !text.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + starts[index], start, text.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in strings.indices {
            let hash = FNV1a.hash(bytes[starts[index]..<starts[index + 1]])
            slots[FNV1a.probe(hash, in: slots) { _ in false }.slot] = Int32(index)
        }
    }
}
