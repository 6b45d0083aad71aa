import Foundation
import Logging
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import PostgresNIO

/// Sends a store's outbox to a PostgreSQL cohort store: batches of events past the
/// destination's cursor, each batch one call of `parcours.append_runs`, so one transaction.
/// Replays are no-ops there; an attempt the server holds differently is a conflict, recorded
/// in the store and never overwritten. The cursor moves only once a batch is settled.
public struct PostgresPush: Sendable {
    public struct Report: Sendable, Equatable {
        public var added = 0
        /// Events the server already had, identical.
        public var present = 0
        /// Local attempts the server holds differently: (local enrollment, why).
        public var conflicts: [Conflict] = []

        public init() {}
    }

    public struct Conflict: Sendable, Equatable {
        public var enrollmentID: Int64
        public var detail: String
    }

    public let server: PostgresServer
    /// How many events go in one batch (one transaction on the server).
    public var batchSize = 500

    public init(server: PostgresServer) {
        self.server = server
    }

    /// Pushes everything pending in `store` for this destination; when the role is a
    /// learner's, only that learner's events (the others' are not this destination's).
    public func push(_ store: ProgressStore, now: @Sendable () -> Date = Date.init) async throws -> Report {
        let destination = server.name
        do {
            let report = try await server.withConnection { client in
                try await ServerMigrator.checkVersion(client, server: server)
                let me = try await Identity.of(client)
                var report = Report()
                while true {
                    let batch = try store.outboxBatch(destination: destination, limit: batchSize)
                    if batch.isEmpty {
                        // Only rows this destination never takes (set aside) were left.
                        if batch.lastEventID > 0 {
                            try store.markSynced(destination: destination, through: batch.lastEventID, at: now())
                        }
                        break
                    }
                    let last = batch.lastEventID
                    let runs = try PushRun.runs(batch, onlyFor: me?.participant)
                    if !runs.isEmpty {
                        let rows = try await client.query(
                            "SELECT run, status, added, present, detail FROM parcours.append_runs(\(try PushRun.json(runs))::jsonb)",
                            logger: PostgresServer.logger)
                        for try await (run, status, added, present, detail) in rows.decode(
                            (Int, String, Int, Int, String?).self)
                        {
                            report.added += added
                            report.present += present
                            let enrollmentID = runs[run - 1].enrollmentID
                            if status == "conflict" {
                                let conflict = Conflict(enrollmentID: enrollmentID, detail: detail ?? "conflict")
                                report.conflicts.append(conflict)
                                try store.recordConflict(
                                    destination: destination, enrollmentID: enrollmentID, detail: conflict.detail,
                                    at: now())
                            } else {
                                try store.clearConflict(destination: destination, enrollmentID: enrollmentID)
                            }
                        }
                    }
                    try store.markSynced(destination: destination, through: last, at: now())
                }
                return report
            }
            return report
        } catch {
            let kind = (error as? SyncError)?.kind ?? "store"
            try? store.markFailed(destination: destination, error: "\(kind): \(error)", at: now())
            throw error
        }
    }
}

/// Who the server says this role is: a learner (their participant and cohort), or nil for
/// an owner or administrator, who may write for anyone.
struct Identity: Sendable, Equatable {
    var participant: String
    var cohort: String

    static func of(_ client: PostgresConnection) async throws -> Identity? {
        let rows = try await client.query(
            "SELECT participant, cohort FROM parcours.whoami()", logger: PostgresServer.logger)
        for try await (participant, cohort) in rows.decode((String, String).self) {
            return Identity(participant: participant, cohort: cohort)
        }
        return nil
    }
}
