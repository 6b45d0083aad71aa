import Foundation

/// Everything that changes while a learner walks a path: the fold of their events.
///
/// The course is the story and never changes; `LearnerProgress` is the state. It is rebuilt from
/// the event log on every resume, so nothing saved can disagree with the log.
///
/// ```swift
/// var progress = LearnerProgress.fold(events)
/// progress.apply(nextEvent)
/// ```
public struct LearnerProgress: Sendable, Equatable {
    public private(set) var courseID: String?
    public private(set) var pathID: String?
    public private(set) var courseVersion: String?
    public private(set) var language: String?
    public private(set) var cohort: String?
    public private(set) var attempt: Int = 1
    /// The seed of the learner's order of choices (`ChoiceOrder`); nil: the written order.
    public private(set) var seed: Int?

    /// The step on screen: the last one entered.
    public private(set) var currentStep: String?
    /// Steps in the order they were entered (a step entered twice appears twice).
    public private(set) var visited: [String] = []
    /// Steps completed, each once, in the order of their first completion.
    public private(set) var completed: [String] = []
    public private(set) var waived: [String: Waiver] = [:]
    /// Steps the learner took back after they were set aside (`restored`, until waived
    /// again): the walk's adaptation leaves them in, the learner's choice wins.
    public private(set) var restored: Set<String> = []
    /// The latest answer to each question.
    public private(set) var answers: [String: Answer] = [:]
    /// The self-check items ticked on each activity, the latest time it was ticked.
    public private(set) var selfChecks: [String: [String]] = [:]
    /// Ratings per assessment step (item → value), in the order the steps were rated.
    public private(set) var ratingsByStep: [Rating] = []
    public private(set) var notes: [Note] = []
    /// What the learner wrote, in order: free answers, deliverables and notes.
    public private(set) var journal: [Note] = []
    /// What happened during the current visit of the current step.
    public private(set) var visit = Visit()
    public private(set) var savedResources: [String] = []
    public private(set) var isPaused = false
    public private(set) var isFinished = false

    public private(set) var activeMilliseconds = 0
    /// Active time per step: every step that was on screen when an event was logged (the
    /// time of an event goes to the step on screen before it), the current visit included.
    public var stepActiveMilliseconds: [String: Int] {
        var all: [String: Int] = [:]
        forEachStepActiveTime { step, milliseconds in all[step] = milliseconds }
        return all
    }
    /// Per step: the active time of the visits that ended (the visit on screen keeps its own,
    /// `Visit.activeMilliseconds`, so an event costs no update, only the step's next
    /// entrance), and whether it was completed (`completed` as a set: each completion asks
    /// whether its step is there already, and searching the array made a fold quadratic).
    /// The step on screen is found in it once, when entered (`StepLedger.enter`), so that the
    /// visit's completion and the time charged when it ends look nothing up again.
    private var ledger = StepLedger()
    /// The step on screen once an event of this visit has charged it time.
    private var chargedStep: String? { visit.hasEvents ? currentStep : nil }
    public private(set) var sittings: [Sitting] = []
    public private(set) var startedAt: Date?
    public private(set) var lastEventAt: Date?
    public private(set) var lastSeq = 0

    public struct Answer: Sendable, Equatable {
        public internal(set) var choices: [String]
        public internal(set) var text: String?
    }

    /// The state of the step on screen, reset each time a step is entered.
    public struct Visit: Sendable, Equatable {
        public internal(set) var answered = false
        public internal(set) var ratings: [String: Int] = [:]
        public internal(set) var wroteText = false
        /// The self-check was ticked during this visit.
        public internal(set) var checked = false
        /// Active time charged to the step during this visit.
        public internal(set) var activeMilliseconds = 0
        /// Whether an event was logged during this visit: the step then has its entry in
        /// `stepActiveMilliseconds`, even at 0 ms.
        public internal(set) var hasEvents = false
    }

    /// One assessment visit: item → value.
    public struct Rating: Sendable, Equatable {
        public internal(set) var step: String
        public internal(set) var ratings: [String: Int]
    }

    public struct Waiver: Sendable, Equatable {
        public internal(set) var reason: WaiverReason
        public internal(set) var explanation: String?
    }

    public struct Note: Sendable, Equatable {
        public internal(set) var step: String?
        public internal(set) var text: String
        public internal(set) var at: Date
    }

    /// One session at the keyboard, from start or resume to suspension.
    public struct Sitting: Sendable, Equatable {
        public internal(set) var startedAt: Date
        public internal(set) var endedAt: Date?
        public internal(set) var activeMilliseconds: Int
    }

    public init() {}

    /// Rebuilds progress from a log.
    public static func fold(_ events: some Sequence<Event>) -> LearnerProgress {
        var progress = LearnerProgress()
        for event in events { progress.apply(event) }
        return progress
    }

    /// The one transition function: `(LearnerProgress, Event) -> LearnerProgress`.
    public mutating func apply(_ event: Event) {
        apply(
            event.type, seq: event.seq, stepID: event.stepID, payload: event.payload, at: event.at,
            activeMilliseconds: event.activeMilliseconds)
    }

