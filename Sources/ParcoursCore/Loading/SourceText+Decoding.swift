extension SourceText {
    /// The text of a course file read from bytes, and an `encoding` error at the first byte
    /// that is not UTF-8, if any.
    ///
    /// The text is always returned, every invalid sequence read as U+FFFD, so lint goes on
    /// with the rest of that file and with the other files, and reports every problem at once.
    public static func decoding(_ bytes: [UInt8], path: String) -> (text: SourceText, problem: Diagnostic?) {
        // Valid text (the usual case) is checked and copied once.
        if let valid = String(validating: bytes, as: UTF8.self) { return (SourceText(path: path, text: valid), nil) }
        let text = SourceText(path: path, text: String(decoding: bytes, as: UTF8.self))
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var line = 1
        var column = 1
        var offset = 0
        decoding: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                offset += UTF8.width(scalar)
                if scalar == "\n" {
                    line += 1
                    column = 1
                } else {
                    column += 1
                }
            case .emptyInput, .error:
                break decoding
            }
        }
        let byte = offset < bytes.count ? bytes[offset] : 0
        let hex = String(byte, radix: 16, uppercase: true)
        return (
            text,
            .error(
                "encoding", at: SourceLocation(file: path, line: line, column: column),
                "this file is not UTF-8: byte 0x\(hex.count == 1 ? "0" + hex : hex) at offset \(offset) starts no valid character; save the file as UTF-8"
            )
        )
    }
}
