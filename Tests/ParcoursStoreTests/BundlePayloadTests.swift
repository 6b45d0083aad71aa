import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// A bundle's payloads are read by `EventPayloadCodec` where they lie in the file, and
/// refused with the words `JSONDecoder` gave for the same faults.
@Suite("Bundle payloads (EventPayloadCodec in a bundle)")
struct BundlePayloadTests {
    /// A bundle whose second event carries `payload` as it is written here.
    static func bundle(payload: String, extra: String = "") -> Data {
        Data(
            """
            {"format": "parcours-bundle", "formatVersion": 1, "exportedAt": "2026-01-01T00:00:00.000Z",
             "participant": {"name": "ada", "createdAt": "2026-01-01T00:00:00.000Z"},
             "enrollments": [{"courseID": "demo", "pathID": "main", "courseVersion": "v", "attempt": 1,
               "startedAt": "2026-01-01T00:00:00.000Z", "events": [
                 {"seq": 1, "type": "started", "at": "2026-01-01T00:00:00.000Z", "activeMs": 0, "payload": {}},
                 {"seq": 2, "type": "noted", "at": "2026-01-01T00:00:01.000Z", "activeMs": 5, "payload": \(payload)\(extra)}
               ]}]}
            """.utf8)
    }

    /// The messages `JSONDecoder` gave (through `BundleCodec.describe`) before the codec.
    @Test(arguments: [
        ("[1]", "enrollments[0].events[1].payload has the wrong type"),
        ("null", "enrollments[0].events[1].payload has the wrong type"),
        (#""x""#, "enrollments[0].events[1].payload has the wrong type"),
        (#"{"attempt":"1"}"#, "enrollments[0].events[1].payload.attempt has the wrong type"),
        (#"{"attempt":1.5}"#, "not valid JSON"),
        (#"{"attempt":9223372036854775808}"#, "not valid JSON"),
        (
            #"{"reason":"bored"}"#,
            "enrollments[0].events[1].payload.reason: Cannot initialize WaiverReason from invalid String value bored"
        ),
        (#"{"reason":1}"#, "enrollments[0].events[1].payload.reason has the wrong type"),
        (#"{"choices":["a",null]}"#, "enrollments[0].events[1].payload.choices[1] has the wrong type"),
        (#"{"choices":"a"}"#, "enrollments[0].events[1].payload.choices has the wrong type"),
        (#"{"ratings":{"a":"1"}}"#, "enrollments[0].events[1].payload.ratings.a has the wrong type"),
        (#"{"ratings":{"a":null}}"#, "enrollments[0].events[1].payload.ratings.a has the wrong type"),
        (#"{"ratings":{"a":1.5}}"#, "not valid JSON"),
        (#"{"text":"\ud800"}"#, "not valid JSON"),
        ("{\"text\":\"a\u{1}\"}", "not valid JSON"),
        // Stricter than the decoder, which took these: same words.
        (#"{"future":"\ud800"}"#, "not valid JSON"),
        (#"{"future":[1,]}"#, "not valid JSON"),
    ])
    func aDamagedPayloadIsRefusedWithTheDecodersWords(payload: String, reason: String) {
        #expect(throws: BundleError.malformed(reason: reason)) {
            try BundleCodec.decode(Self.bundle(payload: payload))
        }
    }

    @Test func aMissingPayloadIsNamed() {
        let data = Data(
            String(decoding: Self.bundle(payload: "{}"), as: UTF8.self)
                .replacingOccurrences(of: #""activeMs": 5, "payload": {}"#, with: #""activeMs": 5"#).utf8)
        #expect(throws: BundleError.malformed(reason: "the key \"payload\" is missing in enrollments[0].events[1]")) {
            try BundleCodec.decode(data)
        }
    }

    /// Of a repeated key, the first is read, as the decoder reads it: at every level.
    @Test func theFirstOfARepeatedKeyIsRead() throws {
        let twice = try BundleCodec.decode(Self.bundle(payload: #"{"text":"first"}"#, extra: #", "payload": 1"#))
        #expect(twice.enrollments[0].events[1].payload.text == "first")
        let text = String(decoding: Self.bundle(payload: #"{"text":"kept"}"#), as: UTF8.self)
        #expect(text.hasSuffix("]}]}"))
        let repeated = text.dropLast(4) + #"], "events": 3}], "enrollments": 7}"#
        let bundle = try BundleCodec.decode(Data(repeated.utf8))
        #expect(bundle.enrollments[0].events[1].payload.text == "kept")
    }

    @Test func everyFieldReadsBackAndAByteOrderMarkIsTaken() throws {
        let payload = try EventPayloadCodec.encode(Fixture.fullPayload)
        var data = Data([0xEF, 0xBB, 0xBF])
        data.append(Self.bundle(payload: payload))
        let bundle = try BundleCodec.decode(data)
        #expect(bundle.enrollments[0].events[1].payload == Fixture.fullPayload)
    }
}
