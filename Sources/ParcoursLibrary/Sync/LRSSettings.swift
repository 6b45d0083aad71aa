import Foundation

/// A learning record store (LRS) as a sync destination: its xAPI base URL (`http://` or
/// `https://`, the statements resource is `base/statements`) and its HTTP Basic credentials.
///
/// The credentials come from, in order: the URL itself when it did not come from the command
/// line (`PARCOURS_SYNC_URL`, the configuration file); `PARCOURS_LRS_KEY` and
/// `PARCOURS_LRS_SECRET`; `key` and `secret` under `[lrs]` in the configuration file (mode
/// 0600); the `machine` of the LRS's host in `~/.netrc` (`NETRC` names another), ignored, as
/// `~/.pgpass` is, when others can read it. Never from argv.
public struct LRSSettings: Sendable, Equatable {
    /// The base URL without credentials, ending in `/`.
    public var base: URL
    public var key: String?
    /// Never printed, never stored in the learner's store, never accepted from argv.
    public var secret: String?

    public init(base: URL, key: String? = nil, secret: String? = nil) {
        self.base = base
        self.key = key
        self.secret = secret
    }

    /// The URL without credentials: how the destination is named in the store, in `status`
    /// and in every message.
    public var redacted: String { base.absoluteString }

    /// `base/statements`.
    public var statementsURL: URL { base.appendingPathComponent("statements") }

    /// The `Authorization` header's value, when there are credentials.
    public var authorization: String? {
        guard let key else { return nil }
        return "Basic " + Data("\(key):\(secret ?? "")".utf8).base64EncodedString()
    }

    /// Whether `text` names an LRS (`http://` or `https://`).
    public static func isLRSURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        return lower.hasPrefix("https://") || lower.hasPrefix("http://")
    }

    /// Reads `url`; its credentials, if any, only when `allowsPassword` (not from argv).
    public static func parse(_ url: String, allowsPassword: Bool = true) throws(ConnectionSettingsError) -> LRSSettings
    {
        guard isLRSURL(url), var components = URLComponents(string: url), let host = components.host, !host.isEmpty
        else {
            throw ConnectionSettingsError("'\(ConnectionSettings.redactedText(url))' is not an http(s):// URL")
        }
        if components.password != nil, !allowsPassword {
            throw ConnectionSettingsError(
                "a password does not go on the command line: put it in PARCOURS_LRS_KEY and PARCOURS_LRS_SECRET, "
                    + "under [lrs] in the configuration file (mode 0600), or in ~/.netrc")
        }
        let key = components.user.flatMap { $0.isEmpty ? nil : $0.removingPercentEncoding ?? $0 }
        let secret = components.password.map { $0.removingPercentEncoding ?? $0 }
        components.user = nil
        components.password = nil
        components.query = nil
        components.fragment = nil
        if !components.path.hasSuffix("/") { components.path += "/" }
        guard let base = components.url else {
            throw ConnectionSettingsError("'\(ConnectionSettings.redactedText(url))' is not an http(s):// URL")
        }
        return LRSSettings(base: base, key: key, secret: key == nil ? nil : secret)
    }

    /// `parse`, then the credentials from the environment, the configuration file or
    /// `~/.netrc` when the URL gave none. `warning` says why a `.netrc` was ignored.
    public static func resolve(
        _ url: String, environment: [String: String], config: ConfigFile?, allowsPassword: Bool,
        warning: (String) -> Void = { _ in }
    ) throws(ConnectionSettingsError) -> LRSSettings {
        var settings = try parse(url, allowsPassword: allowsPassword)
        if settings.key != nil { return settings }
        func nonEmpty(_ text: String?) -> String? { text.flatMap { $0.isEmpty ? nil : $0 } }
        if let key = nonEmpty(environment["PARCOURS_LRS_KEY"]) {
            settings.key = key
            settings.secret = environment["PARCOURS_LRS_SECRET"] ?? ""
            return settings
        }
        if let key = nonEmpty(config?.values["lrs.key"]) {
            settings.key = key
            settings.secret = config?.values["lrs.secret"] ?? ""
            return settings
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = nonEmpty(environment["NETRC"]) ?? (home as NSString).appendingPathComponent(".netrc")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return settings }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            warning("\(path) is ignored: others can read it (chmod 0600 \(path))")
            return settings
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8),
            let entry = NetrcFile(text: text).entry(for: settings.base.host ?? "")
        else { return settings }
        settings.key = entry.login
        settings.secret = entry.password
        return settings
    }
}

/// The `~/.netrc` format curl and ftp read: tokens separated by white space, `machine NAME`
/// or `default` opening an entry, `login` and `password` inside it, `macdef` skipped to the
/// next blank line, `#` starting a comment. The first `machine` that matches wins, else
/// `default`.
public struct NetrcFile: Sendable {
    public struct Entry: Sendable, Equatable {
        public var machine: String?
        public var login: String?
        public var password: String?
    }

    public let entries: [Entry]

    public init(text: String) {
        var entries: [Entry] = []
        var tokens: [Substring] = []
        var skippingMacro = false
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if skippingMacro {
                if line.allSatisfy(\.isWhitespace) { skippingMacro = false }
                continue
            }
            let content = line.trimmingCharacters(in: .whitespaces).hasPrefix("#") ? "" : line
            let words = content.split(whereSeparator: \.isWhitespace)
            if let index = words.firstIndex(of: "macdef") {
                tokens += words[..<index]
                skippingMacro = true
                continue
            }
            tokens += words
        }
        var index = 0
        var current: Entry?
        while index < tokens.count {
            let token = tokens[index]
            let value = index + 1 < tokens.count ? String(tokens[index + 1]) : nil
            switch token {
            case "machine":
                if let current { entries.append(current) }
                current = Entry(machine: value)
                index += 2
            case "default":
                if let current { entries.append(current) }
                current = Entry(machine: nil)
                index += 1
            case "login":
                current?.login = value
                index += 2
            case "password":
                current?.password = value
                index += 2
            case "account", "port":
                index += 2
            default:
                index += 1
            }
        }
        if let current { entries.append(current) }
        self.entries = entries
    }

    /// The entry of `host`, else the `default` one, with a login.
    public func entry(for host: String) -> (login: String, password: String)? {
        let found =
            entries.first { $0.machine?.lowercased() == host.lowercased() } ?? entries.first { $0.machine == nil }
        guard let found, let login = found.login else { return nil }
        return (login, found.password ?? "")
    }
}
