import Foundation

/// One thing a learner did, as appended to the durable log.
///
/// LearnerProgress is never saved any other way: it is the fold of these events, so nothing can
/// disagree with the log. Every event carries the wall-clock time and the active time
/// since the previous event (gaps over the idle threshold count as idle, not active).
public struct Event: Sendable, Equatable, Codable {
    /// The position in its enrollment's log, from 1.
    public var seq: Int
    public var type: EventType
    public var stepID: String?
    public var payload: EventPayload
    public var at: Date
    public var activeMilliseconds: Int

    public init(
        seq: Int, type: EventType, stepID: String? = nil, payload: EventPayload = EventPayload(),
        at: Date,
        activeMilliseconds: Int = 0
    ) {
        self.seq = seq
        self.type = type
        self.stepID = stepID
        self.payload = payload
        self.at = at
        self.activeMilliseconds = activeMilliseconds
    }
}

/// The vocabulary of the log. It maps one-to-one onto xAPI verbs.
public enum EventType: String, Sendable, Codable, CaseIterable {
    case started, entered, answered, rated, completed, waived, noted, saved
    case paused, unpaused, suspended, resumed, finished
    /// A step set aside for time (waived ahead of time) taken back by the learner: its
    /// waiver is lifted, and the walk will not set it aside again on its own.
    case restored
}

/// Why a required step was waived.
public enum WaiverReason: String, Sendable, Codable, CaseIterable {
    case timeBudget = "time-budget"
    case learner
    case testedOut = "tested-out"
}

/// The data an event carries; only the fields its type needs are set, and only those are
/// stored (as JSON).
public struct EventPayload: Sendable, Equatable, Codable {
    // started
    public var courseID: String?
    public var pathID: String?
    public var courseVersion: String?
    public var language: String?
    public var cohort: String?
    public var attempt: Int?
    /// The learner's own order of every question's choices (`ChoiceOrder`), 0…2³²−1; a log
    /// started before choices were shuffled has none, and keeps the written order.
    public var seed: Int?
    /// The attempt this one replaces: the learner started the path again with `parcours
    /// reset` (1…attempt−1). A record store is told to void what that attempt sent.
    public var resets: Int?
    // answered
    public var choices: [String]?
    public var text: String?
    /// The self-check items the learner ticked on an activity (`selfCheck`): an `answered`
    /// event of its own, with neither choices nor text.
    public var checked: [String]?
    // rated
    public var ratings: [String: Int]?
    // waived
    public var reason: WaiverReason?
    public var explanation: String?
    // saved
    public var resource: String?

    public init(
        courseID: String? = nil, pathID: String? = nil, courseVersion: String? = nil,
        language: String? = nil,
        cohort: String? = nil, attempt: Int? = nil, seed: Int? = nil, resets: Int? = nil,
        choices: [String]? = nil,
        text: String? = nil, checked: [String]? = nil,
        ratings: [String: Int]? = nil, reason: WaiverReason? = nil, explanation: String? = nil,
        resource: String? = nil
    ) {
        self.courseID = courseID
        self.pathID = pathID
        self.courseVersion = courseVersion
        self.language = language
        self.cohort = cohort
        self.attempt = attempt
        self.seed = seed
        self.resets = resets
        self.choices = choices
        self.text = text
        self.checked = checked
        self.ratings = ratings
        self.reason = reason
        self.explanation = explanation
        self.resource = resource
    }
}
