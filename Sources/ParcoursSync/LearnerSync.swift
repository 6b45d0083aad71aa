import Foundation
import ParcoursCore
import ParcoursStore
import PostgresNIO

/// `parcours sync`: push what is pending, then pull this learner's own events that the
/// store lacks, so the learner can go on on another device.
///
/// When two devices advanced the same attempt offline, the server kept the one that
/// arrived first; the other device's attempt is a conflict. Nothing is overwritten: the
/// learner chooses, and either way the local run becomes a new attempt (the only rewrite
/// the store allows, of a log no destination ever accepted):
/// - `.keepLocal`: the local run goes on as that new attempt, and is sent as such;
/// - `.takeServer`: the local run is set aside (kept, not sent, not resumed), and the
///   server's attempt comes in under its own number.
public struct LearnerSync: Sendable {
    public enum Resolution: String, Sendable, CaseIterable {
        case keepLocal = "local"
        case takeServer = "server"
    }

    public struct Outcome: Sendable, Equatable {
        public var pushed = PostgresPush.Report()
        public var pulled = PostgresPull.Report()
        /// Conflicts resolved this time: (local enrollment, its new attempt number).
        public var resolved: [(enrollmentID: Int64, attempt: Int)] = []
        /// Conflicts still waiting for the learner's choice.
        public var conflicts: [PostgresPush.Conflict] = []
        /// Events still in the outbox afterwards.
        public var pending = 0

        public var isInSync: Bool { conflicts.isEmpty && pending == 0 }

        public static func == (lhs: Outcome, rhs: Outcome) -> Bool {
            lhs.pushed == rhs.pushed && lhs.pulled == rhs.pulled && lhs.conflicts == rhs.conflicts
                && lhs.pending == rhs.pending && lhs.resolved.map(\.enrollmentID) == rhs.resolved.map(\.enrollmentID)
                && lhs.resolved.map(\.attempt) == rhs.resolved.map(\.attempt)
        }

        public init() {}
    }

    public let server: PostgresServer
    public var validate: @Sendable (BundleEnrollment) -> String?

    public init(server: PostgresServer, validate: @escaping @Sendable (BundleEnrollment) -> String? = { _ in nil }) {
        self.server = server
        self.validate = validate
    }

    public func run(_ store: ProgressStore, resolution: Resolution? = nil, now: Date = Date()) async throws -> Outcome {
        var outcome = Outcome()
        let push = PostgresPush(server: server)
        let pull = PostgresPull(server: server, validate: validate)
        outcome.pushed = try await push.push(store)
        outcome.pulled = try await pull.pull(into: store, now: now)
        var open = try store.conflicts(destination: server.name).map {
            PostgresPush.Conflict(enrollmentID: $0.enrollmentID, detail: $0.detail)
        }
        if let resolution, !open.isEmpty {
            for conflict in open {
                let attempt = try await resolve(conflict.enrollmentID, resolution, in: store, now: now)
                outcome.resolved.append((conflict.enrollmentID, attempt))
            }
            // The server's attempt comes in now that its number is free, and a kept local
            // run goes out under its new one.
            let again = try await pull.pull(into: store, now: now)
            outcome.pulled.added += again.added
            outcome.pulled.refused += again.refused
            let sent = try await push.push(store)
            outcome.pushed.added += sent.added
            outcome.pushed.present += sent.present
            open = try store.conflicts(destination: server.name).map {
                PostgresPush.Conflict(enrollmentID: $0.enrollmentID, detail: $0.detail)
            }
        }
        outcome.conflicts = open
        outcome.pending = try store.pendingCount(destination: server.name)
        return outcome
    }

    /// Gives the local run a number the server has not used, and sets it aside when the
    /// learner goes on from the server's.
    private func resolve(_ enrollmentID: Int64, _ resolution: Resolution, in store: ProgressStore, now: Date)
        async throws -> Int
    {
        guard let enrollment = try store.enrollment(enrollmentID) else { return 0 }
        let participant = try store.participants().first { $0.id == enrollment.participantID }?.name ?? ""
        let pathID = enrollment.pathID
        let highest = try await server.withConnection { client -> Int in
            let rows = try await client.query(
                """
                SELECT coalesce(max(e.attempt), 0) FROM parcours.enrollment e
                  JOIN parcours.participant p ON p.id = e.participant_id
                 WHERE p.name = \(participant) AND e.path_id = \(pathID)
                """, logger: PostgresServer.logger)
            for try await value in rows.decode(Int.self) { return value }
            return 0
        }
        // Renumbering also clears the conflict and moves the cursor back before the run, so a
        // kept run is sent under its new number; a run set aside is never sent.
        switch resolution {
        case .keepLocal:
            return try store.renumberAsNewAttempt(enrollmentID: enrollmentID, atLeast: highest + 1)
        case .takeServer:
            return try store.setAsideAsNewAttempt(
                enrollmentID: enrollmentID, atLeast: highest + 1, reason: "the server's attempt was kept", at: now)
        }
    }
}
