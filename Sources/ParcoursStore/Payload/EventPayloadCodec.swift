import Foundation
import ParcoursCore

/// The one reader and writer of an event's payload (`EventPayload`) as JSON: the store's
/// `payload` column (writes, reads, the cohort read) and each event of a bundle.
///
/// Written with sorted keys and nil fields left out, by `JSONEncoder`, so two equal payloads
/// are always the same bytes (an import compares them as text). Read by hand on
/// `JSONScanner`: a cohort report reads hundreds of thousands of payloads, and `JSONDecoder`
/// costs several microseconds each (and a millisecond on its first use, before a resume's
/// first prompt). Unknown keys are read and ignored; of a repeated key, the first value is
/// kept (and the others must still be well-formed).
///
/// It refuses everything either of the two readers it replaces refused (`JSONDecoder` for
/// bundles, a hand-written parser for the store), and is stricter where they differed: the
/// grammar is RFC 8259's in every member (the decoder did not look inside unknown ones); a
/// whole number is read exactly, and one beyond `Int` is refused (the parser went through
/// `Double` and held it at the bounds); a repeated rating item keeps its first value, as
/// the decoder did (the parser kept the last).
///
/// ```swift
/// let text = try EventPayloadCodec.encode(EventPayload(choices: ["b"], reason: .learner))
/// // {"choices":["b"],"reason":"learner"}
/// try EventPayloadCodec.decode(text)  // the same payload
/// ```
package enum EventPayloadCodec {
    typealias Failure = JSONScanner.Failure

    // MARK: Writing

    /// The payload as the store keeps it.
    package static func encode(_ payload: EventPayload) throws(StoreError) -> String {
        // Most events (entered, completed, paused…) carry nothing: skip the encoder.
        if payload == EventPayload() { return "{}" }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(Members(payload: payload)), as: UTF8.self)
        } catch {
            throw .invalid(reason: "the event payload cannot be written as JSON (\(error))")
        }
    }

    /// The payload as an object inside a larger document (a bundle): each field that is set,
    /// under its key.
    static func encode(_ payload: EventPayload, to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Field.self)
        try container.encodeIfPresent(payload.courseID, forKey: .courseID)
        try container.encodeIfPresent(payload.pathID, forKey: .pathID)
        try container.encodeIfPresent(payload.courseVersion, forKey: .courseVersion)
        try container.encodeIfPresent(payload.language, forKey: .language)
        try container.encodeIfPresent(payload.cohort, forKey: .cohort)
        try container.encodeIfPresent(payload.attempt, forKey: .attempt)
        try container.encodeIfPresent(payload.choices, forKey: .choices)
        try container.encodeIfPresent(payload.text, forKey: .text)
        try container.encodeIfPresent(payload.ratings, forKey: .ratings)
        try container.encodeIfPresent(payload.reason?.rawValue, forKey: .reason)
        try container.encodeIfPresent(payload.explanation, forKey: .explanation)
        try container.encodeIfPresent(payload.resource, forKey: .resource)
        try container.encodeIfPresent(payload.seed, forKey: .seed)
        try container.encodeIfPresent(payload.checked, forKey: .checked)
        try container.encodeIfPresent(payload.resets, forKey: .resets)
    }

    /// `encode(_:to:)` for `JSONEncoder`.
    private struct Members: Encodable {
        var payload: EventPayload

        func encode(to encoder: any Encoder) throws {
            try EventPayloadCodec.encode(payload, to: encoder)
        }
    }

    // MARK: Reading

    /// The payload in `text`, as the store keeps it.
    static func decode(_ text: String) throws(Failure) -> EventPayload {
        if text == "{}" { return EventPayload() }
        var text = text
        return try text.withUTF8 { bytes in Result { () throws(Failure) in try decode(bytes: bytes) } }.get()
    }

    /// The payload in `bytes`, which hold that one JSON document (a cohort read collects
    /// them from SQLite, a bundle finds them in its file).
    ///
    /// The object's members are matched as they are read, without building the document first.
    static func decode(bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> EventPayload {
        var scanner = JSONScanner(bytes: bytes)
        var payload = EventPayload()
        guard scanner.peek() == UInt8(ascii: "{") else {
            // Any other document is read whole (so a syntax error is reported as such), then refused.
            try scanner.skipValue()
            try scanner.finish()
            throw Failure(reason: .wrongType)
        }
        scanner.index += 1
        // Fields already met: of a repeated key, the first value is kept.
        var seen: UInt16 = 0
        try scanner.elements(closing: UInt8(ascii: "}")) { scanner throws(Failure) in
            let field: Field?
            if let known = scanner.knownKey(Field.keys) {
                field = Field(rawValue: known)
            } else {
                field = Field(stringValue: try scanner.string())
            }
            try scanner.expect(UInt8(ascii: ":"))
            scanner.skipSpace()
            guard let field, seen & field.bit == 0 else { return try scanner.skipValue() }
            seen |= field.bit
            do throws(Failure) {
                try read(field, from: &scanner, into: &payload)
            } catch {
                throw error.within(.key(field.stringValue))
            }
        }
        try scanner.finish()
        return payload
    }

    /// Reads the value of `field` into its place; `null` leaves it unset.
    private static func read(
        _ field: Field, from scanner: inout JSONScanner, into payload: inout EventPayload
    ) throws(Failure) {
        switch field {
        case .courseID: payload.courseID = try scanner.readString()
        case .pathID: payload.pathID = try scanner.readString()
        case .courseVersion: payload.courseVersion = try scanner.readString()
        case .language: payload.language = try scanner.readString()
        case .cohort: payload.cohort = try scanner.readString()
        case .attempt: payload.attempt = try scanner.readInteger()
        case .choices:
            payload.choices = try scanner.readArray { scanner throws(Failure) in
                guard let choice = try scanner.readString() else { throw Failure(reason: .wrongType) }
                return choice
            }
        case .text: payload.text = try scanner.readString()
        case .ratings:
            var ratings: [String: Int] = [:]
            let present = try scanner.readObject { scanner, item throws(Failure) in
                guard let score = try scanner.readInteger() else { throw Failure(reason: .wrongType) }
                if ratings[item] == nil { ratings[item] = score }
            }
            if present { payload.ratings = ratings }
        case .reason:
            guard let word = try scanner.readString() else { return }
            guard let reason = WaiverReason(rawValue: word) else { throw Failure(reason: .unknownValue(word)) }
            payload.reason = reason
        case .explanation: payload.explanation = try scanner.readString()
        case .resource: payload.resource = try scanner.readString()
        case .seed: payload.seed = try scanner.readInteger()
        case .resets: payload.resets = try scanner.readInteger()
        case .checked:
            payload.checked = try scanner.readArray { scanner throws(Failure) in
                guard let item = try scanner.readString() else { throw Failure(reason: .wrongType) }
                return item
            }
        }
    }

    /// The members `EventPayload` has, by their JSON keys: the one list both directions use.
    enum Field: Int, CaseIterable, CodingKey {
        case courseID, pathID, courseVersion, language, cohort, attempt, choices, text, ratings, reason,
            explanation, resource, seed, checked, resets

        /// The JSON key (spelled out: `"\(self)"` goes through reflection, a microsecond a time).
        var stringValue: String {
            switch self {
            case .courseID: "courseID"
            case .pathID: "pathID"
            case .courseVersion: "courseVersion"
            case .language: "language"
            case .cohort: "cohort"
            case .attempt: "attempt"
            case .choices: "choices"
            case .text: "text"
            case .ratings: "ratings"
            case .reason: "reason"
            case .explanation: "explanation"
            case .resource: "resource"
            case .seed: "seed"
            case .checked: "checked"
            case .resets: "resets"
            }
        }

        init?(stringValue: String) {
            guard let field = Self.allCases.first(where: { $0.stringValue == stringValue }) else { return nil }
            self = field
        }

        var intValue: Int? { nil }

        init?(intValue: Int) { nil }

        var bit: UInt16 { 1 << UInt16(rawValue) }

        /// Each key's bytes, in `rawValue` order, for matching a key without decoding it.
        static let keys: [[UInt8]] = allCases.map { Array($0.stringValue.utf8) }
    }
}
