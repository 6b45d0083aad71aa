import Foundation
import ParcoursLibrary
import PostgresNIO
import Testing

@testable import ParcoursLibrary
@testable import ParcoursSync

/// The throwaway PostgreSQL server `make test` starts (`PARCOURS_TEST_POSTGRES_URL`, a
/// superuser's URL). Each test gets a database of its own. Without the server the suites
/// fail, loudly, unless `PARCOURS_NO_POSTGRES=1` was set by hand.
enum TestServer {
    static let url = ProcessInfo.processInfo.environment["PARCOURS_TEST_POSTGRES_URL"]
    static let excused = ProcessInfo.processInfo.environment["PARCOURS_NO_POSTGRES"] == "1"
    /// Whether the PostgreSQL tests run.
    static let isAvailable = url != nil

    static func admin() throws -> ConnectionSettings {
        guard let url else {
            throw ConnectionSettingsError(
                "PARCOURS_TEST_POSTGRES_URL is not set: run the tests with `make test`, which starts a server")
        }
        return try ConnectionSettings.parse(url)
    }

    /// A new, empty database on the test server, as its superuser.
    static func freshDatabase(_ prefix: String = "t") async throws -> PostgresServer {
        let admin = try admin()
        let name = "parcours_\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
        try await PostgresServer(settings: admin).withConnection { client in
            try await client.execute(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)"))
        }
        var settings = admin
        settings.database = name
        return PostgresServer(settings: settings)
    }

    /// A new database with the parcours schema.
    static func initializedDatabase(_ prefix: String = "t") async throws -> PostgresServer {
        let server = try await freshDatabase(prefix)
        _ = try await ServerMigrator.migrate(server)
        return server
    }

    /// `server` as `role` with `password`.
    static func login(_ server: PostgresServer, as credentials: ServerAdmin.Credentials) -> PostgresServer {
        PostgresServer(settings: server.settings.with(user: credentials.role, password: credentials.password))
    }

    /// A unique learner name, since roles are the whole cluster's.
    static func uniqueName(_ base: String) -> String {
        "\(base) \(UUID().uuidString.prefix(6))"
    }
}

@Suite struct TestServerPresence {
    /// The PostgreSQL suites are skipped only by hand: without a server, this fails.
    @Test func thePostgreSQLServerIsThere() {
        #expect(
            TestServer.isAvailable || TestServer.excused,
            "No PostgreSQL server for the tests: run `make test`, or set PARCOURS_TEST_POSTGRES_URL, or PARCOURS_NO_POSTGRES=1 to skip them knowingly"
        )
        if !TestServer.isAvailable && TestServer.excused {
            print("PARCOURS_NO_POSTGRES=1: the PostgreSQL suites are skipped")
        }
    }
}
