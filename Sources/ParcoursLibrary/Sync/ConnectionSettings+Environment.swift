import Foundation

extension ConnectionSettings {
    /// `parse` with this process's environment and password file: `PGPASSFILE`, or
    /// `~/.pgpass`. As libpq does, a password file that its group or others can read is
    /// ignored, and `warning` says so.
    public static func resolve(
        _ url: String, environment: [String: String] = ProcessInfo.processInfo.environment,
        allowsPassword: Bool = true, warning: (String) -> Void = { _ in }
    ) throws(ConnectionSettingsError) -> ConnectionSettings {
        let settings = try parse(url, environment: environment, allowsPassword: allowsPassword)
        if settings.password != nil { return settings }
        let home = environment["HOME"] ?? NSHomeDirectory()
        let path = environment["PGPASSFILE"] ?? (home as NSString).appendingPathComponent(".pgpass")
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return settings }
        if let mode = attributes[.posixPermissions] as? Int, mode & 0o077 != 0 {
            warning(
                "\(path) is ignored: others can read it (chmod 0600 \(path))")
            return settings
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return settings }
        return try parse(url, environment: environment, passwordFile: text, allowsPassword: allowsPassword)
    }
}
