import Logging
import PostgresNIO

/// `parcours db init`: brings a database to `ServerSchema.currentVersion`, one migration
/// per transaction, under an advisory lock so that two inits at once apply each migration
/// once. A database with a newer schema is refused, never touched.
public enum ServerMigrator {
    /// What `migrate` did.
    public struct Outcome: Sendable, Equatable {
        /// The version found before (0 for a database without parcours).
        public var from: Int
        public var to: Int
        public var applied: [String]
    }

    /// Applies the migrations `server` lacks, up to `target` (tests stop half-way to
    /// check an upgrade from each earlier version).
    public static func migrate(_ server: PostgresServer, upTo target: Int = ServerSchema.currentVersion)
        async throws -> Outcome
    {
        try await server.withClient { client in
            let from = try await version(client)
            if from > ServerSchema.currentVersion {
                throw SyncError.newerSchema(destination: server.name, version: from)
            }
            var applied: [String] = []
            var reached = from
            for migration in ServerSchema.migrations where migration.version <= target {
                let done: Bool = try await client.withTransaction(logger: PostgresServer.logger) { connection in
                    try await connection.query("SELECT pg_advisory_xact_lock(7165030218)", logger: PostgresServer.logger)
                    // Read again under the lock: another init may have applied it meanwhile.
                    if try await version(connection) >= migration.version { return false }
                    for statement in migration.statements {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: PostgresServer.logger)
                    }
                    try await connection.query(
                        "INSERT INTO parcours.schema_migration (version, name) VALUES (\(migration.version), \(migration.name))",
                        logger: PostgresServer.logger)
                    return true
                }
                if done { applied.append("\(migration.version) \(migration.name)") }
                reached = max(reached, migration.version)
            }
            return Outcome(from: from, to: reached, applied: applied)
        }
    }

    /// The schema version a database holds: 0 without parcours.
    static func version(_ client: PostgresClient) async throws -> Int {
        try await client.withConnection { try await version($0) }
    }

    static func version(_ connection: PostgresConnection) async throws -> Int {
        let rows = try await connection.query(
            """
            SELECT CASE WHEN to_regclass('parcours.schema_migration') IS NULL THEN 0
                   ELSE (SELECT coalesce(max(version), 0) FROM parcours.schema_migration) END
            """, logger: PostgresServer.logger)
        for try await value in rows.decode(Int.self) { return value }
        return 0
    }

    /// Refuses a server this parcours cannot work with: no schema, or a newer one.
    static func checkVersion(_ client: PostgresClient, server: PostgresServer) async throws {
        let found = try await version(client)
        if found == 0 { throw SyncError.notInitialized(destination: server.name) }
        if found > ServerSchema.currentVersion { throw SyncError.newerSchema(destination: server.name, version: found) }
    }
}
