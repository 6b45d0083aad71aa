import Foundation
import ParcoursCore
import ParcoursStore
import PostgresNIO

/// Reads participants' logs back from the server as bundles, one per participant: what a
/// learner's role may see of their own (row-level security decides), or what a
/// facilitator may see of their cohorts.
enum ServerLogs {
    struct Filter: Sendable {
        var participant: String?
        var cohort: String?
        var pathID: String?
        /// An attempt started without a cohort is read as the learner's registered one (for
        /// the report: the facilitator's cohort is the role's); a pull keeps it as sent.
        var cohortFromRole = false
    }

    static func bundles(_ client: PostgresConnection, filter: Filter, exportedAt: Date) async throws -> [ProgressBundle]
    {
        var participants: [Int64: BundleParticipant] = [:]
        var order: [Int64] = []
        let people = try await client.query(
            """
            SELECT id, name, created_at FROM parcours.participant
             WHERE (\(filter.participant)::text IS NULL OR name = \(filter.participant))
             ORDER BY id
            """, logger: PostgresServer.logger)
        for try await (id, name, createdAt) in people.decode((Int64, String, Int64).self) {
            participants[id] = BundleParticipant(name: name, createdAt: Date(storeMilliseconds: createdAt))
            order.append(id)
        }
        var enrollments: [Int64: (participant: Int64, enrollment: BundleEnrollment)] = [:]
        var enrollmentOrder: [Int64] = []
        let rows = try await client.query(
            """
            SELECT e.id, e.participant_id, e.course_id, e.path_id, e.course_version,
                   coalesce(e.cohort, l.cohort), e.cohort, e.attempt, e.started_at, e.finished_at
              FROM parcours.enrollment e LEFT JOIN parcours.learner l ON l.participant_id = e.participant_id
             WHERE (\(filter.cohort)::text IS NULL OR coalesce(e.cohort, l.cohort) = \(filter.cohort))
               AND (\(filter.pathID)::text IS NULL OR e.path_id = \(filter.pathID))
             ORDER BY e.id
            """, logger: PostgresServer.logger)
        for try await (id, participantID, course, path, version, registered, sent, attempt, started, finished)
            in rows.decode(
                (Int64, Int64, String, String, String, String?, String?, Int, Int64, Int64?).self)
        {
            guard participants[participantID] != nil else { continue }
            enrollments[id] = (
                participantID,
                BundleEnrollment(
                    courseID: course, pathID: path, courseVersion: version,
                    cohort: filter.cohortFromRole ? registered : sent, attempt: attempt,
                    startedAt: Date(storeMilliseconds: started),
                    finishedAt: finished.map(Date.init(storeMilliseconds:)),
                    events: [])
            )
            enrollmentOrder.append(id)
        }
        let events = try await client.query(
            """
            SELECT v.enrollment_id, v.seq, v.type, v.step_id, v.payload, v.at, v.active_ms
              FROM parcours.event v
             WHERE (\(filter.participant)::text IS NULL
                    OR v.participant_id IN (SELECT id FROM parcours.participant WHERE name = \(filter.participant)))
             ORDER BY v.enrollment_id, v.seq
            """, logger: PostgresServer.logger)
        for try await (enrollmentID, seq, type, stepID, payload, at, active) in events.decode(
            (Int64, Int, String, String?, String, Int64, Int).self)
        {
            guard enrollments[enrollmentID] != nil else { continue }
            let record = EventRecord(
                id: 0, enrollmentID: enrollmentID, seq: seq, type: type, stepID: stepID, payload: payload,
                at: Date(storeMilliseconds: at), activeMilliseconds: active)
            enrollments[enrollmentID]?.enrollment.events.append(try record.event())
        }
        var byParticipant: [Int64: [BundleEnrollment]] = [:]
        for id in enrollmentOrder {
            guard let (participant, enrollment) = enrollments[id] else { continue }
            byParticipant[participant, default: []].append(enrollment)
        }
        return order.compactMap { id in
            guard let participant = participants[id] else { return nil }
            return ProgressBundle(
                exportedAt: exportedAt, participant: participant, enrollments: byParticipant[id] ?? [])
        }
    }
}
