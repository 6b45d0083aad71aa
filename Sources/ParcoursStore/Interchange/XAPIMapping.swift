import Foundation
import ParcoursCore

/// Turns one enrollment's log into xAPI 1.0.3 statements, shaped as cmi5 readers expect.
///
/// Each event gives one statement, and two events give more (`finished`, and a `resumed`
/// that follows a sitting left without `suspended`). The table, documented for facilitators
/// in `docs/facilitators.md` ("xAPI export"), with the cmi5 sections it follows:
///
/// | event | statements |
/// |---|---|
/// | started | initialized (cmi5 9.3.2) |
/// | entered | progressed |
/// | answered, rated | answered; a graded answer: passed or failed, with a score |
/// | completed | completed, with the step's active time (cmi5 9.3.3, 9.5.4.1) |
/// | waived | waived, with cmi5's reason (cmi5 9.3.7, 9.5.5.2) |
/// | noted | commented |
/// | saved | preferred |
/// | paused, suspended | suspended |
/// | unpaused | resumed |
/// | resumed | abandoned (cmi5 9.3.6, 9.5.4.2) for a sitting left without `suspended`, then resumed |
/// | finished | completed for the path; passed or failed for it with a `masteryScore` (cmi5 9.3.4, 9.3.5, 9.6.3.2); satisfied for the path as a block (cmi5 9.3.9); terminated (cmi5 9.3.8) |
/// | restored | restored (a parcours verb: a step set aside, taken back) |
/// | started of an attempt that `resets` an earlier one | voided (xAPI Data 2.3.2), one per statement of the attempt replaced, before initialized |
///
/// parcours emits cmi5-*shaped* statements: the verbs, results and extensions cmi5 defines,
/// where it defines them. It is no cmi5 LMS launch: there is no launch, no session id, no
/// cmi5 category, so these are plain xAPI statements to a cmi5 reader.
///
/// Statement ids are UUID v5 of (home page, participant, course, path, attempt, seq), and
/// of the verb too for the statements an event gives beyond its first, so an export repeated
/// tomorrow gives the same ids and a record store keeps one copy.
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
        public static let abandoned = "https://w3id.org/xapi/adl/verbs/abandoned"
        public static let satisfied = "https://w3id.org/xapi/adl/verbs/satisfied"
        public static let commented = "http://adlnet.gov/expapi/verbs/commented"
        public static let preferred = "http://adlnet.gov/expapi/verbs/preferred"
        public static let suspended = "http://adlnet.gov/expapi/verbs/suspended"
        public static let resumed = "http://adlnet.gov/expapi/verbs/resumed"
        public static let terminated = "http://adlnet.gov/expapi/verbs/terminated"
        /// xAPI's one reserved verb (Data 2.3.2): its object is the statement it voids.
        public static let voided = "http://adlnet.gov/expapi/verbs/voided"
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

    /// The cmi5 IRIs parcours uses (cmi5 9.3, 9.5.5.2, 9.6.3.2).
    public enum CMI5 {
        /// cmi5 9.5.5.2: a result extension, required on `waived`.
        public static let reason = "https://w3id.org/xapi/cmi5/result/extensions/reason"
        /// cmi5 9.6.3.2: a context extension on `passed`/`failed` judged by a mastery score.
        public static let masteryScore = "https://w3id.org/xapi/cmi5/context/extensions/masteryscore"
        /// cmi5 9.3.9: the type of the object of a `satisfied` statement about a block.
        public static let block = "https://w3id.org/xapi/cmi5/activitytype/block"
    }

    /// cmi5's waiver reason for parcours' (cmi5 9.5.5.2: "Tested Out", "Equivalent AU",
    /// "Equivalent Outside Activity", "Administrative"; the value SHOULD be one of these).
    ///
    /// - `tested-out`: "Tested Out", the same meaning;
    /// - `time-budget`: "Administrative": the path's time budget, which the course and the
    ///   facilitator set, set the step aside; no person did, but neither did the learner;
    /// - `learner`: the learner chose to skip the step. None of cmi5's values says that, and
    ///   "Administrative" would say somebody else decided, so parcours writes "Learner",
    ///   outside cmi5's list rather than untrue. The parcours reason is always in the
    ///   extension `…/xapi/extensions/waiver-reason` too.
    public static func cmi5Reason(_ reason: WaiverReason) -> String {
        switch reason {
        case .testedOut: "Tested Out"
        case .timeBudget: "Administrative"
        case .learner: "Learner"
        }
    }

    /// The statements of one enrollment's log, in log order; `replacing`: see
    /// `sourcedStatements`.
    public func statements(for attempt: Attempt, events: [Event], replacing: [XAPIStatement] = []) -> [XAPIStatement] {
        sourcedStatements(for: attempt, events: events, replacing: replacing).map(\.statement)
    }

    /// The statements of one enrollment's log, in log order, each with the `seq` of the event
    /// it comes from (an `abandoned` comes from the `resumed` that reveals it, the path's
    /// outcome from `finished`): a push sends the statements of the events it sends.
    ///
    /// `replacing` holds the statements of the attempt this one replaces (its `started`
    /// event `resets` it, `parcours reset`): each is voided at the start, by a `voided`
    /// statement of the learner (xAPI Data 2.3.2) sourced from the `started` event. Voiding
    /// statements among them are left alone: one cannot be voided.
    public func sourcedStatements(for attempt: Attempt, events: [Event], replacing: [XAPIStatement] = [])
        -> [(seq: Int, statement: XAPIStatement)]
    {
        var progress = LearnerProgress()
        var language: String?
        let actor = XAPIAgent(
            name: attempt.participant,
            account: XAPIAgent.Account(homePage: homePage, name: attempt.participant))
        let identity = [homePage, attempt.participant, attempt.courseID, attempt.pathID, "\(attempt.attempt)"]
        let registration = UUIDv5.make(
            namespace: Self.namespace, name: (["registration"] + identity).joined(separator: "\u{1F}")
        ).uuidString.lowercased()
        var statements: [(seq: Int, statement: XAPIStatement)] = []
        statements.reserveCapacity(events.count + 4)
        for event in events {
            // A sitting the learner did not leave (killed, or closed while idle): the log has
            // no `suspended` for it, and the next `resumed` opens another one.
            if event.type == .resumed, !progress.sittings.isEmpty, !progress.hasLeft {
                let statement = abandoned(
                    at: event, progress, attempt, actor: actor, identity: identity, registration: registration,
                    language: language)
                statements.append((event.seq, statement))
            }
            progress.apply(event)
            if event.type == .started {
                language = event.payload.language
                statements += voiding(
                    replacing, at: event, actor: actor, identity: identity, registration: registration
                )
                .map { (event.seq, $0) }
            }
            let id = Self.statementID(identity, seq: event.seq)
            var statement = XAPIStatement(
                id: id, actor: actor, verb: Self.verb(for: event.type),
                object: .activity(object(for: event, attempt)), result: nil, context: nil,
                timestamp: RFC3339.string(event.at, precision: .milliseconds))
            let result = self.result(for: event, attempt, progress)
            statement.result = result.isEmpty ? nil : result
            // A quiz answer the course can grade says so in its verb, as ADL's vocabulary has it.
            if event.type == .answered, let success = result.success {
                statement.verb = XAPIVerb(
                    id: success ? Verb.passed : Verb.failed, display: ["en-US": success ? "passed" : "failed"])
            }
            statement.context = context(for: event, attempt, registration: registration, language: language)
            if event.type == .finished {
                statements += pathOutcome(
                    of: event, progress, attempt, template: statement, identity: identity
                ).map { (event.seq, $0) }
            }
            statements.append((event.seq, statement))
        }
        return statements
    }

    /// A statement's id: the event's, and for a statement an event gives beyond its first,
    /// the event's with the verb's name.
    static func statementID(_ identity: [String], seq: Int, extra: String? = nil) -> String {
        let name = identity + ["\(seq)"] + (extra.map { [$0] } ?? [])
        return UUIDv5.make(namespace: Self.namespace, name: name.joined(separator: "\u{1F}")).uuidString.lowercased()
    }

    /// `voided` for each of `replaced` (each id once, no voiding statement), at the time of
    /// `event`, the `started` of the attempt that replaces them; each id is the started
    /// event's with the voided statement's id.
    private func voiding(
        _ replaced: [XAPIStatement], at event: Event, actor: XAPIAgent, identity: [String], registration: String
    ) -> [XAPIStatement] {
        var seen: Set<String> = []
        return replaced.compactMap { target in
            guard target.verb.id != Verb.voided, seen.insert(target.id).inserted else { return nil }
            return XAPIStatement(
                id: Self.statementID(identity, seq: event.seq, extra: "voided \(target.id)"), actor: actor,
                verb: XAPIVerb(id: Verb.voided, display: ["en-US": "voided"]), object: .statementRef(id: target.id),
                result: nil, context: XAPIContext(registration: registration),
                timestamp: RFC3339.string(event.at, precision: .milliseconds))
        }
    }

    /// `abandoned` for the sitting open before `event` (a `resumed`): its active time, at
    /// the time of its last event, the last moment the log saw it (cmi5 9.3.6, 9.5.4.2).
    private func abandoned(
        at event: Event, _ progress: LearnerProgress, _ attempt: Attempt, actor: XAPIAgent, identity: [String],
        registration: String, language: String?
    ) -> XAPIStatement {
        var result = XAPIResult()
        result.duration = XAPIDuration.format(milliseconds: progress.sittings.last?.activeMilliseconds ?? 0)
        var context = self.context(for: event, attempt, registration: registration, language: language)
        context.contextActivities?.parent = nil
        return XAPIStatement(
            id: Self.statementID(identity, seq: event.seq, extra: "abandoned"), actor: actor,
            verb: XAPIVerb(id: Verb.abandoned, display: ["en-US": "abandoned"]),
            object: .activity(pathActivity(attempt)),
            result: result, context: context,
            timestamp: RFC3339.string(progress.lastEventAt ?? event.at, precision: .milliseconds))
    }

    /// What finishing the path says about it, before `terminated` (`template`): `completed`
    /// with the attempt's active time; `passed` or `failed` when the path has a mastery
    /// score and the learner was shown a graded question; `satisfied` for the path as a
    /// block when it is completed and, with a mastery score, passed.
    private func pathOutcome(
        of event: Event, _ progress: LearnerProgress, _ attempt: Attempt, template: XAPIStatement, identity: [String]
    ) -> [XAPIStatement] {
        let duration = XAPIDuration.format(milliseconds: progress.activeMilliseconds)
        func statement(_ verb: String, _ display: String, _ result: XAPIResult?) -> XAPIStatement {
            var statement = template
            statement.id = Self.statementID(identity, seq: event.seq, extra: display)
            statement.verb = XAPIVerb(id: verb, display: ["en-US": display])
            statement.result = result
            return statement
        }
        var completed = XAPIResult()
        completed.completion = true
        completed.duration = duration
        var outcome = [statement(Verb.completed, "completed", completed)]
        var satisfied = true
        if let mastery = courses[attempt.courseID]?.path(attempt.pathID)?.masteryScore,
            let score = pathScore(progress, attempt)
        {
            let scaled = Double(score.raw) / Double(score.max)
            let passed = scaled >= mastery
            satisfied = passed
            var result = XAPIResult()
            result.success = passed
            result.duration = duration
            result.score = .init(scaled: scaled, raw: Double(score.raw), min: 0, max: Double(score.max))
            var judged = statement(passed ? Verb.passed : Verb.failed, passed ? "passed" : "failed", result)
            judged.context?.extensions?[CMI5.masteryScore] = .number(mastery)
            outcome.append(judged)
        }
        if satisfied {
            var block = statement(Verb.satisfied, "satisfied", nil)
            block.object = .activity(XAPIActivity(id: blockIRI(attempt), definition: .init(type: CMI5.block)))
            block.context?.contextActivities?.parent = nil
            outcome.append(block)
        }
        return outcome
    }

    /// The graded questions of the path the learner was shown, and how many their latest
    /// answer got right; nil when they were shown none (or the course is not installed).
    func pathScore(_ progress: LearnerProgress, _ attempt: Attempt) -> (raw: Int, max: Int)? {
        guard let course = courses[attempt.courseID], let path = course.path(attempt.pathID) else { return nil }
        let shown = Set(progress.visited)
        var raw = 0
        var max = 0
        for id in path.stepIDs where shown.contains(id) {
            guard let step = course.steps[id], step.kind == .question, step.answer != .text, step.isGraded else {
                continue
            }
            max += 1
            if let answer = progress.answers[id], Set(answer.choices) == step.correctChoices { raw += 1 }
        }
        return max == 0 ? nil : (raw, max)
    }

    /// The statements as a JSON array, pretty-printed with sorted keys.
    public static func encode(_ statements: [XAPIStatement]) throws -> Data {
        var data = try JSONEscaping.encode(statements)
        data.append(0x0A)
        return data
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
