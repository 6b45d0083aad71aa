import Foundation
import ParcoursTestSupport
import Testing

/// The throwaway PostgreSQL server of `make test` is there and fit for the PostgreSQL suites:
/// a database per test, real password authentication, room for many connections.
///
/// Without `PARCOURS_TEST_POSTGRES_URL` these tests fail, saying how to run them, unless
/// `PARCOURS_NO_POSTGRES=1` skips them by hand.
@Suite(
    "PostgreSQL test server",
    .enabled(if: TestPostgres.isEnabled, "PARCOURS_NO_POSTGRES=1 and no PARCOURS_TEST_POSTGRES_URL"))
struct PostgresHarnessTests {
    @Test func aFreshDatabaseAnswersAndIsDropped() throws {
        let database = try TestPostgres.makeDatabase(prefix: "harness")
        #expect(database.name.hasPrefix("harness_"))
        #expect(database.url.hasSuffix("/\(database.name)"))

        let answer = try TestPostgres.psql(url: database.url, command: "select 1")
        #expect(answer.trimmingCharacters(in: .whitespacesAndNewlines) == "1")
        let current = try TestPostgres.psql(url: database.url, command: "select current_database()")
        #expect(current.trimmingCharacters(in: .whitespacesAndNewlines) == database.name)

        try TestPostgres.dropDatabase(database)
        let left = try TestPostgres.psql(
            url: try TestPostgres.serverURL(),
            command: "select count(*) from pg_database where datname = '\(database.name)'")
        #expect(left.trimmingCharacters(in: .whitespacesAndNewlines) == "0")
    }

    /// Role and permission tests need the server to check passwords, and the 64-learner sync
    /// test needs connections to spare.
    @Test func passwordsAreCheckedAndConnectionsAreMany() throws {
        let server = try TestPostgres.serverURL()
        var wrong = try #require(URLComponents(string: server))
        wrong.password = "not-the-password"
        let refused = #expect(throws: TestPostgres.Failure.self) {
            try TestPostgres.psql(url: try #require(wrong.string), command: "select 1")
        }
        #expect("\(refused.map(String.init(describing:)) ?? "")".contains("password authentication failed"))

        let limit = try TestPostgres.psql(url: server, command: "show max_connections")
        #expect((Int(limit.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0) >= 200)
    }
}
