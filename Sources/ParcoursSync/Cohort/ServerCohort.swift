import Foundation
import ParcoursCore
import ParcoursStore

/// A cohort read from the server, for `report` and `calibrate`: every log the role may see
/// (row-level security decides: a facilitator their cohorts, an administrator all), copied
/// into a private SQLite store that the report then reads exactly as it reads any store.
/// One reading of a cohort, whatever its source: the figures cannot differ from the same
/// events read from SQLite, and the report's own checks (`LogValidation`) apply unchanged.
/// One difference, on purpose: an attempt started without `--cohort` is counted in the
/// cohort its learner's role belongs to, which only the server knows.
public enum ServerCohort {
    /// Writes the cohort into a new store at `path` (which must not exist yet) and returns
    /// how many participants and events it holds.
    @discardableResult
    public static func copy(
        from server: PostgresServer, cohort: String? = nil, pathID: String? = nil, to path: String,
        now: Date = Date()
    ) async throws -> (participants: Int, events: Int) {
        let bundles = try await server.withConnection { client in
            try await ServerMigrator.checkVersion(client, server: server)
            return try await ServerLogs.bundles(
                client, filter: ServerLogs.Filter(cohort: cohort, pathID: pathID, cohortFromRole: true), exportedAt: now
            )
        }
        let store = try ProgressStore.open(path: path)
        var events = 0
        var participants = 0
        for bundle in bundles where !bundle.enrollments.isEmpty {
            try store.importBundle(bundle)
            participants += 1
            events += bundle.eventCount
        }
        return (participants, events)
    }
}
