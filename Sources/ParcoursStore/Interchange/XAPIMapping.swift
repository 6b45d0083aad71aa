import Foundation
import ParcoursCore

/// Turns one enrollment's log into xAPI 1.0.3 statements, one statement per event.
///
/// The table, documented for facilitators in `docs/facilitators.md` ("xAPI export"):
///
/// | event | verb |
/// |---|---|
/// | started | initialized |
/// | entered | progressed |
/// | answered, rated | answered (a graded answer: passed or failed) |
/// | completed | completed |
/// | waived | waived (cmi5) |
/// | noted | commented |
/// | saved | preferred |
/// | paused, suspended | suspended |
/// | unpaused, resumed | resumed |
/// | finished | terminated |
/// | restored | restored (a parcours verb: a step set aside, taken back) |
///
/// Statement ids are UUID v5 of (home page, participant, course, path, attempt, seq), so an
/// export repeated tomorrow gives the same ids and a record store keeps one copy.
public struct XAPIMapping: Sendable {
    /// The default for both the account home page and the activity IRIs: a reserved
    /// domain (RFC 2606) that can never name somebody else's site.
    public static let defaultBase = "https://parcours.invalid"

    /// The namespace of statement and registration ids.
    static let namespace = UUIDv5.make(namespace: UUIDv5.url, name: "https://parcours.invalid/xapi")

    /// The `account.homePage` of every actor.
    public var homePage: String
    /// The start of every activity and extension IRI.
    public var activityBase: String
    /// Installed courses by id; with one, questions are graded and steps get a type.
    public var courses: [String: Course]

    public init(
        homePage: String = XAPIMapping.defaultBase, activityBase: String = XAPIMapping.defaultBase,
        courses: [String: Course] = [:]
    ) {
        self.homePage = Self.trimmed(homePage)
        self.activityBase = Self.trimmed(activityBase)
        self.courses = courses
    }

    /// What the statements of one enrollment need to know about it.
    public struct Attempt: Sendable {
        public var participant: String
        public var courseID: String
        public var pathID: String
        public var courseVersion: String
        public var cohort: String?
        public var attempt: Int

        public init(
            participant: String, courseID: String, pathID: String, courseVersion: String,
            cohort: String?, attempt: Int
        ) {
            self.participant = participant
            self.courseID = courseID
            self.pathID = pathID
            self.courseVersion = courseVersion
            self.cohort = cohort
            self.attempt = attempt
        }
    }

    /// The verb IRIs, by the name used in the table above.
    public enum Verb {
        public static let initialized = "http://adlnet.gov/expapi/verbs/initialized"
        public static let progressed = "http://adlnet.gov/expapi/verbs/progressed"
        public static let answered = "http://adlnet.gov/expapi/verbs/answered"
        public static let passed = "http://adlnet.gov/expapi/verbs/passed"
        public static let failed = "http://adlnet.gov/expapi/verbs/failed"
        public static let completed = "http://adlnet.gov/expapi/verbs/completed"
        public static let waived = "https://w3id.org/xapi/adl/verbs/waived"
        public static let commented = "http://adlnet.gov/expapi/verbs/commented"
        public static let preferred = "http://adlnet.gov/expapi/verbs/preferred"
        public static let suspended = "http://adlnet.gov/expapi/verbs/suspended"
        public static let resumed = "http://adlnet.gov/expapi/verbs/resumed"
        public static let terminated = "http://adlnet.gov/expapi/verbs/terminated"
        /// No shared vocabulary has a verb for lifting a waiver: parcours names its own.
        public static let restored = "https://parcours.invalid/xapi/verbs/restored"
    }

    /// The verb of each event type: the one-to-one vocabulary of ARCHITECTURE.md.
    public static func verb(for type: EventType) -> XAPIVerb {
        let (id, display): (String, String) =
            switch type {
            case .started: (Verb.initialized, "initialized")
            case .entered: (Verb.progressed, "progressed")
            case .answered, .rated: (Verb.answered, "answered")
            case .completed: (Verb.completed, "completed")
            case .waived: (Verb.waived, "waived")
            case .noted: (Verb.commented, "commented")
            case .saved: (Verb.preferred, "preferred")
            case .paused, .suspended: (Verb.suspended, "suspended")
            case .unpaused, .resumed: (Verb.resumed, "resumed")
            case .finished: (Verb.terminated, "terminated")
            case .restored: (Verb.restored, "restored")
            }
        return XAPIVerb(id: id, display: ["en-US": display])
    }

