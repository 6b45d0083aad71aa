import Foundation
import ParcoursCore
import Testing

/// JSON that carries names and notes keeps them exact but never raw: DEL, C1 and bidi
/// controls become `\uXXXX` escapes.
@Suite struct JSONEscapingTests {
    struct Box: Codable, Equatable { var name: String }

    @Test(arguments: [
        "\u{202E}gnp.exe", "a\u{2066}b\u{2069}c", "\u{9B}2J", "x\u{7F}y", "\u{85}", "\u{61C}\u{200E}\u{200F}",
        "\u{202A}\u{202B}\u{202C}\u{202D}\u{2067}\u{2068}",
    ])
    func unsafeScalarsAreEscapedAndReadBack(name: String) throws {
        let data = try JSONEscaping.encode(Box(name: name))
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.unicodeScalars.contains { UnsafeScalars.isUnsafe($0) && $0 != "\n" })
        #expect(text.contains("\\u"))
        #expect(try JSONDecoder().decode(Box.self, from: data) == Box(name: name))
    }

    @Test(arguments: ["plain", "é à ç « » – ’ 😀", "\u{2010}\u{2065}\u{206A}\u{2000}", "\u{A0}\u{C2}\u{D8}"])
    func safeTextIsLeftAlone(name: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        #expect(try JSONEscaping.encode(Box(name: name)) == (try encoder.encode(Box(name: name))))
    }

    @Test func bidiControlsAreTheTwelveOfTheProperty() {
        let bidi = (0...0x10FFFF).compactMap(Unicode.Scalar.init).filter(UnsafeScalars.isBidiControl)
        #expect(
            bidi.map(\.value) == [
                0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
            ])
    }
}
