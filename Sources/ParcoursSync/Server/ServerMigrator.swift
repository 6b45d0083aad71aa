import Logging
import ParcoursLibrary
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
        try await server.withConnection { client in
            let from = try await version(client)
            if from > ServerSchema.currentVersion {
                throw SyncError.newerSchema(destination: server.name, version: from)
            }
            var applied: [String] = []
            var reached = from
            for migration in ServerSchema.migrations where migration.version <= target {
                let done: Bool = try await client.withTransaction(logger: PostgresServer.logger) { connection in
                    try await connection.execute("SELECT pg_advisory_xact_lock(7165030218)")
                    // Read again under the lock: another init may have applied it meanwhile.
                    if try await version(connection) >= migration.version { return false }
                    for statement in migration.statements {
                        try await connection.execute(PostgresQuery(unsafeSQL: statement))
                    }
                    try await connection.execute(
                        "INSERT INTO parcours.schema_migration (version, name) VALUES (\(migration.version), \(migration.name))"
                    )
                    return true
                }
                if done { applied.append("\(migration.version) \(migration.name)") }
                reached = max(reached, migration.version)
            }
            return Outcome(from: from, to: reached, applied: applied)
        }
    }

    /// The schema version a database holds: 0 without parcours.
    static func version(_ connection: PostgresConnection) async throws -> Int {
        // Two statements: a query naming a table that does not exist fails when it is
        // planned, even in a branch that would not run.
        var exists = false
        for try await value in try await connection.query(
            // A scan of the catalog, not to_regclass: the name lookup's cache can miss what
            // another init committed while this one waited for the lock.
            """
            SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables
                            WHERE schemaname = 'parcours' AND tablename = 'schema_migration')
            """, logger: PostgresServer.logger
        ).decode(Bool.self) { exists = value }
        guard exists else { return 0 }
        for try await value in try await connection.query(
            "SELECT coalesce(max(version), 0)::bigint FROM parcours.schema_migration", logger: PostgresServer.logger
        ).decode(Int.self) { return value }
        return 0
    }

    /// Refuses a server this parcours cannot work with: no schema, or a newer one.
    static func checkVersion(_ client: PostgresConnection, server: PostgresServer) async throws {
        let found = try await version(client)
        if found == 0 { throw SyncError.notInitialized(destination: server.name) }
        if found > ServerSchema.currentVersion { throw SyncError.newerSchema(destination: server.name, version: found) }
    }
}
