import Foundation
import ParcoursLibrary
import PostgresNIO
import Testing

@testable import ParcoursLibrary
@testable import ParcoursSync

@Suite(.enabled(if: TestServer.isAvailable)) struct ServerSchemaTests {
    /// What a schema is made of, to compare one migrated step by step with a new one.
    static func fingerprint(_ server: PostgresServer) async throws -> [String] {
        try await server.withConnection { client in
            var lines: [String] = []
            let queries: [PostgresQuery] = [
                """
                SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable
                  FROM information_schema.columns WHERE table_schema = 'parcours' ORDER BY 1
                """,
                "SELECT tablename || ' ' || policyname || ' ' || cmd || ' ' || qual FROM pg_policies WHERE schemaname = 'parcours' ORDER BY 1",
                """
                SELECT p.proname || ' ' || p.prosecdef || ' ' || md5(p.prosrc) FROM pg_proc p
                  JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'parcours' ORDER BY 1
                """,
                "SELECT indexname || ' ' || indexdef FROM pg_indexes WHERE schemaname = 'parcours' ORDER BY 1",
                "SELECT relname || ' ' || relrowsecurity FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'parcours' AND c.relkind = 'r' ORDER BY 1",
            ]
            for query in queries {
                for try await line in try await client.query(query, logger: PostgresServer.logger).decode(String.self) {
                    lines.append(line)
                }
            }
            return lines
        }
    }

    @Test func aNewDatabaseGetsEveryMigrationAndASecondInitChangesNothing() async throws {
        let server = try await TestServer.freshDatabase("init")
        let first = try await ServerMigrator.migrate(server)
        #expect(first.from == 0)
        #expect(first.to == ServerSchema.currentVersion)
        #expect(first.applied.count == ServerSchema.migrations.count)
        let second = try await ServerMigrator.migrate(server)
        #expect(second.applied.isEmpty)
        #expect(second.from == ServerSchema.currentVersion)
    }

    @Test(arguments: 1..<ServerSchema.currentVersion)
    func aDatabaseAtEachEarlierVersionIsBroughtToTheSameSchema(_ version: Int) async throws {
        let fresh = try await TestServer.initializedDatabase("fresh")
        let old = try await TestServer.freshDatabase("old")
        let partial = try await ServerMigrator.migrate(old, upTo: version)
        #expect(partial.to == version)
        let rest = try await ServerMigrator.migrate(old)
        #expect(rest.from == version)
        #expect(rest.applied.count == ServerSchema.currentVersion - version)
        let expected = try await Self.fingerprint(fresh)
        #expect(!expected.isEmpty)
        #expect(try await Self.fingerprint(old) == expected)
    }

    @Test func twoInitsAtOnceApplyEachMigrationOnce() async throws {
        let server = try await TestServer.freshDatabase("race")
        async let first = ServerMigrator.migrate(server)
        async let second = ServerMigrator.migrate(server)
        let outcomes = try await [first, second]
        #expect(outcomes.map(\.applied.count).reduce(0, +) == ServerSchema.migrations.count)
    }

    @Test func aNewerSchemaIsRefusedAndLeftAlone() async throws {
        let server = try await TestServer.initializedDatabase("newer")
        try await server.withConnection { client in
            try await client.execute("INSERT INTO parcours.schema_migration (version, name) VALUES (99, 'future')")
        }
        await #expect(throws: SyncError.newerSchema(destination: server.name, version: 99)) {
            try await ServerMigrator.migrate(server)
        }
    }

    @Test func aDatabaseWithoutTheSchemaIsNamedAsSuch() async throws {
        let server = try await TestServer.freshDatabase("bare")
        let store = try LocalLogs.store()
        try LocalLogs.walk("ana", in: store, steps: 1)
        await #expect(throws: SyncError.notInitialized(destination: server.name)) {
            try await PostgresPush(server: server).push(store)
        }
    }
}