    /// `apply(_:)` on an event given by its parts, so a reader of many stored rows (a cohort
    /// report) can fold them without building an `Event` for each one. It is the same
    /// transition: `apply(_:)` is this.
    package mutating func apply(
        _ type: EventType, seq: Int, stepID: String?, payload: EventPayload, at: Date, activeMilliseconds: Int
    ) {
        lastSeq = seq
        lastEventAt = at
        charge(activeMilliseconds)
        switch type {
        case .started:
            courseID = payload.courseID
            pathID = payload.pathID
            courseVersion = payload.courseVersion
            language = payload.language
            cohort = payload.cohort
            attempt = payload.attempt ?? 1
            seed = payload.seed
            startedAt = at
            sittings.append(Sitting(startedAt: at, endedAt: nil, activeMilliseconds: 0))
        case .entered:
            guard let step = stepID else { return }
            if currentStep != nil, visit.hasEvents {
                ledger.addTime(visit.activeMilliseconds, at: ledger.current)
            }
            currentStep = step
            ledger.enter(step)
            visited.append(step)
            visit = Visit()
        case .answered:
            guard let step = stepID else { return }
            if let checked = payload.checked {
                selfChecks[step] = checked
                if step == currentStep { visit.checked = true }
                // A self-check is no answer: the deliverable's text stays the step's answer.
                if payload.choices == nil, payload.text == nil { return }
            }
            answers[step] = Answer(choices: payload.choices ?? [], text: payload.text)
            if step == currentStep { visit.answered = true }
            if let text = payload.text {
                journal.append(Note(step: step, text: text, at: at))
                if step == currentStep { visit.wroteText = true }
            }
        case .rated:
            guard let step = stepID, let ratings = payload.ratings else { return }
            // Items rated one by one during one visit form one assessment.
            if step == currentStep, !visit.ratings.isEmpty, let last = ratingsByStep.indices.last,
                ratingsByStep[last].step == step
            {
                ratingsByStep[last].ratings.merge(ratings) { _, new in new }
            } else {
                ratingsByStep.append(Rating(step: step, ratings: ratings))
            }
            if step == currentStep { visit.ratings.merge(ratings) { _, new in new } }
        case .completed:
            guard let step = stepID else { return }
            // Mostly the step on screen, whose record is at hand.
            let record = step == currentStep ? ledger.current : ledger.record(of: step)
            if ledger.complete(at: record) { completed.append(step) }
            // Removing from an empty dictionary would still hash the key.
            if !waived.isEmpty { waived[step] = nil }
        case .waived:
            guard let step = stepID else { return }
            waived[step] = Waiver(
                reason: payload.reason ?? .learner, explanation: payload.explanation)
            if !restored.isEmpty { restored.remove(step) }
        case .restored:
            guard let step = stepID else { return }
            waived[step] = nil
            restored.insert(step)
        case .noted:
            let note = Note(step: stepID, text: payload.text ?? "", at: at)
            notes.append(note)
            journal.append(note)
        case .saved:
            if let resource = payload.resource, !savedResources.contains(resource) {
                savedResources.append(resource)
            }
        case .paused:
            isPaused = true
        case .unpaused:
            isPaused = false
        case .suspended:
            if !sittings.isEmpty { sittings[sittings.count - 1].endedAt = at }
        case .resumed:
            sittings.append(Sitting(startedAt: at, endedAt: nil, activeMilliseconds: 0))
        case .finished:
            isFinished = true
            if !sittings.isEmpty { sittings[sittings.count - 1].endedAt = at }
        }
    }

    /// Charges active time to the total, the visit on screen and the sitting, as an event
    /// does before it is applied; `countingOpenVisit` charges the visit still open the same way.
    @inline(__always)
    mutating func charge(_ milliseconds: Int) {
        // Saturating: a log is data, and an absurd time must not stop a reader.
        activeMilliseconds = activeMilliseconds.addingSaturated(milliseconds)
        if currentStep != nil {
            visit.activeMilliseconds = visit.activeMilliseconds.addingSaturated(milliseconds)
            visit.hasEvents = true
        }
        if !sittings.isEmpty {
            sittings[sittings.count - 1].activeMilliseconds =
                sittings[sittings.count - 1].activeMilliseconds.addingSaturated(milliseconds)
        }
    }

    /// Room for a walk over about `steps` steps, made once rather than grown step by step (a
    /// cohort report folds 10,000 logs). Capacity is not part of the value.
    package mutating func reserveCapacity(steps: Int) {
        visited.reserveCapacity(steps)
        completed.reserveCapacity(steps)
        ledger.reserveCapacity(steps)
    }

    /// Calls `body` with each step and its active time, as `stepActiveMilliseconds` holds
    /// them (in no particular order), without building that dictionary (the report's funnel).
    package func forEachStepActiveTime(_ body: (_ step: String, _ milliseconds: Int) -> Void) {
        let current = chargedStep
        ledger.forEachTime { step, milliseconds in
            body(step, step == current ? milliseconds.addingSaturated(visit.activeMilliseconds) : milliseconds)
        }
        if let current, ledger.time(of: current) == nil { body(current, visit.activeMilliseconds) }
    }

    /// `stepActiveMilliseconds[step] ?? 0`, without building that dictionary.
    public func activeMilliseconds(onStep step: String) -> Int {
        let past = ledger.time(of: step) ?? 0
        return step == chargedStep ? past.addingSaturated(visit.activeMilliseconds) : past
    }

    /// This progress, moved out: an empty one is left in its place. A copy would retain every
    /// array of the fold (a report hands 10,000 folds on, cold in memory by then).
    package mutating func take() -> LearnerProgress {
        var taken = LearnerProgress()
        swap(&taken, &self)
        return taken
    }

    /// Whether `step` was ever completed: `completed.contains(step)`, without the search.
    public func hasCompleted(_ step: String) -> Bool {
        ledger.isCompleted(step)
    }

    public func isDone(_ step: String) -> Bool {
        ledger.isCompleted(step) || waived[step] != nil
    }

    /// The latest ratings of every item, across assessments.
    public var latestRatings: [String: Int] {
        ratingsByStep.reduce(into: [:]) { result, entry in
            for (item, value) in entry.ratings { result[item] = value }
        }
    }
}
