import Foundation

/// Where the progress store lives: a file named by the user, or the personal default.
///
/// The order is `--store FILE`, then `$PARCOURS_STORE`, then
/// `$XDG_DATA_HOME/parcours/progress.sqlite` (XDG_DATA_HOME defaulting to
/// `~/.local/share`). Only the personal default is made private (directory 0700, file
/// 0600): a store the user names keeps the permissions they gave it, so a shared cohort
/// store can be group-writable.
public struct StoreLocation: Sendable, Equatable {
    /// Where the path came from, which decides whether parcours may set its permissions.
    public enum Origin: Sendable, Equatable {
        /// Named on the command line (`--store FILE`).
        case explicit
        /// Named by the `PARCOURS_STORE` environment variable.
        case environment
        /// The personal store under the XDG data directory.
        case personalDefault
    }

    /// The environment variable that names a store when `--store` is not given.
    public static let environmentVariable = "PARCOURS_STORE"

    public var path: String
    public var origin: Origin

    public init(path: String, origin: Origin) {
        self.path = path
        self.origin = origin
    }

    /// The personal store's path, computed from the environment and home directory only.
    ///
    /// A relative or empty `XDG_DATA_HOME` is ignored, as the XDG specification requires.
    public static func personalDefaultPath(environment: [String: String], home: String) -> String {
        var dataHome = (home as NSString).appendingPathComponent(".local/share")
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            dataHome = xdg
        }
        return (dataHome as NSString).appendingPathComponent("parcours/progress.sqlite")
    }

    /// Picks the store: the explicit path, else `$PARCOURS_STORE`, else the personal default.
    public static func resolve(explicit: String?, environment: [String: String], home: String)
        -> StoreLocation
    {
        if let explicit, !explicit.isEmpty {
            return StoreLocation(path: explicit, origin: .explicit)
        }
        if let named = environment[environmentVariable], !named.isEmpty {
            return StoreLocation(path: named, origin: .environment)
        }
        return StoreLocation(
            path: personalDefaultPath(environment: environment, home: home),
            origin: .personalDefault)
    }

    /// Picks the store for this process, from its environment and the user's home.
    public static func resolve(explicit: String?) -> StoreLocation {
        resolve(
            explicit: explicit, environment: ProcessInfo.processInfo.environment,
            home: FileManager.default.homeDirectoryForCurrentUser.path)
    }

    /// Makes the personal store private before first use: directories 0700, file 0600.
    ///
    /// Modes are set with chmod after creating, so a permissive umask cannot widen them.
    /// Existing directories and files are left as they are, and a store the user named is
    /// never touched: SQLite creates it with the user's umask when it is first opened.
    public func prepare() throws(StoreError) {
        guard origin == .personalDefault else { return }
        let directory = (path as NSString).deletingLastPathComponent
        try Self.makeDirectories(directory, for: path)
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if descriptor >= 0 {
            close(descriptor)
            try Self.changeMode(path, to: 0o600, for: path)
        } else if errno != EEXIST {
            throw .cannotCreate(path: path, reason: Self.describeErrno())
        }
    }

    /// Creates each missing directory down to `directory` with mode 0700.
    private static func makeDirectories(_ directory: String, for store: String) throws(StoreError) {
        var missing: [String] = []
        var current = directory
        while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
            missing.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        for component in missing.reversed() {
            if mkdir(component, 0o700) != 0 && errno != EEXIST {
                throw .cannotCreate(path: store, reason: "\(component): \(describeErrno())")
            }
            try changeMode(component, to: 0o700, for: store)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory),
            isDirectory.boolValue
        else {
            throw .cannotCreate(path: store, reason: "\(directory) is not a directory")
        }
    }

    private static func changeMode(_ path: String, to mode: mode_t, for store: String)
        throws(StoreError)
    {
        if chmod(path, mode) != 0 {
            throw .cannotCreate(path: store, reason: "\(path): \(describeErrno())")
        }
    }

    private static func describeErrno() -> String {
        String(cString: strerror(errno))
    }
}
