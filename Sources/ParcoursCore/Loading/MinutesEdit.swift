/// Rewrites steps' `minutes:` in a graph file's bytes, in place: `calibrate --write`.
///
/// Each number is found where the loader read it (the scalar's `line:col`, which libyaml
/// counts in characters from 1) and replaced there, and nothing else: every comment, blank
/// line, quote and indent of the file stays as written. An edit whose place does not hold
/// exactly the number the loader read (a file changed since, a number written as `0x0F`) is
/// not made, and named.
///
/// Pure: bytes in, bytes out. The command reads and writes the file (atomically).
public enum MinutesEdit {
    /// A number that could not be rewritten, and why.
    public struct Skipped: Sendable, Equatable {
        public var step: String
        public var reason: String
    }

    /// One number rewritten: where, from what, to what.
    public struct Change: Sendable, Equatable {
        public var step: String
        public var location: SourceLocation
        public var from: Int
        public var to: Int
    }

    /// `bytes` with the `minutes:` of each step in `minutes` (step id → new value) rewritten,
    /// as `file` (the same bytes, decoded) locates them. Pure.
    public static func apply(
        _ minutes: [String: Int], to bytes: [UInt8], file: CourseFile
    ) -> (bytes: [UInt8], changes: [Change], skipped: [Skipped]) {
        let starts = lineStarts(bytes)
        var edits: [(range: Range<Int>, text: [UInt8], change: Change)] = []
        var skipped: [Skipped] = []
        for step in file.steps {
            guard let to = minutes[step.id.value] else { continue }
            guard let written = step.minutes else {
                skipped.append(Skipped(step: step.id.value, reason: "no minutes: written"))
                continue
            }
            let location = written.location
            guard let range = numberRange(in: bytes, starts: starts, line: location.line, column: location.column),
                Array(bytes[range]) == Array(String(written.value).utf8)
            else {
                skipped.append(
                    Skipped(step: step.id.value, reason: "\(location) does not hold the number \(written.value)"))
                continue
            }
            edits.append(
                (
                    range, Array(String(to).utf8),
                    Change(step: step.id.value, location: location, from: written.value, to: to)
                ))
        }
        var result = bytes
        // From the end of the file back, so earlier offsets stay true.
        for edit in edits.sorted(by: { $0.range.lowerBound > $1.range.lowerBound }) {
            result.replaceSubrange(edit.range, with: edit.text)
        }
        return (result, edits.map(\.change).sorted { $0.location < $1.location }, skipped)
    }

    /// The byte offset where each line starts, counting line breaks as libyaml does: LF,
    /// CR LF, a lone CR, and NEL, LS and PS.
    public static func lineStarts(_ bytes: [UInt8]) -> [Int] {
        var starts = [0]
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0A {
                starts.append(index + 1)
            } else if byte == 0x0D {
                if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                starts.append(index + 1)
            } else if byte == 0xC2, index + 1 < bytes.count, bytes[index + 1] == 0x85 {
                index += 1
                starts.append(index + 1)
            } else if byte == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
                bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9
            {
                index += 2
                starts.append(index + 1)
            }
            index += 1
        }
        return starts
    }

    /// The bytes of the run of digits that starts at 1-based `line:column` (the column in
    /// characters), when a plain scalar's end follows it; nil otherwise.
    public static func numberRange(in bytes: [UInt8], starts: [Int], line: Int, column: Int) -> Range<Int>? {
        guard line >= 1, line <= starts.count, column >= 1 else { return nil }
        var offset = starts[line - 1]
        // Skip `column - 1` characters: a UTF-8 lead byte starts each.
        var characters = column - 1
        while characters > 0, offset < bytes.count {
            offset += 1
            while offset < bytes.count, bytes[offset] & 0xC0 == 0x80 { offset += 1 }
            characters -= 1
        }
        var end = offset
        while end < bytes.count, (0x30...0x39).contains(bytes[end]) { end += 1 }
        guard end > offset else { return nil }
        let terminators: Set<UInt8> = [0x20, 0x09, 0x0A, 0x0D, 0x23, 0x2C, 0x7D, 0x5D]
        guard end == bytes.count || terminators.contains(bytes[end]) else { return nil }
        return offset..<end
    }
}
