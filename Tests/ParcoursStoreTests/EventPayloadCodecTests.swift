import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// The one payload codec writes what `JSONEncoder` wrote, reads what `JSONDecoder` reads, and
/// refuses everything either of the two readers it replaced refused.
@Suite("EventPayloadCodec (store, cohort read, bundles)")
struct EventPayloadCodecTests {
    static let payloads: [EventPayload] = [
        EventPayload(
            courseID: "demo", pathID: "main", courseVersion: "c0ffee", language: "fr",
            cohort: "MARS \"26\"", attempt: 2),
        EventPayload(choices: ["a", "b"], text: "ligne 1\nligne 2\t\\ \u{1B}[2J é 🎓 \u{0}"),
        EventPayload(ratings: ["can": 4, "know": 1]),
        EventPayload(reason: .timeBudget, explanation: "</script> & 'x'"),
        EventPayload(resource: "doc/1"),
        EventPayload(courseID: "demo", attempt: 1, seed: 4_294_967_295),
        EventPayload(courseID: "demo", attempt: 3, seed: 7, resets: 2),
        EventPayload(checked: ["dated", "named"]),
        EventPayload(text: "plan", checked: []),
        EventPayload(attempt: .max, ratings: ["min": .min]),
        EventPayload(),
    ]

    /// What the store wrote before the codec: `JSONEncoder` on the payload's own `Codable`.
    static func reference(_ payload: EventPayload) throws -> String {
        if payload == EventPayload() { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(payload), as: UTF8.self)
    }

    @Test(arguments: payloads)
    func agreesWithJSONDecoder(payload: EventPayload) throws {
        let text = try EventPayloadCodec.encode(payload)
        #expect(text == (try Self.reference(payload)))
        #expect(try EventPayloadCodec.decode(text) == payload)
        #expect(try JSONDecoder().decode(EventPayload.self, from: Data(text.utf8)) == payload)
    }

    /// Every field, with text made to hurt: the bytes are those `JSONEncoder` wrote, and
    /// they read back.
    @Test func writesTheBytesTheEncoderWroteAndReadsThemBack() throws {
        let strings = HostileStrings.make(count: 400, seed: 17)
        for (index, text) in strings.enumerated() {
            let payload = EventPayload(
                courseID: text, pathID: strings[(index + 1) % strings.count], language: "fr", cohort: text,
                attempt: index - 200, seed: index, resets: index / 2, choices: [text, "b"], text: text,
                checked: [text],
                ratings: [text: index, "x": -index],
                reason: WaiverReason.allCases[index % 3], explanation: text, resource: text)
            let written = try EventPayloadCodec.encode(payload)
            #expect(written == (try Self.reference(payload)), "\(index)")
            #expect(try EventPayloadCodec.decode(written) == payload, "\(index)")
        }
    }

    @Test func readsEscapesAndIgnoresUnknownKeys() throws {
        let text = #"{ "text": "a\u00e9\ud83c\udf93\"\/", "future": [1, {"x": null}, -0.5e-3], "attempt": 3 }"#
        let payload = try EventPayloadCodec.decode(text)
        #expect(payload.text == "aé🎓\"/")
        #expect(payload.attempt == 3)
    }

    /// Members read straight into their fields, and those that take another way (a key
    /// written with escapes, `null`, a repeated key, spaces everywhere, a whole number
    /// written with an exponent), give what the decoder gives.
    @Test(arguments: [
        #"{"choices":["a","b"],"text":"t"}"#, #"{ "choices" : [ ] , "ratings" : { } }"#,
        #"{"ratings":{"can":4,"know":-1},"ratings":{"x":2}}"#, #"{"cohort":null,"attempt":7}"#,
        #"{"cours\u0065ID":"c","pathID":"p","language":"fr","courseVersion":"v"}"#,
        #"{"reason":"learner","explanation":"e","resource":"r"}"#, #"{"attempt":2e0}"#,
        #"{"text":"a","text":"b","choices":["\u00e9"]}"#, #"{"text":null,"text":"b"}"#, #"{"text":"a","text":1}"#,
        #"{"attempt":1.0}"#, #"{"attempt":1E+2}"#, #"{"attempt":-0}"#, #"{"attempt":100e-2}"#, #"{"attempt":0.5e1}"#,
        #"{"attempt":9223372036854775807}"#, #"{"attempt":-9223372036854775808}"#, #"{"attempt":9007199254740993}"#,
        #"{"attempt":9007199254740992e0}"#, #"{"ratings":{"a":1,"a":2}}"#, " {} ", "{}\n", #"{"text":"\u0000"}"#,
        #"{"choices":null,"ratings":null,"reason":null}"#, #"{"future":18446744073709551616}"#,
    ])
    func readsLikeTheDecoder(text: String) throws {
        let decoded = try JSONDecoder().decode(EventPayload.self, from: Data(text.utf8))
        #expect(try EventPayloadCodec.decode(text) == decoded)
    }

