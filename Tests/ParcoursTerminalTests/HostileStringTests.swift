import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursTerminal

/// Seeded hostile strings through everything the terminal side writes: the screen's two
/// sanitisers, the journal's Markdown escaping, and JSON.
@Suite struct HostileStringTests {
    static let strings = HostileStrings.make(count: 2_000, seed: 20_261_203)

    @Test func theScreenNeverShowsAControl() {
        for text in Self.strings {
            let plain = Sanitizer.plain(text)
            #expect(!HostileStrings.carriesUnsafe(plain, allowing: []), "\(text.debugDescription)")
            #expect(!HostileStrings.carriesUnsafe(Sanitizer.multiline(text)), "\(text.debugDescription)")
        }
    }

    /// Escaped Markdown shows the text as typed: removing the escapes gives it back, and no
    /// markup character is left unescaped where it could open a link, an image or HTML.
    @Test func theJournalsMarkdownIsInert() {
        for text in Self.strings {
            let escaped = MarkdownEscaping.escape(Sanitizer.multiline(text))
            var unescaped = ""
            var pending = false
            for character in escaped {
                if pending || character != "\\" {
                    unescaped.append(character)
                    pending = false
                } else {
                    pending = true
                }
            }
            #expect(unescaped == Sanitizer.multiline(text), "\(text.debugDescription)")
            var previous: Character?
            for character in escaped {
                if ["<", "[", "]", "`", "&"].contains(character) {
                    #expect(previous == "\\", "unescaped \(character) in \(escaped.debugDescription)")
                }
                previous = previous == "\\" && character == "\\" ? nil : character
            }
        }
    }

    @Test func jsonKeepsTheTextAndHidesTheControls() throws {
        struct Box: Codable, Equatable { var text: String }
        for text in Self.strings {
            let data = try JSONEscaping.encode(Box(text: text))
            #expect(!HostileStrings.carriesUnsafe(String(decoding: data, as: UTF8.self)), "\(text.debugDescription)")
            #expect(try JSONDecoder().decode(Box.self, from: data) == Box(text: text))
        }
    }
}
