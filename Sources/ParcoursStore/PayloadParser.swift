import ParcoursCore

/// A small, strict JSON reader for stored event payloads, for reads of thousands of logs.
///
/// `JSONDecoder` costs several microseconds per payload; a cohort report reads tens of
/// thousands. This reads the full JSON grammar (so any payload `EventRecord.encode` wrote,
/// and any other valid JSON object) and fills the same `EventPayload` fields the decoder
/// would, ignoring unknown keys and keeping the first value of a repeated key, as the
/// decoder does. Anything else is refused with a reason, and the caller reports the event
/// as unreadable.
struct PayloadParser {
    enum Value {
        case string(String)
        case number(Double)
        case bool(Bool)
        case null
        case array([Value])
        case object([(String, Value)])
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The text, read in place (the caller keeps it alive while parsing).
    let bytes: UnsafeBufferPointer<UInt8>
    var index = 0
    var end: Int { bytes.count }

    private init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
    }

    static func payload(_ text: String) throws(Failure) -> EventPayload {
        let bytes = Array(text.utf8)
        return try bytes.withUnsafeBufferPointer { bytes throws(Failure) in try payload(bytes: bytes) }
    }

    /// The payload in `bytes`, as a cohort read collects them from SQLite.
    ///
    /// The top-level object's members are matched as they are read, without building the
    /// whole document first.
    static func payload(bytes: UnsafeBufferPointer<UInt8>) throws(Failure) -> EventPayload {
        var parser = PayloadParser(bytes: bytes)
        var payload = EventPayload()
        parser.skipSpace()
        guard parser.index < parser.end, bytes[parser.index] == UInt8(ascii: "{") else {
            // Any other value is read whole (so a syntax error is reported as such) and refused.
            _ = try parser.document()
            throw Failure(description: "not an object")
        }
        parser.index += 1
        // Fields already met: of a repeated key, the decoder keeps the first value.
        var seen: UInt16 = 0
        _ = try parser.elements(closing: UInt8(ascii: "}")) { parser throws(Failure) in
            var field = parser.knownKey()
            var key = ""
            if field == nil {
                key = try parser.parseString()
                field = Field.named(key)
            }
            try parser.expect(UInt8(ascii: ":"))
            parser.skipSpace()
            if let field, seen & field.bit != 0 {
                _ = try parser.parseValue()
            } else if let field {
                seen |= field.bit
                // Straight into its field, or the whole way.
                if try !parser.read(field, into: &payload) {
                    try apply(field.name, try parser.parseValue(), to: &payload)
                }
            } else {
                try apply(key, try parser.parseValue(), to: &payload)
            }
            return true
        }
        parser.skipSpace()
        guard parser.index == parser.end else { throw Failure(description: "trailing characters") }
        return payload
    }

    /// The members `EventPayload` has, by their JSON keys.
    enum Field: Int, CaseIterable {
        case courseID, pathID, courseVersion, language, cohort, attempt, choices, text, ratings, reason,
            explanation, resource

        /// The JSON key (spelled out: `"\(self)"` goes through reflection, a microsecond a time).
        var name: String {
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
            }
        }
        var bit: UInt16 { 1 << UInt16(rawValue) }

        static func named(_ key: String) -> Field? {
            allCases.first { $0.name == key }
        }