    @Test(arguments: [
        "", "[]", "{", #"{"attempt": "2"}"#, #"{"attempt": 1.5}"#, #"{"reason": "bored"}"#,
        #"{"text": "open}"#, #"{"choices": [1]}"#, #"{} x"#, #"{"a" 1}"#,
        #"{"choices": ["a", 1]}"#, #"{"ratings": {"a": "1"}}"#, #"{"ratings": {"a": 1.5}}"#,
        #"{"choices": "a"}"#, #"{"text": 1}"#, #"{"choices": ["a"}"#,
        #"{"choices": [null]}"#, #"{"ratings": {"a": null}}"#, #"{"attempt": true}"#, #"{"reason": "LEARNER"}"#,
        #"{"text": "\ud800"}"#, #"{"text": "\udc00"}"#, #"{"text": "\ud800\u0041"}"#, #"{"text": "\U0041"}"#,
        #"{"text": "\x"}"#, "null", "1", "\"x\"", "{}\u{0B}",
    ])
    func refusesWhatTheDecoderRefuses(text: String) {
        #expect(throws: (any Error).self) { try JSONDecoder().decode(EventPayload.self, from: Data(text.utf8)) }
        #expect(throws: EventPayloadCodec.Failure.self) { try EventPayloadCodec.decode(text) }
    }

    /// Where the two readers it replaces differed, the stricter one wins: each of these was
    /// taken by one of them.
    @Test(arguments: [
        // The store's parser took these (numbers outside the grammar, held at the bounds; raw controls).
        #"{"attempt":1e30}"#, #"{"attempt":9223372036854775808}"#, #"{"attempt":-9223372036854775809}"#,
        #"{"attempt":01}"#, #"{"attempt":+1}"#, #"{"attempt":1.}"#, #"{"attempt":-01}"#, #"{"future":+1}"#,
        #"{"ratings":{"a":1e30}}"#, "{\"text\":\"a\u{1}b\"}", "{\"text\":\"a\tb\"}", "{\"future\":\"a\u{1}b\"}",
        #"{"text":"\u+041"}"#, #"{"ratings":{"a":1,"a":"x"}}"#,
        // The decoder took these: a trailing comma anywhere, and what it does not look at in a
        // member no field reads.
        #"{"future":[1,]}"#, #"{"future":{"a":1,}}"#, #"{"ratings": {"a": 1,}}"#, #"{"choices": ["a",]}"#,
        #"{"future":"\ud800"}"#, #"{"future":-}"#,
        "\u{FEFF}{}",
        // A whole number written with an exponent, past 2^53: the decoder took some of these.
        #"{"attempt":1234567890123456789e0}"#, #"{"attempt":9223372036854775807e0}"#,
    ])
    func refusesWhatEitherReaderRefused(text: String) {
        #expect(throws: EventPayloadCodec.Failure.self) { try EventPayloadCodec.decode(text) }
    }

    @Test func refusesInvalidUTF8AndDeepNesting() {
        for bytes: [UInt8] in [
            Array(#"{"text":""#.utf8) + [0xFF] + Array(#""}"#.utf8),
            Array(#"{"future":""#.utf8) + [0xC3] + Array(#""}"#.utf8),
            Array(#"{""#.utf8) + [0xED, 0xA0, 0x80] + Array(#"":1}"#.utf8),
            Array(#"{"future":"#.utf8) + Array(repeating: UInt8(ascii: "["), count: 100_000),
        ] {
            #expect(throws: EventPayloadCodec.Failure.self) {
                try bytes.withUnsafeBufferPointer { bytes throws(EventPayloadCodec.Failure) in
                    try EventPayloadCodec.decode(bytes: bytes)
                }
            }
        }
    }

    /// A failure names the value at fault, as a bundle's message needs it.
    @Test(arguments: [
        (#"{"choices":["a",1]}"#, "\"choices[1]\" has the wrong type"),
        (#"{"ratings":{"can":"4"}}"#, "\"ratings.can\" has the wrong type"),
        (#"{"ratings":{"can":4.5}}"#, "\"ratings.can\" is not an integer"),
        (#"{"attempt":"2"}"#, "\"attempt\" has the wrong type"),
        (#"{"reason":"bored"}"#, "\"reason\" cannot be \"bored\""),
        ("[1]", "not an object"),
    ])
    func aFailureNamesTheValue(text: String, description: String) {
        do {
            _ = try EventPayloadCodec.decode(text)
            Issue.record("read \(text)")
        } catch {
            #expect(error.description == description)
        }
    }

    /// Seeded mutations of written payloads: whatever the codec reads, `JSONDecoder` reads
    /// the same; whatever the decoder refuses, the codec refuses.
    @Test func neverTakesWhatTheDecoderRefusesNorReadsItOtherwise() throws {
        var random = SeededGenerator(seed: 20_261_204)
        let seeds = try (Self.payloads + [Fixture.fullPayload]).map { Array(try EventPayloadCodec.encode($0).utf8) }
        let pieces = Array(#"{}[],:"\-+.0123456789eEtrufalsn u\ud83c\udf93 é"#.utf8) + [0x00, 0x1F, 0xFF]
        var agreed = 0
        for _ in 0..<20_000 {
            var bytes = seeds[random.below(seeds.count)]
            for _ in 0..<(1 + random.below(3)) {
                let place = random.below(bytes.count + 1)
                switch random.below(3) {
                case 0 where place < bytes.count: bytes.remove(at: place)
                case 1 where place < bytes.count: bytes[place] = pieces[random.below(pieces.count)]
                default: bytes.insert(pieces[random.below(pieces.count)], at: place)
                }
            }
            let decoded = try? JSONDecoder().decode(EventPayload.self, from: Data(bytes))
            let read = try? bytes.withUnsafeBufferPointer { bytes throws(EventPayloadCodec.Failure) in
                try EventPayloadCodec.decode(bytes: bytes)
            }
            if let read {
                #expect(read == decoded, "\(String(decoding: bytes, as: UTF8.self))")
                agreed += 1
            }
        }
        #expect(agreed > 2_000, "only \(agreed) mutations read")
    }
}
