import Foundation

/// An event about to be logged: the log assigns its sequence number, time and active time.
public struct EventDraft: Sendable, Equatable {
    public var type: EventType
    public var stepID: String?
    public var payload: EventPayload

    public init(_ type: EventType, step: String? = nil, payload: EventPayload = EventPayload()) {
        self.type = type
        self.stepID = step
        self.payload = payload
    }

    /// The event with its place in the log.
    public func event(seq: Int, at: Date, activeMilliseconds: Int) -> Event {
        Event(
            seq: seq, type: type, stepID: stepID, payload: payload, at: at,
            activeMilliseconds: activeMilliseconds)
    }
}

/// The events each learner action produces. Pure: the REPL decides *when*, this decides *what*.
public struct SessionEvents: Sendable {
    public let navigator: Navigator

    public init(navigator: Navigator) {
        self.navigator = navigator
    }

    /// Starting a path: `started`, then the first step (and the steps set aside if the
    /// default walk is over the budget, see `adapt`). `seed` (0…`ChoiceOrder.maximumSeed`)
    /// gives the learner their own order of choices; nil keeps the written order. `resets`
    /// is the attempt this one replaces (`parcours reset`), nil for a plain new attempt.
    public func start(language: String, cohort: String?, attempt: Int, seed: Int? = nil, resets: Int? = nil)
        -> [EventDraft]
    {
        let course = navigator.course
        var drafts = [
            EventDraft(
                .started,
                payload: EventPayload(
                    courseID: course.id, pathID: navigator.path.id,
                    courseVersion: course.contentHash, language: language,
                    cohort: cohort, attempt: attempt, seed: seed, resets: resets))
        ]
        if let first = navigator.firstStep { drafts.append(EventDraft(.entered, step: first)) }
        return adapt(drafts, on: LearnerProgress()).drafts
    }

    /// Coming back: `resumed`, and a move if the course changed under the learner.
    public func resume(_ progress: LearnerProgress) -> [EventDraft] {
        var drafts = [EventDraft(.resumed, step: progress.currentStep)]
        let (step, _) = navigator.resumePoint(progress)
        if let step, step != progress.currentStep {
            drafts.append(EventDraft(.entered, step: step))
        }
        return drafts
    }

    /// Finishing the current step and moving on (or finishing the path).
    public func advance(_ progress: LearnerProgress) -> [EventDraft] {
        guard let current = progress.currentStep else { return [] }
        var drafts: [EventDraft] = []
        if !progress.hasCompleted(current) {
            drafts.append(EventDraft(.completed, step: current))
        }
        var after = progress
        for draft in drafts {
            after.apply(
                draft.event(
                    seq: after.lastSeq + 1, at: Date(timeIntervalSince1970: 0),
                    activeMilliseconds: 0))
        }
        return drafts + move(from: current, progress: after)
    }

    /// Skipping the current step: waived (with a reason for a core step), then moving on.
    public func skip(_ progress: LearnerProgress, reason: WaiverReason, explanation: String?)
        -> [EventDraft]
    {
        guard let current = progress.currentStep else { return [] }
        let waiver = EventDraft(
            .waived, step: current, payload: EventPayload(reason: reason, explanation: explanation))
        var after = progress
        after.apply(
            waiver.event(
                seq: after.lastSeq + 1, at: Date(timeIntervalSince1970: 0), activeMilliseconds: 0))
        return [waiver] + move(from: current, progress: after)
    }

    private func move(from step: String, progress: LearnerProgress) -> [EventDraft] {
        if let next = navigator.successor(of: step, progress: progress) {
            return [EventDraft(.entered, step: next)]
        }
        return [EventDraft(.finished, step: step)]
    }

    public func back(_ progress: LearnerProgress) -> [EventDraft] {
        navigator.previous(progress).map { [EventDraft(.entered, step: $0)] } ?? []
    }

    public func answer(_ step: String, choices: [String], text: String? = nil) -> EventDraft {
        EventDraft(.answered, step: step, payload: EventPayload(choices: choices, text: text))
    }

    /// Ticking an activity's self-check: the items ticked, in the step's order.
    public func check(_ step: String, items: [String]) -> EventDraft {
        EventDraft(.answered, step: step, payload: EventPayload(checked: items))
    }

    public func rate(_ step: String, ratings: [String: Int]) -> EventDraft {
        EventDraft(.rated, step: step, payload: EventPayload(ratings: ratings))
    }

    public func note(_ text: String, step: String?) -> EventDraft {
        EventDraft(.noted, step: step, payload: EventPayload(text: text))
    }

    public func save(_ resource: String, step: String?) -> EventDraft {
        EventDraft(.saved, step: step, payload: EventPayload(resource: resource))
    }
}
