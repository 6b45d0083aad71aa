import Foundation
import Testing

@testable import ParcoursTerminal

#if canImport(Glibc)
import Glibc
#endif

@Suite struct PipeLineReaderTests {
    /// A reader over a pipe fed with `bytes` by another thread (so large input cannot block).
    private func reader(feeding bytes: [UInt8], limit: Int = LineLimits.maximumLineBytes) throws -> PipeLineReader {
        var fds: [Int32] = [-1, -1]
        try #require(pipe(&fds) == 0)
        let writeEnd = fds[1]
        let thread = Thread {
            var offset = 0
            while offset < bytes.count {
                let written = bytes[offset...].withUnsafeBytes { write(writeEnd, $0.baseAddress, $0.count) }
                if written <= 0 { break }
                offset += written
            }
            close(writeEnd)
        }
        thread.start()
        return PipeLineReader(fileDescriptor: fds[0], maximumLineBytes: limit)
    }

    private func readAll(_ reader: inout PipeLineReader) -> [LineInput] {
        var inputs: [LineInput] = []
        while true {
            let input = reader.readLine(prompt: "> ")
            inputs.append(input)
            if input == .endOfInput { return inputs }
        }
    }

    @Test func readsLinesThenEnds() throws {
        var reader = try reader(feeding: Array("un\ndeux\r\n\ntrois".utf8))
        #expect(readAll(&reader) == [.line("un"), .line("deux"), .line(""), .line("trois"), .endOfInput])
        #expect(reader.readLine(prompt: "") == .endOfInput)
    }

    @Test func emptyInputEndsAtOnce() throws {
        var reader = try reader(feeding: [])
        #expect(reader.readLine(prompt: "> ") == .endOfInput)
    }

    @Test func invalidUTF8BecomesReplacementCharacters() throws {
        var reader = try reader(feeding: [0x63, 0x61, 0x66, 0xE9, 0x0A, 0xFF, 0xFE, 0x0A] + Array("é\n".utf8))
        #expect(readAll(&reader) == [.line("caf\u{FFFD}"), .line("\u{FFFD}\u{FFFD}"), .line("é"), .endOfInput])
    }

    @Test func oneMebibyteLineIsCutAndFlagged() throws {
        let huge = [UInt8](repeating: UInt8(ascii: "a"), count: 1 << 20)
        var reader = try reader(feeding: huge + Array("\nsuite\n".utf8))
        guard case .line(let text) = reader.readLine(prompt: "") else {
            Issue.record("expected a line")
            return
        }
        #expect(text.utf8.count == LineLimits.maximumLineBytes)
        #expect(reader.lastLineWasTruncated)
        #expect(reader.readLine(prompt: "") == .line("suite"))
        #expect(!reader.lastLineWasTruncated)
        #expect(reader.readLine(prompt: "") == .endOfInput)
    }

    @Test func cutNeverSplitsACharacter() throws {
        var reader = try reader(feeding: Array("aé\n".utf8), limit: 2)
        #expect(reader.readLine(prompt: "") == .line("a"))
        #expect(reader.lastLineWasTruncated)
    }

    @Test func lineOfExactlyTheLimitIsNotFlagged() throws {
        var reader = try reader(feeding: Array("abcd\nabcde\n".utf8), limit: 4)
        #expect(reader.readLine(prompt: "") == .line("abcd"))
        #expect(!reader.lastLineWasTruncated)
        #expect(reader.readLine(prompt: "") == .line("abcd"))
        #expect(reader.lastLineWasTruncated)
    }

    @Test func scriptedReaderRecordsPromptsAndHistory() {
        var reader = ScriptedLineReader([.line("aide"), .interrupt])
        reader.completion = { _, _ in ["aide", "avancer"] }
        #expect(reader.readLine(prompt: "1> ") == .line("aide"))
        reader.addHistory("aide")
        #expect(reader.readLine(prompt: "2> ") == .interrupt)
        #expect(reader.readLine(prompt: "3> ") == .endOfInput)
        #expect(reader.prompts == ["1> ", "2> ", "3> "])
        #expect(reader.history == ["aide"])
        #expect(reader.offeredCompletions.first == ["aide", "avancer"])
    }

    @Test(arguments: [
        ([UInt8](repeating: 0x61, count: 3), 3, "aaa", false),
        (Array("ab\r".utf8), 10, "ab", false),
        (Array("€€".utf8), 4, "€", true),
        ([0xF0, 0x9F, 0x98], 10, "\u{FFFD}", false),
    ])
    func decoder(bytes: [UInt8], limit: Int, text: String, truncated: Bool) {
        let decoded = LineDecoder.decode(bytes, limit: limit)
        #expect(decoded.text == text)
        #expect(decoded.truncated == truncated)
    }
}
