import Foundation
import GRDB
import ParcoursCore

/// Bundles in and out: a participant's logs exported as a `ProgressBundle`, and bundles
/// merged into a store.
///
/// Import is idempotent and all-or-nothing. The participant is matched by name, an
/// enrollment by (participant, path, attempt) with the same course, version, cohort and
/// start, and an event by its `seq`. What is already there with the same content is
/// skipped; what is missing is appended; what is there with different content is a
/// conflict, and the whole bundle is refused in the same transaction.
///
/// `merge` is the one merge of an incoming enrollment: a pull (`ProgressStore+Pull`) runs
/// it too, one enrollment per transaction instead of one bundle.
extension ProgressStore {
    /// What an import changed.
    public struct ImportSummary: Sendable, Equatable {
        public var participantCreated = false
        public var enrollmentsAdded = 0
        public var eventsAdded = 0
        /// Events the store already held, identical to the bundle's.
        public var eventsPresent = 0

        public init() {}
    }

    /// One participant's enrollments and logs, as of one moment; nil for an unknown name.
    public func bundle(forParticipantNamed name: String, exportedAt: Date = Date()) throws(StoreError)
        -> ProgressBundle?
    {
        try read { db -> ProgressBundle? in
            guard let participant = try Participant.filter(Participant.Columns.name == name).fetchOne(db)
            else { return nil }
            let enrollments = try Enrollment.filter(Enrollment.Columns.participantID == participant.id)
                .order(Enrollment.Columns.id).fetchAll(db)
            var result: [BundleEnrollment] = []
            for enrollment in enrollments {
                let records = try EventRecord.filter(EventRecord.Columns.enrollmentID == enrollment.id)
                    .order(EventRecord.Columns.seq).fetchAll(db)
                var events: [Event] = []
                for record in records { events.append(try record.event()) }
                result.append(
                    BundleEnrollment(
                        courseID: enrollment.courseID, pathID: enrollment.pathID,
                        courseVersion: enrollment.courseVersion, cohort: enrollment.cohort,
                        attempt: enrollment.attempt, startedAt: enrollment.startedAt,
                        finishedAt: enrollment.finishedAt, events: events))
            }
            return ProgressBundle(
                exportedAt: exportedAt,
                participant: BundleParticipant(name: participant.name, createdAt: participant.createdAt),
                enrollments: result)
        }
    }

    /// Merges one bundle in one transaction: all of it, or nothing.
    ///
    /// Importing the same bundle twice adds nothing the second time. A later export of the
    /// same learner adds only the events that followed. Throws `BundleError.conflict` when
    /// the store holds different data under the same identity.
    @discardableResult
    public func importBundle(_ bundle: ProgressBundle) throws -> ImportSummary {
        let createdAt = try milliseconds(bundle.participant.createdAt)
        // `write` maps every error to a StoreError; a conflict is kept aside and rethrown
        // as itself once the transaction has rolled back.
        var conflict: BundleError?
        do {
            return try write { db in
                var summary = ImportSummary()
                let name = bundle.participant.name
                let (participantID, created) = try Self.participantID(named: name, createdAt: createdAt, db)
                summary.participantCreated = created
                for enrollment in bundle.enrollments {
                    do {
                        let merged = try merge(enrollment, participantID: participantID, name: name, db)
                        if merged.enrollmentCreated { summary.enrollmentsAdded += 1 }
                        summary.eventsAdded += merged.eventsAdded
                        summary.eventsPresent += merged.eventsPresent
                    } catch let error as MergeConflict {
                        conflict = .conflict(reason: error.reason)
                        throw error
                    }
                }
                return summary
            }
        } catch {
            throw conflict ?? error
        }
    }

    /// What merging one enrollment did.
    struct EnrollmentMerge {
        /// The local enrollment merged into (created or found).
        var enrollmentID: Int64
        var enrollmentCreated = false
        var eventsAdded = 0
        var eventsPresent = 0
    }

    /// The store holds other data under an incoming enrollment's identity; nothing of that
    /// enrollment may be written.
    struct MergeConflict: Error {
        var reason: String
        /// The local enrollment with the same (participant, path, attempt), if there is one.
        var localEnrollmentID: Int64?
    }

