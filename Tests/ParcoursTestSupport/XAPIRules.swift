import Foundation

/// The rules of an xAPI 1.0.3 statement, checked strictly, written from the specification
/// (github.com/adlnet/xAPI-Spec, "xAPI-Data.md", Part Two: Experience API Data; sections
/// cited as "Data 2.4.5.1"), and the rules cmi5 adds to the statements it defines
/// (github.com/AICC/CMI-5_Spec_Current, "cmi5_spec.md"; cited as "cmi5 9.5.2").
///
/// It is independent of any record store: Ralph, the tests' LRS, is lenient, and what an LRS
/// accepts today another may refuse. It reads the JSON a store would receive, not parcours'
/// Swift types, so that a property parcours writes by mistake is seen.
///
/// ```swift
/// let violations = XAPIRules.check(statementsJSON)   // [] when every statement is valid
/// ```
public enum XAPIRules {
    /// One broken rule: which statement, where in it, and the section it breaks.
    public struct Violation: Sendable, CustomStringConvertible, Equatable {
        public var statement: Int
        public var path: String
        public var rule: String
        public var message: String

        public var description: String { "statement \(statement), \(path): \(message) [\(rule)]" }
    }

    /// A JSON value as the statement carries it: a boolean is not a number here.
    public indirect enum JSON: Sendable, Equatable, Decodable {
        case string(String)
        case number(Double)
        case bool(Bool)
        case object([String: JSON])
        case array([JSON])
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
            } else if let value = try? container.decode([JSON].self) {
                self = .array(value)
            } else {
                self = .object(try container.decode([String: JSON].self))
            }
        }

        var object: [String: JSON]? { if case .object(let value) = self { value } else { nil } }
        var string: String? { if case .string(let value) = self { value } else { nil } }
        var number: Double? { if case .number(let value) = self { value } else { nil } }
    }

    /// Every violation in a JSON array of statements (what `export --xapi` writes), and,
    /// across them, Data 2.3.2: "Any Statement that voids another cannot itself be voided".
    public static func check(_ data: Data) throws -> [Violation] {
        let statements = try JSONDecoder().decode([JSON].self, from: data)
        var violations: [Violation] = []
        for (index, statement) in statements.enumerated() {
            violations += check(statement, index: index)
        }
        let voiding = Set(statements.filter(isVoiding).compactMap { $0.object?["id"]?.string })
        for (index, statement) in statements.enumerated() where isVoiding(statement) {
            if let target = statement.object?["object"]?.object?["id"]?.string, voiding.contains(target) {
                violations.append(
                    Violation(
                        statement: index, path: "object.id", rule: "Data 2.3.2",
                        message: "\(target) is a voiding statement, which cannot itself be voided"))
            }
        }
        return violations
    }

    /// xAPI's reserved verb (Data 2.3.2).
    static let voided = "http://adlnet.gov/expapi/verbs/voided"

    static func isVoiding(_ statement: JSON) -> Bool {
        statement.object?["verb"]?.object?["id"]?.string == voided
    }

    /// Every violation of one statement.
    public static func check(_ statement: JSON, index: Int = 0) -> [Violation] {
        var checker = Checker(index: index)
        checker.statement(statement)
        return checker.violations
    }

    /// Walks one statement, collecting violations.
    struct Checker {
        let index: Int
        var violations: [Violation] = []

        mutating func fail(_ path: String, _ rule: String, _ message: String) {
            violations.append(Violation(statement: index, path: path, rule: rule, message: message))
        }

        /// Data 2.2.s4.b1.b1: no null value, except inside extensions; 2.2.s4.b1.b7 and
        /// 2.2.s3.b6: no key the specification does not allow.
        mutating func keys(_ object: [String: JSON], _ path: String, allowed: Set<String>, required: Set<String> = []) {
            for key in object.keys.sorted() where !allowed.contains(key) {
                fail("\(path).\(key)", "Data 2.2", "'\(key)' is not a property of \(path)")
            }
            for key in required.sorted() where object[key] == nil {
                fail(path, "Data 2.2", "'\(key)' is required in \(path)")
            }
            for (key, value) in object.sorted(by: { $0.key < $1.key }) where value == .null {
                fail("\(path).\(key)", "Data 2.2", "null is refused outside extensions")
            }
        }

        mutating func object(_ value: JSON?, _ path: String) -> [String: JSON]? {
            guard let value else { return nil }
            guard let object = value.object else {
                fail(path, "Data 2.2", "\(path) must be a JSON object")
                return nil
            }
            // Data 2.2.s2.b1: "SHOULD NOT include properties with a value of an empty object".
            if object.isEmpty { fail(path, "Data 2.2", "\(path) is an empty object") }
            return object
        }

        mutating func string(_ value: JSON?, _ path: String) -> String? {
            guard let value else { return nil }
            guard let text = value.string else {
                fail(path, "Data 2.2", "\(path) must be a string (2.2.s4.b1.b2: no number or boolean for it)")
                return nil
            }
            return text
        }

        mutating func iri(_ value: JSON?, _ path: String, _ section: String) {
            guard let text = string(value, path) else { return }
            if !XAPIRules.isIRI(text) { fail(path, section, "'\(text)' is not an absolute IRI (Data 4.3)") }
        }

        mutating func bool(_ value: JSON?, _ path: String) {
            guard let value else { return }
            if case .bool = value { return }
            fail(path, "Data 2.2", "\(path) must be a boolean (2.2.s4.b1.b3)")
        }

        /// Data 4.2: a language map, RFC 5646 tags to strings.
        mutating func languageMap(_ value: JSON?, _ path: String) {
            guard let map = object(value, path) else { return }
            for (tag, text) in map.sorted(by: { $0.key < $1.key }) {
                if !XAPIRules.isLanguageTag(tag) {
                    fail("\(path).\(tag)", "Data 4.2", "'\(tag)' is not an RFC 5646 language tag")
                }
                if text.string == nil { fail("\(path).\(tag)", "Data 4.2", "a language map's values are strings") }
            }
        }

        /// Data 4.1: extensions map IRIs to any JSON value.
        mutating func extensions(_ value: JSON?, _ path: String) {
            guard let map = object(value, path) else { return }
            for key in map.keys.sorted() where !XAPIRules.isIRI(key) {
                fail("\(path).\(key)", "Data 4.1", "an extension's key must be an IRI, not '\(key)'")
            }
        }

        // MARK: Statement

        /// Data 2.4: the statement's properties; 2.2.s2.b3: actor, verb and object are
        /// required. parcours, as the Learning Record Provider, also always sets id and
        /// timestamp (cmi5 9.7: every statement has one), and never the properties the LRS
        /// sets (2.4.8 stored, 2.4.9 authority) nor version (2.4.10).
        mutating func statement(_ value: JSON) {
            guard let statement = object(value, "statement") else { return }
            keys(
                statement, "statement",
                allowed: ["id", "actor", "verb", "object", "result", "context", "timestamp", "attachments"],
                required: ["id", "actor", "verb", "object", "timestamp"])
            if let id = string(statement["id"], "id"), !XAPIRules.isUUID(id) {
                fail("id", "Data 2.4.1", "'\(id)' is not a UUID (Data 4.4)")
            }
            agent(statement["actor"], "actor")
            let verb = self.verb(statement["verb"])
            let objectType = activity(statement["object"], "object", isStatementObject: true)
            // Data 2.3.2.s2.b1, b2: a voiding statement's object is a StatementRef with the
            // voided statement's id.
            if verb == XAPIRules.voided, objectType != "StatementRef" {
                fail("object.objectType", "Data 2.3.2", "a voiding statement's object must be a StatementRef")
            }
            let result = self.result(statement["result"])
            context(statement["context"], objectIsActivity: objectType == "Activity")
            if let timestamp = string(statement["timestamp"], "timestamp") {
                if !XAPIRules.isTimestamp(timestamp) {
                    fail(
                        "timestamp", "Data 2.4.7",
                        "'\(timestamp)' is not an RFC 3339 timestamp with a time zone (Data 4.5)")
                } else if !timestamp.hasSuffix("Z") && !timestamp.hasSuffix("+00:00") {
                    fail("timestamp", "cmi5 9.7", "'\(timestamp)' is not in UTC")
                }
            }
            if let verb { cmi5(verb: verb, statement: statement, result: result) }
        }

        /// Data 2.4.2.1: an Agent, identified by exactly one Inverse Functional Identifier
        /// (2.4.2.3: mbox, mbox_sha1sum, openid, account).
        mutating func agent(_ value: JSON?, _ path: String) {
            guard let agent = object(value, path) else { return }
            keys(agent, path, allowed: ["objectType", "name", "mbox", "mbox_sha1sum", "openid", "account"])
            if let type = string(agent["objectType"], "\(path).objectType"), type != "Agent" {
                fail("\(path).objectType", "Data 2.4.2.1", "parcours' actor is an Agent, not '\(type)'")
            }
            _ = string(agent["name"], "\(path).name")
            let identifiers = ["mbox", "mbox_sha1sum", "openid", "account"].filter { agent[$0] != nil }
            if identifiers.count != 1 {
                fail(
                    path, "Data 2.4.2.1",
                    "an Agent has exactly one Inverse Functional Identifier, not \(identifiers.count) (\(identifiers))")
            }
            if let mbox = string(agent["mbox"], "\(path).mbox"),
                mbox.range(of: "^mailto:[^@\\s]+@[^@\\s]+$", options: .regularExpression) == nil
            {
                fail("\(path).mbox", "Data 2.4.2.3", "'\(mbox)' is not a mailto IRI")
            }
            if let sum = string(agent["mbox_sha1sum"], "\(path).mbox_sha1sum"),
                sum.range(of: "^[0-9a-fA-F]{40}$", options: .regularExpression) == nil
            {
                fail("\(path).mbox_sha1sum", "Data 2.4.2.3", "'\(sum)' is not a hex SHA-1")
            }
            iri(agent["openid"], "\(path).openid", "Data 2.4.2.3")
            if let account = object(agent["account"], "\(path).account") {
                // Data 2.4.2.4: homePage (an IRL) and name, both required, nothing else.
                keys(account, "\(path).account", allowed: ["homePage", "name"], required: ["homePage", "name"])
                iri(account["homePage"], "\(path).account.homePage", "Data 2.4.2.4")
                if let name = string(account["name"], "\(path).account.name"), name.isEmpty {
                    fail("\(path).account.name", "Data 2.4.2.4", "the account's name is empty")
                }
            }
        }

        /// Data 2.4.3: a verb IRI and its display, a language map (recommended: parcours
        /// always writes it).
        mutating func verb(_ value: JSON?) -> String? {
            guard let verb = object(value, "verb") else { return nil }
            keys(verb, "verb", allowed: ["id", "display"], required: ["id", "display"])
            iri(verb["id"], "verb.id", "Data 2.4.3")
            languageMap(verb["display"], "verb.display")
            return verb["id"]?.string
        }

        /// Data 2.4.4.1: an Activity, its IRI and its definition. Returns its objectType.
        @discardableResult
        mutating func activity(_ value: JSON?, _ path: String, isStatementObject: Bool = false) -> String? {
            guard let activity = object(value, path) else { return nil }
            let type = string(activity["objectType"], "\(path).objectType") ?? "Activity"
            if isStatementObject, type == "StatementRef" {
                // Data 2.4.4.3: objectType and a statement's UUID, nothing else.
                keys(activity, path, allowed: ["objectType", "id"], required: ["objectType", "id"])
                if let id = string(activity["id"], "\(path).id"), !XAPIRules.isUUID(id) {
                    fail("\(path).id", "Data 2.4.4.3", "'\(id)' is not a statement's UUID (Data 4.4)")
                }
                return type
            }
            keys(activity, path, allowed: ["objectType", "id", "definition"], required: ["id"])
            if type != "Activity" {
                // parcours' objects are Activities, and a voiding statement's a StatementRef
                // (2.4.4: Agent, Group and SubStatement are the others).
                fail("\(path).objectType", "Data 2.4.4.1", "expected an Activity, not '\(type)'")
            }
            iri(activity["id"], "\(path).id", "Data 2.4.4.1")
            if let definition = object(activity["definition"], "\(path).definition") {
                let at = "\(path).definition"
                keys(
                    definition, at,
                    allowed: [
                        "name", "description", "type", "moreInfo", "extensions", "interactionType",
                        "correctResponsesPattern", "choices", "scale", "source", "target", "steps",
                    ])
                languageMap(definition["name"], "\(at).name")
                languageMap(definition["description"], "\(at).description")
                iri(definition["type"], "\(at).type", "Data 2.4.4.1")
                iri(definition["moreInfo"], "\(at).moreInfo", "Data 2.4.4.1")
                extensions(definition["extensions"], "\(at).extensions")
                if let interaction = string(definition["interactionType"], "\(at).interactionType") {
                    if !XAPIRules.interactionTypes.contains(interaction) {
                        fail("\(at).interactionType", "Data 2.4.4.1", "'\(interaction)' is not an interaction type")
                    }
                    if definition["type"]?.string != "http://adlnet.gov/expapi/activities/cmi.interaction" {
                        fail(
                            "\(at).type", "Data 2.4.4.1",
                            "an interaction activity SHOULD have the type http://adlnet.gov/expapi/activities/cmi.interaction"
                        )
                    }
                }
            }
            return type
        }

        /// Data 2.4.5 and 2.4.5.1: the result and its score.
        mutating func result(_ value: JSON?) -> [String: JSON]? {
            guard let result = object(value, "result") else { return nil }
            keys(result, "result", allowed: ["score", "success", "completion", "response", "duration", "extensions"])
            bool(result["success"], "result.success")
            bool(result["completion"], "result.completion")
            _ = string(result["response"], "result.response")
            if let duration = string(result["duration"], "result.duration") {
                if !XAPIRules.isDuration(duration) {
                    fail("result.duration", "Data 4.6", "'\(duration)' is not an ISO 8601 duration (4.4.3.2)")
                } else if !XAPIRules.hasAtMostHundredths(duration) {
                    fail("result.duration", "Data 4.6", "'\(duration)' is more precise than 0.01 s")
                }
            }
            extensions(result["extensions"], "result.extensions")
            if let score = object(result["score"], "result.score") {
                keys(score, "result.score", allowed: ["scaled", "raw", "min", "max"])
                var numbers: [String: Double] = [:]
                for key in ["scaled", "raw", "min", "max"] {
                    guard let value = score[key] else { continue }
                    guard let number = value.number else {
                        fail("result.score.\(key)", "Data 2.4.5.1", "a score's \(key) is a number (2.2.s4.b1.b2)")
                        continue
                    }
                    numbers[key] = number
                }
                if let scaled = numbers["scaled"], !(-1...1).contains(scaled) {
                    fail("result.score.scaled", "Data 2.4.5.1", "scaled \(scaled) is outside -1...1")
                }
                if let min = numbers["min"], let max = numbers["max"], !(min < max) {
                    fail("result.score", "Data 2.4.5.1", "min \(min) must be less than max \(max)")
                }
                if let raw = numbers["raw"] {
                    if let min = numbers["min"], raw < min {
                        fail("result.score.raw", "Data 2.4.5.1", "raw \(raw) is under min \(min)")
                    }
                    if let max = numbers["max"], raw > max {
                        fail("result.score.raw", "Data 2.4.5.1", "raw \(raw) is over max \(max)")
                    }
                }
            }
            return result
        }

        /// Data 2.4.6: the context.
        mutating func context(_ value: JSON?, objectIsActivity: Bool) {
            guard let context = object(value, "context") else { return }
            keys(
                context, "context",
                allowed: [
                    "registration", "instructor", "team", "contextActivities", "revision", "platform", "language",
                    "statement", "extensions",
                ])
            if let registration = string(context["registration"], "context.registration"),
                !XAPIRules.isUUID(registration)
            {
                fail("context.registration", "Data 2.4.6", "'\(registration)' is not a UUID (Data 4.4)")
            }
            if !objectIsActivity {
                for key in ["revision", "platform"] where context[key] != nil {
                    fail("context.\(key)", "Data 2.4.6", "'\(key)' only when the object is an Activity")
                }
            }
            if let language = string(context["language"], "context.language"), !XAPIRules.isLanguageTag(language) {
                fail("context.language", "Data 2.4.6", "'\(language)' is not an RFC 5646 language tag")
            }
            if context["instructor"] != nil { agent(context["instructor"], "context.instructor") }
            extensions(context["extensions"], "context.extensions")
            // Data 2.4.6.2: parent, grouping, category, other; each an array of Activities
            // (2.4.6.2.s4.b5: a Learning Record Provider SHOULD send arrays).
            if let activities = object(context["contextActivities"], "context.contextActivities") {
                keys(activities, "context.contextActivities", allowed: ["parent", "grouping", "category", "other"])
                for (key, list) in activities.sorted(by: { $0.key < $1.key }) {
                    let path = "context.contextActivities.\(key)"
                    guard case .array(let items) = list, !items.isEmpty else {
                        fail(path, "Data 2.4.6.2", "\(key) must be a non-empty array of Activities")
                        continue
                    }
                    for (position, item) in items.enumerated() { activity(item, "\(path)[\(position)]") }
                }
            }
        }
    }
}
