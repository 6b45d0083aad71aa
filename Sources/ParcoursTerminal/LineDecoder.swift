/// Turns the raw bytes of one input line into text, safely.
///
/// Input comes from a keyboard, a paste or a pipe, so it may hold invalid UTF-8 or be
/// enormous. Both readers share this so they agree: invalid sequences become `U+FFFD`,
/// and a line over the limit is cut at a character boundary, never inside a character.
enum LineDecoder {
    /// Decodes `bytes`, keeping at most `limit` bytes; says whether anything was cut.
    static func decode(_ bytes: some Collection<UInt8>, limit: Int) -> (text: String, truncated: Bool) {
        var kept = Array(bytes.prefix(max(0, limit) + 1))
        var truncated = false
        if kept.count > limit {
            truncated = true
            kept.removeLast(kept.count - limit)
            kept.removeLast(danglingCount(kept))
        }
        if kept.last == UInt8(ascii: "\r") { kept.removeLast() }
        return (String(decoding: kept, as: UTF8.self), truncated)
    }

    /// How many bytes at the end form an incomplete UTF-8 sequence (cut mid-character).
    static func danglingCount(_ bytes: [UInt8]) -> Int {
        var index = bytes.count - 1
        var continuation = 0
        while index >= 0, bytes[index] & 0xC0 == 0x80, continuation < 3 {
            continuation += 1
            index -= 1
        }
        guard index >= 0 else { return 0 }
        let lead = bytes[index]
        let expected: Int
        switch lead {
        case 0xC0...0xDF: expected = 1
        case 0xE0...0xEF: expected = 2
        case 0xF0...0xF7: expected = 3
        default: return 0
        }
        return continuation < expected ? continuation + 1 : 0
    }
}