    /// One statement per event, in log order.
    public func statements(for attempt: Attempt, events: [Event]) -> [XAPIStatement] {
        var progress = LearnerProgress()
        var language: String?
        let actor = XAPIAgent(
            name: attempt.participant,
            account: XAPIAgent.Account(homePage: homePage, name: attempt.participant))
        let identity = [homePage, attempt.participant, attempt.courseID, attempt.pathID, "\(attempt.attempt)"]
        let registration = UUIDv5.make(
            namespace: Self.namespace, name: (["registration"] + identity).joined(separator: "\u{1F}"))
        return events.map { event in
            progress.apply(event)
            if event.type == .started { language = event.payload.language }
            let id = UUIDv5.make(
                namespace: Self.namespace, name: (identity + ["\(event.seq)"]).joined(separator: "\u{1F}"))
            var statement = XAPIStatement(
                id: id.uuidString.lowercased(), actor: actor, verb: Self.verb(for: event.type),
                object: object(for: event, attempt), result: nil, context: nil,
                timestamp: RFC3339.string(event.at, precision: .milliseconds))
            let result = self.result(for: event, attempt, progress)
            statement.result = result.isEmpty ? nil : result
            // A quiz answer the course can grade says so in its verb, as ADL's vocabulary has it.
            if event.type == .answered, let success = result.success {
                statement.verb = XAPIVerb(
                    id: success ? Verb.passed : Verb.failed, display: ["en-US": success ? "passed" : "failed"])
            }
            statement.context = context(
                for: event, attempt, registration: registration.uuidString.lowercased(), language: language)
            return statement
        }
    }

    /// The statements as a JSON array, pretty-printed with sorted keys.
    public static func encode(_ statements: [XAPIStatement]) throws -> Data {
        var data = try JSONEscaping.encode(statements)
        data.append(0x0A)
        return data
    }

    // MARK: - Activities

    func courseIRI(_ course: String) -> String {
        "\(activityBase)/courses/\(Self.component(course))"
    }

    func pathIRI(_ attempt: Attempt) -> String {
        "\(courseIRI(attempt.courseID))/paths/\(Self.component(attempt.pathID))"
    }

    func stepIRI(_ attempt: Attempt, _ step: String) -> String {
        "\(pathIRI(attempt))/steps/\(Self.component(step))"
    }

    func extensionIRI(_ name: String) -> String {
        "\(activityBase)/xapi/extensions/\(name)"
    }

    private func object(for event: Event, _ attempt: Attempt) -> XAPIActivity {
        if event.type == .saved, let resource = event.payload.resource {
            return XAPIActivity(
                id: "\(courseIRI(attempt.courseID))/resources/\(Self.component(resource))",
                definition: .init(type: "http://adlnet.gov/expapi/activities/link"))
        }
        guard let step = event.stepID, event.type != .started, event.type != .finished else {
            return pathActivity(attempt)
        }
        return XAPIActivity(id: stepIRI(attempt, step), definition: stepDefinition(attempt, step))
    }

    private func pathActivity(_ attempt: Attempt) -> XAPIActivity {
        XAPIActivity(id: pathIRI(attempt), definition: .init(type: "http://adlnet.gov/expapi/activities/module"))
    }

    /// A step's type comes from the course, so every statement about a step agrees on it.
    private func stepDefinition(_ attempt: Attempt, _ step: String) -> XAPIActivity.Definition? {
        guard let kind = courses[attempt.courseID]?.steps[step] else { return nil }
        let interaction = "http://adlnet.gov/expapi/activities/cmi.interaction"
        switch kind.kind {
        case .question:
            return .init(type: interaction, interactionType: kind.answer == .text ? "fill-in" : "choice")
        case .assessment:
            return .init(type: interaction, interactionType: "likert")
        default:
            return .init(type: "http://adlnet.gov/expapi/activities/lesson")
        }
    }

    // MARK: - Results and context

