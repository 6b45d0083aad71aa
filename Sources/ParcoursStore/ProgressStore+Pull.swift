import Foundation
import GRDB
import ParcoursCore

/// A learner's own events pulled back from a destination (a new laptop, another device),
/// merged with the import's merge, one enrollment at a time.
extension ProgressStore {
    /// What a pull did with one enrollment of the bundle.
    public struct PulledEnrollment: Sendable, Equatable {
        public enum Outcome: Sendable, Equatable {
            /// `events` events appended to local enrollment `enrollmentID` (created if new).
            case added(events: Int, enrollmentID: Int64)
            /// Every event was already here, identical.
            case allPresent(enrollmentID: Int64)
            /// The store holds other data under the same identity; nothing of this enrollment
            /// was written and the local one is untouched. `localEnrollmentID` is nil when
            /// no local enrollment has that identity (a log that does not start at event 1).
            case conflict(reason: String, localEnrollmentID: Int64?)
        }

        public var courseID: String
        public var pathID: String
        public var attempt: Int
        public var outcome: Outcome

        public init(courseID: String, pathID: String, attempt: Int, outcome: Outcome) {
            self.courseID = courseID
            self.pathID = pathID
            self.attempt = attempt
            self.outcome = outcome
        }
    }

    /// Merges each enrollment of `bundle` (one participant's, from a destination) in its own
    /// transaction, so a conflict in one does not keep the others out. Results are in the
    /// bundle's order. Checking the logs against the course (`ProgressBundle.validate`) is the
    /// caller's, as for an import. A store failure (busy, disk full) is thrown: what was
    /// merged before it stays, and pulling again adds only the rest.
    ///
    /// A local run set aside that holds the number of the incoming attempt is moved out of the
    /// way first (`renumberAsNewAttempt`, allowed: a run set aside was never accepted under
    /// its number), since the destination's attempt is the one to continue.
    ///
    /// Pulled events get new row ids, above every cursor. With `destination` (the one the
    /// bundle came from), its cursor follows them when it was at the log's end before the
    /// merge: the new rows are exactly the pulled events, which the destination holds, so
    /// they are not sent back. When local events are still pending, the cursor stays, and
    /// the pulled events are sent back with them: a replay, a no-op there. Without
    /// `destination`, pulled events count as pending everywhere, which is merely slower.
    public func mergePulled(_ bundle: ProgressBundle, from destination: String? = nil) throws(StoreError)
        -> [PulledEnrollment]
    {
        let createdAt = try milliseconds(bundle.participant.createdAt)
        let name = bundle.participant.name
        var results: [PulledEnrollment] = []
        for enrollment in bundle.enrollments {
            let outcome = try write { db in
                let before = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event") ?? 0
                let outcome = try mergeMovingSetAside(enrollment, name: name, createdAt: createdAt, db)
                if let destination, case .added = outcome {
                    try follow(destination, from: before, db)
                }
                return outcome
            }
            results.append(
                PulledEnrollment(
                    courseID: enrollment.courseID, pathID: enrollment.pathID, attempt: enrollment.attempt,
                    outcome: outcome))
        }
        return results
    }

    /// One enrollment merged in a savepoint: a conflict rolls back what it wrote.
    private func mergeMovingSetAside(
        _ enrollment: BundleEnrollment, name: String, createdAt: Int64, _ db: Database
    ) throws -> PulledEnrollment.Outcome {
        do {
            return try mergeInSavepoint(enrollment, name: name, createdAt: createdAt, db)
        } catch let conflict as MergeConflict {
            guard let local = conflict.localEnrollmentID, tracksSync, try isSetAside(local, db) else {
                return .conflict(reason: conflict.reason, localEnrollmentID: conflict.localEnrollmentID)
            }
            _ = try renumber(local, atLeast: enrollment.attempt.addingSaturated(1), db)
            do {
                return try mergeInSavepoint(enrollment, name: name, createdAt: createdAt, db)
            } catch let again as MergeConflict {
                return .conflict(reason: again.reason, localEnrollmentID: again.localEnrollmentID)
            }
        }
    }

    private func mergeInSavepoint(
        _ enrollment: BundleEnrollment, name: String, createdAt: Int64, _ db: Database
    ) throws -> PulledEnrollment.Outcome {
        var outcome: PulledEnrollment.Outcome?
        try db.inSavepoint {
            let participantID = try Self.participantID(named: name, createdAt: createdAt, db).id
            let merged = try merge(enrollment, participantID: participantID, name: name, db)
            outcome =
                merged.eventsAdded > 0
                ? .added(events: merged.eventsAdded, enrollmentID: merged.enrollmentID)
                : .allPresent(enrollmentID: merged.enrollmentID)
            return .commit
        }
        guard let outcome else { throw StoreError.invalid(reason: "the merge returned nothing") }
        return outcome
    }

    /// Moves `destination`'s cursor over the rows just written, if it was at `before`, the
    /// log's end when the transaction began.
    private func follow(_ destination: String, from before: Int64, _ db: Database) throws {
        let id = try ensureDestination(destination, db)
        try db.execute(
            sql: """
                UPDATE sync_destination SET cursor = (SELECT COALESCE(MAX(id), 0) FROM event)
                WHERE id = ? AND cursor = ?
                """, arguments: [id, before])
    }
}
