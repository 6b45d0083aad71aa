import Foundation
import ParcoursCore

/// Rewrites steps' `minutes:` in a graph file, byte for byte in place: `calibrate --write`.
///
/// Each number is found where the loader read it (the scalar's `line:col`, which libyaml
/// counts in characters from 1) and replaced there, and nothing else: every comment, blank
/// line, quote and indent of the file stays as written. An edit whose place does not hold
/// exactly the number the loader read (a file changed since, a number written as `0x0F`) is
/// not made, and named.
enum EstimateEdit {
    /// A number that could not be rewritten, and why.
    struct Skipped: Equatable {
        var step: String
        var reason: String
    }

    /// One number rewritten: where, from what, to what.
    struct Change: Equatable {
        var step: String
        var location: SourceLocation
        var from: Int
        var to: Int
    }

    /// `bytes` with the `minutes:` of each step in `minutes` (step id → new value) rewritten,
    /// as `file` (the same bytes, decoded) locates them. Pure.
    static func apply(
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
                (range, Array(String(to).utf8), Change(step: step.id.value, location: location, from: written.value, to: to)))
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
    static func lineStarts(_ bytes: [UInt8]) -> [Int] {
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
    static func numberRange(in bytes: [UInt8], starts: [Int], line: Int, column: Int) -> Range<Int>? {
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

    /// Writes `bytes` over `path` atomically: a temporary file beside it, with the original's
    /// mode, flushed to disk, then renamed over it. A failure leaves the original untouched.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { throw CLIError.unreadable(path: path) }
        let directory = ContentSearch.parent(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(ContentSearch.join(directory, ".\(name).XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw WriteError(path: path, errno: errno) }
        let temporary = String(cString: template)
        var failure: Int32 = 0
        if fchmod(descriptor, status.st_mode & 0o7777) != 0 { failure = errno }
        var written = 0
        while failure == 0, written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno != EINTR { failure = errno }
            } else {
                written += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(path: path, errno: failure)
        }
    }

    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var errno: Int32
        var description: String { "cannot write \(path) (\(String(cString: strerror(errno))))" }
    }
}