        /// Each key's bytes, for matching a key without decoding it.
        static let keys: [(field: Field, bytes: [UInt8])] = allCases.map { ($0, Array($0.name.utf8)) }
    }

    /// The field whose key starts here, when the key is one of them written without escapes;
    /// the key is then consumed. Nil, with nothing consumed, for any other key.
    private mutating func knownKey() -> Field? {
        guard index < end, bytes[index] == UInt8(ascii: "\"") else { return nil }
        var close = index + 1
        while close < end, bytes[close] != UInt8(ascii: "\""), bytes[close] != UInt8(ascii: "\\") { close += 1 }
        guard close < end, bytes[close] == UInt8(ascii: "\"") else { return nil }
        let key = UnsafeBufferPointer(rebasing: bytes[index + 1..<close])
        for candidate in Self.Field.keys where candidate.bytes.count == key.count {
            let same = candidate.bytes.withUnsafeBufferPointer { name in
                var offset = 0
                while offset < name.count, name[offset] == key[offset] { offset += 1 }
                return offset == name.count
            }
            if same {
                index = close + 1
                return candidate.field
            }
        }
        return nil
    }

    /// Reads the value here straight into `field` when it has the type the field takes, as
    /// nearly every stored payload does; false, with nothing consumed, otherwise (the value is
    /// then read whole and judged by `apply`, which gives the same result or the same error).
    private mutating func read(_ field: Field, into payload: inout EventPayload) throws(Failure) -> Bool {
        guard index < end else { return false }
        let start = index
        let first = bytes[index]
        if first == UInt8(ascii: "\"") {
            let text = try parseString()
            switch field {
            case .courseID: payload.courseID = text
            case .pathID: payload.pathID = text
            case .courseVersion: payload.courseVersion = text
            case .language: payload.language = text
            case .cohort: payload.cohort = text
            case .text: payload.text = text
            case .explanation: payload.explanation = text
            case .resource: payload.resource = text
            case .reason:
                guard let reason = WaiverReason(rawValue: text) else {
                    throw Failure(description: "unknown waiver reason \"\(text)\"")
                }
                payload.reason = reason
            case .attempt, .choices, .ratings:
                index = start
                return false
            }
            return true
        }
        switch field {
        case .attempt where first == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first):
            guard case .number(let number) = try parseNumber() else { return false }
            payload.attempt = try Self.integer(number, "attempt")
            return true
        case .choices where first == UInt8(ascii: "["):
            // Strings only; anything else goes the whole way (and is refused there).
            index += 1
            var choices: [String] = []
            let read = try elements(closing: UInt8(ascii: "]")) { parser throws(Failure) in
                guard parser.index < parser.end, parser.bytes[parser.index] == UInt8(ascii: "\"") else { return false }
                choices.append(try parser.parseString())
                return true
            }
            guard read else {
                index = start
                return false
            }
            payload.choices = choices
            return true
        case .ratings where first == UInt8(ascii: "{"):
            // Items rated with whole numbers; anything else goes the whole way.
            index += 1
            var ratings: [String: Int] = [:]
            let read = try elements(closing: UInt8(ascii: "}")) { parser throws(Failure) in
                let item = try parser.parseString()
                try parser.expect(UInt8(ascii: ":"))
                guard case .number(let value) = try parser.parseValue(), let score = Self.wholeNumber(value) else {
                    return false
                }
                ratings[item] = score
                return true
            }
            guard read else {
                index = start
                return false
            }
            payload.ratings = ratings
            return true
        default:
            return false
        }
    }

    /// Sets the field `key` names, as `JSONDecoder` would.
    private static func apply(_ key: String, _ value: Value, to payload: inout EventPayload) throws(Failure) {
        switch (key, value) {
        case ("courseID", .string(let s)): payload.courseID = s
        case ("pathID", .string(let s)): payload.pathID = s
        case ("courseVersion", .string(let s)): payload.courseVersion = s
        case ("language", .string(let s)): payload.language = s
        case ("cohort", .string(let s)): payload.cohort = s
        case ("attempt", .number(let n)): payload.attempt = try integer(n, key)
        case ("choices", .array(let items)):
            payload.choices = try items.map { item throws(Failure) in
                guard case .string(let s) = item else { throw Failure(description: "choices") }
                return s
            }
        case ("text", .string(let s)): payload.text = s
        case ("ratings", .object(let items)):
            var ratings: [String: Int] = [:]
            for (item, value) in items {
                guard case .number(let n) = value else { throw Failure(description: "ratings") }
                ratings[item] = try integer(n, item)
            }
            payload.ratings = ratings
        case ("reason", .string(let s)):
            guard let reason = WaiverReason(rawValue: s) else {
                throw Failure(description: "unknown waiver reason \"\(s)\"")
            }
            payload.reason = reason
        case ("explanation", .string(let s)): payload.explanation = s
        case ("resource", .string(let s)): payload.resource = s
        case (_, .null): return
        case ("courseID", _), ("pathID", _), ("courseVersion", _), ("language", _), ("cohort", _),
            ("attempt", _), ("choices", _), ("text", _), ("ratings", _), ("reason", _),
            ("explanation", _), ("resource", _):
            throw Failure(description: "\"\(key)\" has the wrong type")
        default: return
        }
    }

    private static func integer(_ value: Double, _ key: String) throws(Failure) -> Int {
        guard let int = wholeNumber(value) else { throw Failure(description: "\"\(key)\" is not an integer") }
        return int
    }

    /// A whole number as an `Int`, held at the bounds beyond them: numbers are read as
    /// `Double`, which cannot hold `Int.max` exactly, and a payload written by `JSONEncoder`
    /// with an absurd attempt must not make its log (and a store's report) unreadable.
    static func wholeNumber(_ value: Double) -> Int? {
        guard value.isFinite, value.rounded(.towardZero) == value else { return nil }
        if value >= 0x1p63 { return .max }
        if value < -0x1p63 { return .min }
        return Int(value)
    }
}