    /// The participant with this name, created with `createdAt` when missing.
    static func participantID(named name: String, createdAt: Int64, _ db: Database) throws
        -> (id: Int64, created: Bool)
    {
        if let found = try Participant.filter(Participant.Columns.name == name).fetchOne(db) {
            return (found.id, false)
        }
        try db.execute(literal: "INSERT INTO participant (name, created_at) VALUES (\(name), \(createdAt))")
        return (db.lastInsertedRowID, true)
    }

    /// The one merge of an incoming enrollment, for import and pull alike: finds or creates
    /// the enrollment, then appends the events the store lacks, in the caller's transaction.
    ///
    /// Throws `MergeConflict` when the store holds different data under the same identity;
    /// what it wrote before is then the caller's to roll back.
    func merge(
        _ enrollment: BundleEnrollment, participantID: Int64, name: String, _ db: Database
    ) throws -> EnrollmentMerge {
        let label = "\(name)'s attempt \(enrollment.attempt) at \(enrollment.courseID)/\(enrollment.pathID)"
        let startedAt = try milliseconds(enrollment.startedAt)
        var result: EnrollmentMerge
        if let existing = try Enrollment.filter(
            Enrollment.Columns.participantID == participantID
                && Enrollment.Columns.pathID == enrollment.pathID
                && Enrollment.Columns.attempt == enrollment.attempt
        ).fetchOne(db) {
            var differences: [String] = []
            if existing.courseID != enrollment.courseID { differences.append("course") }
            if existing.courseVersion != enrollment.courseVersion { differences.append("course version") }
            if existing.cohort != enrollment.cohort { differences.append("cohort") }
            if existing.startedAt.storeMilliseconds != startedAt { differences.append("start time") }
            guard differences.isEmpty else {
                throw MergeConflict(
                    reason: "\(label) differs in this store (\(differences.joined(separator: ", ")))",
                    localEnrollmentID: existing.id)
            }
            result = EnrollmentMerge(enrollmentID: existing.id)
        } else {
            try db.execute(
                literal: """
                    INSERT INTO enrollment
                      (participant_id, course_id, path_id, course_version, cohort, attempt, started_at)
                    VALUES
                      (\(participantID), \(enrollment.courseID), \(enrollment.pathID),
                       \(enrollment.courseVersion), \(enrollment.cohort), \(enrollment.attempt), \(startedAt))
                    """)
            result = EnrollmentMerge(enrollmentID: db.lastInsertedRowID, enrollmentCreated: true)
        }
        let local = result.enrollmentCreated ? nil : result.enrollmentID
        let stored = try EventRecord.filter(EventRecord.Columns.enrollmentID == result.enrollmentID).fetchAll(db)
        let bySeq = Dictionary(stored.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        var next = (stored.map(\.seq).max() ?? 0) + 1
        for event in enrollment.events {
            if let record = bySeq[event.seq] {
                if let difference = try Self.difference(record, event) {
                    throw MergeConflict(
                        reason: "\(label): event \(event.seq) is not the same here (\(difference))",
                        localEnrollmentID: local)
                }
                result.eventsPresent += 1
                continue
            }
            guard event.seq == next else {
                throw MergeConflict(
                    reason: "\(label): the store's log stops before event \(event.seq - 1), not at \(next - 1)",
                    localEnrollmentID: local)
            }
            try insert(event, into: result.enrollmentID, db)
            next += 1
            result.eventsAdded += 1
        }
        return result
    }

    /// What differs between a stored row and an incoming event, or nil when they agree.
    private static func difference(_ record: EventRecord, _ event: Event) throws -> String? {
        if record.type != event.type.rawValue {
            return "\(record.type) here, \(event.type.rawValue) in the bundle"
        }
        if record.stepID != event.stepID {
            return "step \(record.stepID ?? "none") here, \(event.stepID ?? "none") in the bundle"
        }
        if record.at.storeMilliseconds != event.at.storeMilliseconds {
            let here = RFC3339.string(record.at, precision: .milliseconds)
            return "recorded at \(here) here, \(RFC3339.string(event.at, precision: .milliseconds)) in the bundle"
        }
        if record.activeMilliseconds != event.activeMilliseconds { return "active time" }
        if record.payload != (try EventPayloadCodec.encode(event.payload)) { return "content" }
        return nil
    }
}
