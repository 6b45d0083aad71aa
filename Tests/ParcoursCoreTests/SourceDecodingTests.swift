import ParcoursCore
import Testing

/// A course file that is not UTF-8 is a diagnostic at its first bad byte, never a stop.
@Suite struct SourceDecodingTests {
    @Test(arguments: [
        ([0x61, 0x62, 0xFF], 1, 3),  // a stray byte
        ([0x61, 0x0A, 0xC3, 0xA9, 0x0A, 0x20, 0x20, 0xE9, 0x74, 0xE9], 3, 3),  // Latin-1 "été" after "é" in UTF-8
        ([0xE2, 0x82], 1, 1),  // a sequence cut short at the end
        ([0x0A, 0x0A, 0xC0, 0x80], 3, 1),  // an overlong NUL
    ])
    func theFirstBadByteIsLocated(bytes: [UInt8], line: Int, column: Int) {
        let (text, problem) = SourceText.decoding(bytes, path: "Locales/fr/x.yml")
        #expect(problem?.rule == "encoding")
        #expect(problem?.severity == .error)
        #expect(problem?.location == SourceLocation(file: "Locales/fr/x.yml", line: line, column: column))
        #expect(text.text.contains("\u{FFFD}"), "the rest is read, the bad bytes as U+FFFD")
    }

    @Test func utf8IsReadAsIs() {
        let (text, problem) = SourceText.decoding(Array("étape « un »\n".utf8), path: "a.yml")
        #expect(problem == nil)
        #expect(text.text == "étape « un »\n")
    }
}
