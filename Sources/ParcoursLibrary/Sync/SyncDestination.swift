import Foundation

/// Where a learner's events go, if anywhere: `--sync URL`, else `PARCOURS_SYNC_URL`, else
/// `sync` in the configuration file. The first found wins.
public struct SyncDestination: Sendable, Equatable {
    /// Where the URL came from, for messages.
    public enum Origin: String, Sendable, Equatable {
        case option = "--sync"
        case environment = "PARCOURS_SYNC_URL"
        case configFile = "config.toml"
    }

    public var url: String
    public var origin: Origin

    /// The configuration file: `$XDG_CONFIG_HOME/parcours/config.toml`, or under `~/.config`.
    public static func configPath(environment: [String: String]) -> String {
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((environment["HOME"] ?? NSHomeDirectory()) as NSString).appendingPathComponent(".config")
        return ((base as NSString).appendingPathComponent("parcours") as NSString).appendingPathComponent("config.toml")
    }

    /// Reads the configuration file, if there is one. A file others can read is refused
    /// (it may hold a password): mode 0600, as ssh and libpq ask of theirs.
    public static func readConfig(environment: [String: String]) throws(SyncError) -> ConfigFile? {
        let path = configPath(environment: environment)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            throw .configuration(
                reason: "\(path) can be read by others (mode \(String(mode & 0o777, radix: 8))): chmod 600 \(path)")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .configuration(reason: "\(path) cannot be read")
        }
        do {
            return try ConfigFile(text: String(decoding: data, as: UTF8.self))
        } catch {
            throw .configuration(reason: "\(path):\(error)")
        }
    }

    /// The destination, or nil when none is configured.
    public static func resolve(option: String?, environment: [String: String]) throws(SyncError) -> SyncDestination? {
        if let option, !option.isEmpty { return SyncDestination(url: option, origin: .option) }
        if let url = environment["PARCOURS_SYNC_URL"], !url.isEmpty {
            return SyncDestination(url: url, origin: .environment)
        }
        if let url = try readConfig(environment: environment)?.values["sync"], !url.isEmpty {
            return SyncDestination(url: url, origin: .configFile)
        }
        return nil
    }

    /// The server this destination names, with the password from the environment or
    /// `~/.pgpass` (a URL from the command line may not carry one).
    public func settings(environment: [String: String], warning: (String) -> Void = { _ in }) throws(SyncError)
        -> ConnectionSettings
    {
        guard ConnectionSettings.isPostgresURL(url) else {
            throw .configuration(
                reason:
                    "\(origin.rawValue): '\(ConnectionSettings.redactedText(url))' is neither a postgresql:// URL nor an LRS's http(s):// one"
            )
        }
        do {
            return try ConnectionSettings.resolve(
                url, environment: environment, allowsPassword: origin != .option, warning: warning)
        } catch {
            throw .configuration(reason: "\(origin.rawValue): \(error.message)")
        }
    }

    /// Whether this destination is a learning record store (an `http(s)://` URL).
    public var isLRS: Bool { LRSSettings.isLRSURL(url) }

    /// The LRS this destination names, with its credentials (see `LRSSettings.resolve`).
    public func lrsSettings(environment: [String: String], warning: (String) -> Void = { _ in }) throws(SyncError)
        -> LRSSettings
    {
        let config = try Self.readConfig(environment: environment)
        do {
            return try LRSSettings.resolve(
                url, environment: environment, config: config, allowsPassword: origin != .option, warning: warning)
        } catch {
            throw .configuration(reason: "\(origin.rawValue): \(error.message)")
        }
    }

    /// What the destination is: a PostgreSQL server or an LRS, by the URL's scheme.
    public func target(environment: [String: String], warning: (String) -> Void = { _ in }) throws(SyncError)
        -> SyncTarget
    {
        if isLRS { return .lrs(try lrsSettings(environment: environment, warning: warning)) }
        return .postgres(try settings(environment: environment, warning: warning))
    }
}

/// A sync destination of either kind, as `status` and the REPL see it.
public enum SyncTarget: Sendable, Equatable {
    case postgres(ConnectionSettings)
    case lrs(LRSSettings)

    /// The destination's name in the store (its outbox cursor) and in messages: the URL
    /// without its password.
    public var name: String {
        switch self {
        case .postgres(let settings): settings.redacted
        case .lrs(let settings): settings.redacted
        }
    }
}
