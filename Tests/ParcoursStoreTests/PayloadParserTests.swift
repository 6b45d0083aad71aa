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

    /// Members read straight into their fields, and those that take the long way (a key
    /// written with escapes, `null`, a repeated key, spaces everywhere), give what the
    /// decoder gives.
    @Test(arguments: [
        #"{"choices":["a","b"],"text":"t"}"#, #"{ "choices" : [ ] , "ratings" : { } }"#,
        #"{"ratings":{"can":4,"know":-1},"ratings":{"x":2}}"#, #"{"cohort":null,"attempt":7}"#,
        #"{"cours\u0065ID":"c","pathID":"p","language":"fr","courseVersion":"v"}"#,
        #"{"reason":"learner","explanation":"e","resource":"r"}"#, #"{"attempt":2e0}"#,
        #"{"text":"a","text":"b","choices":["\u00e9"]}"#,
    ])
    func readsLikeTheDecoder(text: String) throws {
        let decoded = try JSONDecoder().decode(EventPayload.self, from: Data(text.utf8))
        #expect(try PayloadParser.payload(text) == decoded)
    }

    @Test(arguments: [
        "", "[]", "{", #"{"attempt": "2"}"#, #"{"attempt": 1.5}"#, #"{"reason": "bored"}"#,
        #"{"text": "open}"#, #"{"choices": [1]}"#, #"{} x"#, #"{"a" 1}"#,
        #"{"choices": ["a", 1]}"#, #"{"ratings": {"a": "1"}}"#, #"{"ratings": {"a": 1.5}}"#,
        #"{"ratings": {"a": 1,}}"#, #"{"choices": "a"}"#, #"{"text": 1}"#, #"{"choices": ["a"}"#,
    ])
    func refusesWhatTheDecoderRefuses(text: String) {
        #expect(throws: PayloadParser.Failure.self) { try PayloadParser.payload(text) }
    }
}
