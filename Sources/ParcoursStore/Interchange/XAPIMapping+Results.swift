import Foundation
import ParcoursCore

/// What a statement says of its event: the result (score, success, completion, duration,
/// extensions) and the context (registration, grouping, language).
extension XAPIMapping {
    func result(for event: Event, _ attempt: Attempt, _ progress: LearnerProgress) -> XAPIResult {
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
            let reason = payload.reason ?? .learner
            var extensions: [String: JSONValue] = [
                CMI5.reason: .string(Self.cmi5Reason(reason)),
                extensionIRI("waiver-reason"): .string(reason.rawValue),
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
            // cmi5 9.5.3: only completed and waived carry `completion`; 9.5.4.1: terminated
            // carries the session's time, here the last sitting's (the attempt's is on the
            // path's `completed`).
            result.duration = XAPIDuration.format(milliseconds: progress.sittings.last?.activeMilliseconds ?? 0)
        case .started, .entered, .saved, .unpaused, .resumed, .restored:
            break
        }
        return result
    }

    func context(
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
}
