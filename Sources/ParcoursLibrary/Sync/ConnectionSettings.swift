import Foundation

/// Where a PostgreSQL server is and how to reach it, read the way psql reads it: a
/// `postgresql://` URL, completed by the `PG*` environment variables and `~/.pgpass`.
///
/// Pure: the environment and the password file's text come in as values, so the rules are
/// tested without touching the machine (`ConnectionSettings+Environment` reads them).
public struct ConnectionSettings: Sendable, Equatable {
    /// How the connection is protected, with libpq's names (a subset: the ones parcours
    /// can honour faithfully).
    public enum SSLMode: String, Sendable, Equatable, CaseIterable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, plain otherwise (libpq's default).
        case prefer
        /// TLS, without checking the certificate (libpq's `require`).
        case require
        /// TLS, with the certificate checked against the system's authorities and the host name.
        case verifyFull = "verify-full"
    }

    public var host: String
    public var port: Int
    public var user: String
    public var database: String
    public var sslMode: SSLMode
    /// Never printed, never stored in the learner's store, never accepted from argv.
    public var password: String?

    public init(
        host: String, port: Int = 5432, user: String, database: String, sslMode: SSLMode = .prefer,
        password: String? = nil
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.sslMode = sslMode
        self.password = password
    }

    /// The URL without its password: how a destination is named in the store, in `status`
    /// and in every message.
    public var redacted: String {
        var text = "postgresql://\(Self.escape(user))@\(host.contains(":") ? "[\(host)]" : host):\(port)/"
        text += Self.escape(database)
        if sslMode != .prefer { text += "?sslmode=\(sslMode.rawValue)" }
        return text
    }

    /// This server with another role (`db add-learner` prints the URL a learner will use).
    public func with(user: String, password: String? = nil) -> ConnectionSettings {
        var copy = self
        copy.user = user
        copy.password = password
        return copy
    }

    /// A `~/.pgpass` line for this server and role (`host:port:database:user:password`).
    public func passwordFileLine(password: String) -> String {
        [host, String(port), database, user, password].map(PasswordFile.escape).joined(separator: ":")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(
            withAllowedCharacters: .urlUserAllowed.subtracting(CharacterSet(charactersIn: ":@/"))) ?? text
    }
}

/// Why a connection string was refused.
public struct ConnectionSettingsError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) { self.message = message }

    public var description: String { message }
}

extension ConnectionSettings {
    /// Whether `text` names a PostgreSQL server (`postgresql://` or `postgres://`).
    public static func isPostgresURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://")
    }

    /// Reads `url`, filling what it leaves out from `environment` (`PGHOST`, `PGPORT`,
    /// `PGUSER`, `PGDATABASE`, `PGSSLMODE`, `PGPASSWORD`) and then from the password file's
    /// text, as libpq does: the URL first, then the environment, then the defaults (local
    /// host, port 5432, the login name as user, the user as database).
    ///
    /// `allowsPassword` is false for a URL that came from the command line: a password there
    /// would sit in the shell's history and in every process listing.
    public static func parse(
        _ url: String, environment: [String: String] = [:], passwordFile: String? = nil,
        allowsPassword: Bool = true
    ) throws(ConnectionSettingsError) -> ConnectionSettings {
        guard isPostgresURL(url), let components = URLComponents(string: url) else {
            throw ConnectionSettingsError("'\(url)' is not a postgresql:// URL")
        }
        if components.password != nil, !allowsPassword {
            throw ConnectionSettingsError(
                "a password does not go on the command line: put it in ~/.pgpass or PGPASSWORD, "
                    + "or in the configuration file (mode 0600)")
        }
        var query: [String: String] = [:]
        for item in components.queryItems ?? [] { query[item.name] = item.value ?? "" }
        let known: Set<String> = ["sslmode", "host", "port", "user", "dbname", "application_name", "connect_timeout"]
        if let unknown = query.keys.sorted().first(where: { !known.contains($0) }) {
            throw ConnectionSettingsError("unknown connection parameter '\(unknown)' in \(redactedText(url))")
        }
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        let host =
            nonEmpty(components.percentEncodedHost.map { $0.removingPercentEncoding ?? $0 })
            ?? nonEmpty(query["host"]) ?? nonEmpty(environment["PGHOST"]) ?? "localhost"
        if host.hasPrefix("/") {
            throw ConnectionSettingsError("a Unix socket (\(host)) is not supported: give a host name")
        }
        let portText = components.port.map(String.init) ?? nonEmpty(query["port"]) ?? nonEmpty(environment["PGPORT"])
        var port = 5432
        if let portText {
            guard let number = Int(portText), (1...65_535).contains(number) else {
                throw ConnectionSettingsError("'\(portText)' is not a port number")
            }
            port = number
        }
        let login = nonEmpty(environment["USER"]) ?? nonEmpty(environment["LOGNAME"]) ?? "postgres"
        let user = nonEmpty(components.user) ?? nonEmpty(query["user"]) ?? nonEmpty(environment["PGUSER"]) ?? login
        let pathName = String(components.path.drop(while: { $0 == "/" }))
        let database = nonEmpty(pathName) ?? nonEmpty(query["dbname"]) ?? nonEmpty(environment["PGDATABASE"]) ?? user
        let modeText = nonEmpty(query["sslmode"]) ?? nonEmpty(environment["PGSSLMODE"]) ?? SSLMode.prefer.rawValue
        guard let sslMode = SSLMode(rawValue: modeText) else {
            let names = SSLMode.allCases.map(\.rawValue).joined(separator: ", ")
            throw ConnectionSettingsError("sslmode '\(modeText)' is not one parcours knows (\(names))")
        }
        var settings = ConnectionSettings(host: host, port: port, user: user, database: database, sslMode: sslMode)
        settings.password =
            components.password ?? nonEmpty(environment["PGPASSWORD"])
            ?? passwordFile.flatMap { PasswordFile(text: $0).password(for: settings) }
        return settings
    }

    /// `url` with any password replaced, for a message about a URL that could not be read.
    static func redactedText(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "****"
        return components.string ?? "the URL"
    }
}