    private func result(for event: Event, _ attempt: Attempt, _ progress: LearnerProgress) -> XAPIResult {
        var result = XAPIResult()
        let payload = event.payload
        switch event.type {
        case .answered where payload.checked != nil && payload.choices == nil && payload.text == nil:
            // An activity's self-check: the items ticked, ungraded.
            result.duration = XAPIDuration.format(milliseconds: event.activeMilliseconds)
            result.response = (payload.checked ?? []).joined(separator: "[,]")
            result.extensions = [extensionIRI("checked"): .array((payload.checked ?? []).map(JSONValue.string))]
        case .answered:
            result.duration = XAPIDuration.format(milliseconds: event.activeMilliseconds)
            if let text = payload.text {
                result.response = text
            } else {
                result.response = (payload.choices ?? []).joined(separator: "[,]")
            }
            // The order the learner saw the choices in (their seed's), when it is not the
            // written one: a record store reads the response against it.
            if payload.text == nil, progress.seed != nil, let step = event.stepID,
                let definition = courses[attempt.courseID]?.steps[step], definition.kind == .question
            {
                let shown = ChoiceOrder.choices(of: definition, seed: progress.seed)
                if shown != definition.choices {
                    result.extensions = [extensionIRI("choice-order"): .array(shown.map { .string($0.id) })]
                }
            }
            if let step = event.stepID, let definition = courses[attempt.courseID]?.steps[step],
                definition.isGraded, payload.text == nil
            {
                let success = Set(payload.choices ?? []) == definition.correctChoices
                result.success = success
                result.score = .init(scaled: success ? 1 : 0, raw: success ? 1 : 0, min: 0, max: 1)
            }
        case .rated:
            let ratings = payload.ratings ?? [:]
            result.duration = XAPIDuration.format(milliseconds: event.activeMilliseconds)
            result.response = ratings.sorted { $0.key < $1.key }.map { "\($0.value)" }.joined(separator: "[,]")
            result.extensions = [
                extensionIRI("ratings"): .object(ratings.mapValues { .number(Double($0)) })
            ]
        case .completed:
            result.completion = true
            if let step = event.stepID {
                result.duration = XAPIDuration.format(milliseconds: progress.activeMilliseconds(onStep: step))
            }
        case .waived:
            result.completion = true
            result.success = true
            var extensions: [String: JSONValue] = [
                "https://w3id.org/xapi/cmi5/result/extensions/reason": .string(
                    (payload.reason ?? .learner).rawValue)
            ]
            if let explanation = payload.explanation {
                extensions[extensionIRI("explanation")] = .string(explanation)
            }
            result.extensions = extensions
        case .noted:
            result.response = payload.text ?? ""
        case .suspended, .paused:
            result.duration = XAPIDuration.format(milliseconds: progress.sittings.last?.activeMilliseconds ?? 0)
        case .finished:
            result.completion = true
            result.duration = XAPIDuration.format(milliseconds: progress.activeMilliseconds)
        case .started, .entered, .saved, .unpaused, .resumed, .restored:
            break
        }
        return result
    }

    private func context(
        for event: Event, _ attempt: Attempt, registration: String, language: String?
    ) -> XAPIContext {
        let course = XAPIActivity(
            id: courseIRI(attempt.courseID), definition: .init(type: "http://adlnet.gov/expapi/activities/course"))
        let onPath = event.type == .started || event.type == .finished || event.stepID == nil
        var extensions: [String: JSONValue] = [
            extensionIRI("course-version"): .string(attempt.courseVersion),
            extensionIRI("attempt"): .number(Double(attempt.attempt)),
            extensionIRI("event"): .string(event.type.rawValue),
        ]
        if let cohort = attempt.cohort { extensions[extensionIRI("cohort")] = .string(cohort) }
        if event.type == .started, let seed = event.payload.seed {
            extensions[extensionIRI("seed")] = .number(Double(seed))
        }
        return XAPIContext(
            registration: registration,
            contextActivities: .init(
                parent: onPath && event.type != .saved ? nil : [pathActivity(attempt)], grouping: [course]),
            language: language, extensions: extensions)
    }

    // MARK: - Helpers

    private static func trimmed(_ base: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base
    }

    /// An id as one IRI path segment.
    static func component(_ id: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(
            CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
