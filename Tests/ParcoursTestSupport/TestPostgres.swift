import Foundation

/// The PostgreSQL server the tests run against, and a fresh database per test.
///
/// `make test` starts a throwaway server (Tests/Scripts/postgres-server.sh) and passes its
/// superuser URL in `PARCOURS_TEST_POSTGRES_URL`. Without it, a PostgreSQL test fails and says
/// how to run it, unless `PARCOURS_NO_POSTGRES=1` was set by hand: then the PostgreSQL suites
/// are skipped, with a note. Mark those suites with
/// `.enabled(if: TestPostgres.isEnabled, "PARCOURS_NO_POSTGRES=1: no PostgreSQL server")`.
///
/// Databases are made and dropped with `psql` (Debian's `postgresql-client`, which
/// `postgresql` brings), so this target needs no PostgreSQL client library.
public enum TestPostgres {
    /// The superuser URL of the test server: `postgresql://USER:PASSWORD@HOST:PORT/postgres`.
    public static let urlVariable = "PARCOURS_TEST_POSTGRES_URL"
    /// Set to `1` by hand to skip the PostgreSQL suites when no server is given.
    public static let skipVariable = "PARCOURS_NO_POSTGRES"

    /// Why a PostgreSQL test cannot run, or what went wrong doing it.
    public enum Failure: Error, CustomStringConvertible {
        case noServer
        case badURL(String)
        case badPrefix(String)
        case noPsql
        case psql(arguments: [String], result: ProcessRunner.Result)

        public var description: String {
            switch self {
            case .noServer:
                return """
                    No PostgreSQL server for the tests: \(urlVariable) is not set.
                    Run the tests with `make test`, which starts a throwaway PostgreSQL server and stops it \
                    afterwards; or set \(urlVariable) to a superuser URL of a server of your own \
                    (postgresql://USER:PASSWORD@127.0.0.1:5432/postgres; the tests create and drop their \
                    own databases there); or, to skip the PostgreSQL suites knowingly, set \
                    \(skipVariable)=1.
                    """
            case .badURL(let url):
                return "\(urlVariable) is not a postgresql:// URL: \(TestPostgres.redacted(url))"
            case .badPrefix(let prefix):
                return "database prefix \"\(prefix)\": use 1 to 40 lowercase letters, digits and underscores"
            case .noPsql:
                return "psql not found (PATH, /usr/lib/postgresql/15/bin): install postgresql-client (make deps does)"
            case .psql(let arguments, let result):
                return """
                    psql \(arguments.joined(separator: " ")) exited with \(result.status)
                    stdout: \(result.standardOutput)
                    stderr: \(result.standardError)
                    """
            }
        }
    }

    /// A database made for one test: its name and its URL (same server and credentials).
    public struct Database: Sendable {
        public let name: String
        public let url: String

        public init(name: String, url: String) {
            self.name = name
            self.url = url
        }
    }

    private static var environment: [String: String] { ProcessInfo.processInfo.environment }

    /// Whether the PostgreSQL suites run: false only when no server is given and
    /// `PARCOURS_NO_POSTGRES=1` says to skip them (and then a note goes to standard error).
    public static var isEnabled: Bool {
        ServiceSwitch.isEnabled(
            urlVariable: urlVariable, skipVariable: skipVariable, suites: "PostgreSQL", runner: "a throwaway server")
    }

    /// The superuser URL of the test server; throws, saying how to get one, when there is none.
    public static func serverURL() throws -> String {
        guard let url = environment[urlVariable], !url.isEmpty else { throw Failure.noServer }
        guard url.hasPrefix("postgresql://") || url.hasPrefix("postgres://"),
            URLComponents(string: url)?.host != nil
        else { throw Failure.badURL(url) }
        return url
    }

    /// Creates a fresh database named `PREFIX_RANDOM` on the test server and returns it.
    public static func makeDatabase(prefix: String) throws -> Database {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789_")
        guard (1...40).contains(prefix.count), prefix.allSatisfy(allowed.contains) else {
            throw Failure.badPrefix(prefix)
        }
        let server = try serverURL()
        let suffix = UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(12)
        let name = "\(prefix)_\(suffix)"
        _ = try psql(url: server, command: "CREATE DATABASE \"\(name)\"")
        guard var components = URLComponents(string: server) else { throw Failure.badURL(server) }
        components.path = "/\(name)"
        guard let url = components.string else { throw Failure.badURL(server) }
        return Database(name: name, url: url)
    }

    /// Drops a database made by `makeDatabase`, closing its connections first.
    public static func dropDatabase(_ database: Database) throws {
        _ = try psql(url: try serverURL(), command: "DROP DATABASE IF EXISTS \"\(database.name)\" WITH (FORCE)")
    }

    /// Runs `body` with a fresh database, dropped afterwards whether `body` throws or not.
    public static func withDatabase<T>(prefix: String, _ body: (Database) throws -> T) throws -> T {
        let database = try makeDatabase(prefix: prefix)
        do {
            let value = try body(database)
            try dropDatabase(database)
            return value
        } catch {
            try? dropDatabase(database)
            throw error
        }
    }

    /// Runs `body` with a fresh database, dropped afterwards whether `body` throws or not.
    public static func withDatabase<T>(
        prefix: String, _ body: (Database) async throws -> T
    ) async throws -> T {
        let database = try makeDatabase(prefix: prefix)
        do {
            let value = try await body(database)
            try dropDatabase(database)
            return value
        } catch {
            try? dropDatabase(database)
            throw error
        }
    }

    /// Runs one SQL command with `psql` against `url` and returns its output: unaligned,
    /// tuples only, stopping at the first error. The password travels in `PGPASSWORD`, not on
    /// the command line.
    public static func psql(url: String, command: String, timeout: Duration = .seconds(60)) throws -> String {
        guard var components = URLComponents(string: url) else { throw Failure.badURL(url) }
        var environment = ProcessInfo.processInfo.environment
        if let password = components.password {
            environment["PGPASSWORD"] = password
            components.password = nil
        }
        environment["PGCONNECT_TIMEOUT"] = environment["PGCONNECT_TIMEOUT"] ?? "10"
        guard let connection = components.string else { throw Failure.badURL(url) }
        let arguments = ["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", connection, "-c", command]
        let result = try ProcessRunner.run(
            executable: try psqlPath(), arguments: arguments, environment: environment, timeout: timeout)
        guard result.status == 0 else { throw Failure.psql(arguments: arguments, result: result) }
        return result.standardOutput
    }

    private static func psqlPath() throws -> String {
        let path = (environment["PATH"] ?? "").split(separator: ":").map { "\($0)/psql" }
        for candidate in path + ["/usr/lib/postgresql/15/bin/psql"]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        throw Failure.noPsql
    }

    /// `url` with its password replaced by `***`, for messages.
    public static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}
