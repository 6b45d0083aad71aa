import Foundation

/// An xAPI 1.0.3 statement, with only the properties parcours writes.
///
/// Optional properties that are nil are left out of the JSON, as the specification asks
/// ("an LRS must reject… null values" for most properties).
public struct XAPIStatement: Sendable, Equatable, Codable {
    public var id: String
    public var actor: XAPIAgent
    public var verb: XAPIVerb
    public var object: XAPIObject
    public var result: XAPIResult?
    public var context: XAPIContext?
    /// RFC 3339 with milliseconds, in UTC.
    public var timestamp: String
}

/// The learner: an account on the facilitator's system, never an e-mail address.
public struct XAPIAgent: Sendable, Equatable, Codable {
    public struct Account: Sendable, Equatable, Codable {
        public var homePage: String
        public var name: String
    }

    public var objectType = "Agent"
    public var name: String?
    public var account: Account
}

/// What a statement is about: an activity, or, for a voiding statement, the statement it
/// voids (xAPI Data 2.3.2, 2.4.4.3: `{"objectType": "StatementRef", "id": UUID}`).
public enum XAPIObject: Sendable, Equatable, Codable {
    case activity(XAPIActivity)
    case statementRef(id: String)

    /// The activity's IRI, or the referenced statement's id.
    public var id: String {
        switch self {
        case .activity(let activity): activity.id
        case .statementRef(let id): id
        }
    }

    /// The activity, unless the object is a statement reference.
    public var activity: XAPIActivity? {
        if case .activity(let activity) = self { activity } else { nil }
    }

    private enum Keys: String, CodingKey { case objectType, id }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        if try container.decodeIfPresent(String.self, forKey: .objectType) == "StatementRef" {
            self = .statementRef(id: try container.decode(String.self, forKey: .id))
        } else {
            self = .activity(try XAPIActivity(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .activity(let activity):
            try activity.encode(to: encoder)
        case .statementRef(let id):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode("StatementRef", forKey: .objectType)
            try container.encode(id, forKey: .id)
        }
    }
}

/// A verb IRI with its English display.
public struct XAPIVerb: Sendable, Equatable, Codable {
    public var id: String
    public var display: [String: String]
}

/// A course, path, step or resource, identified by an IRI.
public struct XAPIActivity: Sendable, Equatable, Codable {
    public struct Definition: Sendable, Equatable, Codable {
        public var type: String?
        public var interactionType: String?
    }

    public var objectType = "Activity"
    public var id: String
    public var definition: Definition?
}

public struct XAPIResult: Sendable, Equatable, Codable {
    public struct Score: Sendable, Equatable, Codable {
        public var scaled: Double?
        public var raw: Double?
        public var min: Double?
        public var max: Double?
    }

    public var score: Score?
    public var success: Bool?
    public var completion: Bool?
    public var response: String?
    /// ISO 8601, e.g. `PT1M30.5S`.
    public var duration: String?
    public var extensions: [String: JSONValue]?

    var isEmpty: Bool {
        score == nil && success == nil && completion == nil && response == nil && duration == nil
            && extensions == nil
    }
}

public struct XAPIContext: Sendable, Equatable, Codable {
    public struct Activities: Sendable, Equatable, Codable {
        public var parent: [XAPIActivity]?
        public var grouping: [XAPIActivity]?
    }

    /// The attempt: every statement of one enrollment shares it.
    public var registration: String?
    public var contextActivities: Activities?
    /// RFC 5646 language tag of the course as the learner read it.
    public var language: String?
    public var extensions: [String: JSONValue]?
}

/// Any JSON value, for xAPI extensions.
public enum JSONValue: Sendable, Equatable, Codable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case object([String: JSONValue])
    case array([JSONValue])
    case null

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .string(let value): try container.encode(value)
        case .number(let value): try container.encode(value)
        case .bool(let value): try container.encode(value)
        case .object(let value): try container.encode(value)
        case .array(let value): try container.encode(value)
        case .null: try container.encodeNil()
        }
    }
}

/// ISO 8601 durations as xAPI writes them: `PT0S`, `PT1M1.5S`, `PT2H`.
public enum XAPIDuration {
    /// Hours, minutes and seconds, to the hundredth of a second at most (xAPI Data 4.6:
    /// "a maximum precision of 0.01 seconds"; cmi5 follows it); no days, so that no calendar
    /// is implied. The milliseconds are truncated, not rounded, as an LRS truncates a longer
    /// duration (4.6), so that the LRS keeps the value parcours sent: 6 ms is `PT0S`.
    public static func format(milliseconds: Int) -> String {
        let total = max(0, milliseconds)
        let hours = total / 3_600_000
        let minutes = total / 60_000 % 60
        let seconds = total / 1000 % 60
        let hundredths = total % 1000 / 10
        var text = "PT"
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if seconds > 0 || hundredths > 0 || (hours == 0 && minutes == 0) {
            text += "\(seconds)"
            if hundredths > 0 {
                var digits = String(format: "%02d", hundredths)
                while digits.hasSuffix("0") { digits.removeLast() }
                text += ".\(digits)"
            }
            text += "S"
        }
        return text
    }
}
