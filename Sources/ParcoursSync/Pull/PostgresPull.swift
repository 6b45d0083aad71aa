import Foundation
import ParcoursCore
import ParcoursStore

/// Brings a learner's own events from the server into the local store: what another
/// device sent. Each attempt is checked with `LogValidation` against its course (the rules
/// import obeys) and merged on its own, so one attempt in conflict holds no other back.
public struct PostgresPull: Sendable {
    public struct Report: Sendable, Equatable {
        public var added = 0
        /// Attempts that could not be merged: (label, why). Nothing of them was written.
        public var refused: [String] = []
        public var conflicts: [PulledConflict] = []

        public init() {}
    }

    /// An attempt this store holds differently from the server.
    public struct PulledConflict: Sendable, Equatable {
        public var enrollmentID: Int64
        public var detail: String
    }

    public let server: PostgresServer
    /// Checks one attempt's log against its course; nil when it may be merged.
    public var validate: @Sendable (BundleEnrollment) -> String?

    public init(server: PostgresServer, validate: @escaping @Sendable (BundleEnrollment) -> String? = { _ in nil }) {
        self.server = server
        self.validate = validate
    }

    /// Pulls this role's learner's events. An administrator's role pulls nothing: it has no
    /// learner of its own.
    public func pull(into store: ProgressStore, now: Date = Date()) async throws -> Report {
        let bundles = try await server.withConnection { client -> [ProgressBundle] in
            try await ServerMigrator.checkVersion(client, server: server)
            guard let me = try await Identity.of(client) else { return [] }
            return try await ServerLogs.bundles(
                client, filter: ServerLogs.Filter(participant: me.participant), exportedAt: now)
        }
        var report = Report()
        for bundle in bundles {
            var accepted = bundle
            accepted.enrollments = []
            let known = try knownLengths(of: bundle.participant.name, in: store)
            for enrollment in bundle.enrollments {
                // What this store already holds in full needs no check and no merge.
                if let length = known[Key(pathID: enrollment.pathID, attempt: enrollment.attempt)],
                    length >= enrollment.events.count
                {
                    continue
                }
                if let problem = validate(enrollment) {
                    report.refused.append("\(enrollment.label(of: bundle.participant.name)): \(problem)")
                } else {
                    accepted.enrollments.append(enrollment)
                }
            }
            for result in try store.mergePulled(accepted, from: server.name) {
                switch result.outcome {
                case .added(let count, _): report.added += count
                case .allPresent: break
                case .conflict(let reason, let enrollmentID?):
                    report.conflicts.append(PulledConflict(enrollmentID: enrollmentID, detail: reason))
                    try store.recordConflict(
                        destination: server.name, enrollmentID: enrollmentID, detail: reason, at: now)
                case .conflict(let reason, nil):
                    report.refused.append("\(result.pathID) #\(result.attempt): \(reason)")
                }
            }
        }
        return report
    }

    private struct Key: Hashable {
        var pathID: String
        var attempt: Int
    }

    /// How many events this store holds for each of the participant's attempts.
    private func knownLengths(of name: String, in store: ProgressStore) throws -> [Key: Int] {
        guard let participant = try store.participants().first(where: { $0.name == name }) else { return [:] }
        var lengths: [Key: Int] = [:]
        for enrollment in try store.enrollments(of: participant.id) {
            lengths[Key(pathID: enrollment.pathID, attempt: enrollment.attempt)] =
                try store.eventRecords(of: enrollment.id).count
        }
        return lengths
    }
}
