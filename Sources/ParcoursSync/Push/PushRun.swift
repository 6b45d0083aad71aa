import Foundation
import ParcoursCore
import ParcoursStore

/// One enrollment's events in a push, in order: what `parcours.append_runs` takes, as JSON.
/// Times are the store's milliseconds and the payload the store's own JSON text, so the
/// server's content hash is the same whichever device sends the same event.
struct PushRun: Encodable, Sendable, Equatable {
    struct Item: Encodable, Sendable, Equatable {
        var seq: Int
        var type: String
        var stepID: String?
        var payload: String
        var at: Int64
        var activeMilliseconds: Int

        enum CodingKeys: String, CodingKey {
            case seq, type, payload, at
            case stepID = "step_id"
            case activeMilliseconds = "active_ms"
        }
    }

    var participant: String
    var createdAt: Int64
    var courseID: String
    var pathID: String
    var courseVersion: String
    var cohort: String?
    var attempt: Int
    var startedAt: Int64
    var events: [Item]
    /// The local enrollment, to record a conflict against; not sent.
    var enrollmentID: Int64

    enum CodingKeys: String, CodingKey {
        case participant, cohort, attempt, events
        case createdAt = "created_at"
        case courseID = "course_id"
        case pathID = "path_id"
        case courseVersion = "course_version"
        case startedAt = "started_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(participant, forKey: .participant)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(courseID, forKey: .courseID)
        try container.encode(pathID, forKey: .pathID)
        try container.encode(courseVersion, forKey: .courseVersion)
        // An explicit null: the server compares the cohort as sent.
        if let cohort {
            try container.encode(cohort, forKey: .cohort)
        } else {
            try container.encodeNil(forKey: .cohort)
        }
        try container.encode(attempt, forKey: .attempt)
        try container.encode(startedAt, forKey: .startedAt)
        try container.encode(events, forKey: .events)
    }

    /// The JSON array `append_runs` reads.
    static func json(_ runs: [PushRun]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(runs), as: UTF8.self)
    }
}

extension PushRun {
    /// A batch's runs as `append_runs` takes them; with `participant`, only that learner's
    /// (a learner's role writes as themself alone).
    static func runs(_ batch: OutboxBatch, onlyFor participant: String?) throws -> [PushRun] {
        try batch.runs.compactMap { run -> PushRun? in
            let enrollment = run.enrollment
            if let participant, enrollment.participantName != participant { return nil }
            return PushRun(
                participant: enrollment.participantName,
                createdAt: enrollment.participantCreatedAt.storeMilliseconds ?? 0,
                courseID: enrollment.courseID, pathID: enrollment.pathID, courseVersion: enrollment.courseVersion,
                cohort: enrollment.cohort, attempt: enrollment.attempt,
                startedAt: enrollment.startedAt.storeMilliseconds ?? 0,
                events: try run.events.map { event in
                    Item(
                        seq: event.seq, type: event.type.rawValue, stepID: event.stepID,
                        payload: try EventPayloadCodec.encode(event.payload), at: event.at.storeMilliseconds ?? 0,
                        activeMilliseconds: event.activeMilliseconds)
                },
                enrollmentID: enrollment.enrollmentID)
        }
    }
}
