import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// The cohort read's JSON reader must give exactly what `JSONDecoder` gives.
@Suite("PayloadParser (cohort report reads)")
struct PayloadParserTests {
    static let payloads: [EventPayload] = [
        EventPayload(
            courseID: "demo", pathID: "main", courseVersion: "c0ffee", language: "fr",
            cohort: "MARS \"26\"", attempt: 2),
        EventPayload(choices: ["a", "b"], text: "ligne 1\nligne 2\t\\ \u{1B}[2J é 🎓 \u{0}"),
        EventPayload(ratings: ["can": 4, "know": 1]),
        EventPayload(reason: .timeBudget, explanation: "</script> & 'x'"),
        EventPayload(resource: "doc/1"),
        EventPayload(),
    ]

    @Test(arguments: payloads)
    func agreesWithJSONDecoder(payload: EventPayload) throws {
        let text = try EventRecord.encode(payload)
        #expect(try PayloadParser.payload(text) == payload)
        #expect(try JSONDecoder().decode(EventPayload.self, from: Data(text.utf8)) == payload)
    }

    @Test func readsEscapesAndIgnoresUnknownKeys() throws {
        let text = #"{ "text": "a\u00e9\ud83c\udf93\"\/", "future": [1, {"x": null}], "attempt": 3 }"#
        let payload = try PayloadParser.payload(text)
        #expect(payload.text == "aé🎓\"/")
        #expect(payload.attempt == 3)
    }

    @Test(arguments: [
        "", "[]", "{", #"{"attempt": "2"}"#, #"{"attempt": 1.5}"#, #"{"reason": "bored"}"#,
        #"{"text": "open}"#, #"{"choices": [1]}"#, #"{} x"#, #"{"a" 1}"#,
    ])
    func refusesWhatTheDecoderRefuses(text: String) {
        #expect(throws: PayloadParser.Failure.self) { try PayloadParser.payload(text) }
    }
}
