#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads plain lines from a file descriptor: standard input when it is not a terminal.
///
/// Scripts and tests pipe answers in (`parcours start < answers.txt`), so there is no
/// prompt, no history and no completion. It is the only reader of its descriptor, so it
/// buffers freely: bytes read past a line end stay in the buffer for the next call.
/// Invalid UTF-8 becomes `�`; a line over `maximumLineBytes` is cut and flagged, and the
/// rest of it is skipped rather than read as new lines.
public struct PipeLineReader: LineReader {
    private let fileDescriptor: Int32
    private let maximumLineBytes: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var reachedEnd = false

    /// Ignored: a pipe offers no completion, but the REPL may set it anyway.
    public var completion: CompletionProvider?
    public private(set) var lastLineWasTruncated = false

    /// Reads from `fileDescriptor` (standard input by default); the reader does not close it.
    public init(fileDescriptor: Int32 = 0, maximumLineBytes: Int = LineLimits.maximumLineBytes) {
        self.fileDescriptor = fileDescriptor
        self.maximumLineBytes = maximumLineBytes
    }

    /// Returns the next line; `prompt` is not shown because nobody is watching a pipe.
    public mutating func readLine(prompt: String) -> LineInput {
        var line: [UInt8] = []
        var cut = false
        var sawBytes = false
        while true {
            if position < buffer.count {
                sawBytes = true
                let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n"))
                let end = newline ?? buffer.count
                keep(buffer[position..<end], in: &line, cut: &cut)
                position = newline.map { $0 + 1 } ?? end
                if newline != nil { return finish(line, cut: cut) }
            }
            if reachedEnd {
                return sawBytes ? finish(line, cut: cut) : .endOfInput
            }
            refill()
        }
    }

    /// A pipe has no history.
    public func addHistory(_ line: String) {}

    private func keep(_ bytes: ArraySlice<UInt8>, in line: inout [UInt8], cut: inout Bool) {
        // One byte over the limit is kept so the decoder notices the cut.
        let room = maximumLineBytes + 1 - line.count
        if bytes.count > room {
            line.append(contentsOf: bytes.prefix(max(0, room)))
            cut = true
        } else {
            line.append(contentsOf: bytes)
        }
    }

    private mutating func finish(_ line: [UInt8], cut: Bool) -> LineInput {
        let decoded = LineDecoder.decode(line, limit: maximumLineBytes)
        lastLineWasTruncated = cut || decoded.truncated
        return .line(decoded.text)
    }

    private mutating func refill() {
        buffer.removeAll(keepingCapacity: true)
        position = 0
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(fileDescriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                buffer.append(contentsOf: chunk[0..<count])
                return
            }
            if count < 0 && errno == EINTR { continue }
            reachedEnd = true  // end of file, or an error we cannot recover from
            return
        }
    }
}
