import Foundation
import ParcoursLibrary

/// `parcours-sync`, the program beside `parcours` that does everything needing the network:
/// `parcours sync` and `parcours db` run it in place of `parcours`, the REPL starts it in the
/// background after each saved step, and `report` asks it for a server's copy.
///
/// Apart for speed, as git keeps `git-remote-https` apart from `git`: linking postgres-nio
/// into `parcours` made every start slower (the Swift runtime scans every module's
/// conformance records), for learners who never sync.
package enum SyncHelper {
    /// The commands `parcours` hands over to `parcours-sync`.
    package static let commands: Set<String> = ["sync", "db"]

    /// `parcours-sync` beside this executable (`PARCOURS_SYNC_HELPER` names another, for tests).
    package static func path() -> String? {
        if let explicit = ProcessEnvironment.variables["PARCOURS_SYNC_HELPER"], !explicit.isEmpty { return explicit }
        guard let executable = ContentLibrary.executablePath() else { return nil }
        let candidate = ((executable as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("parcours-sync")
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }

    /// Replaces this process with `parcours-sync ARGUMENTS`: its output, input and exit
    /// status are the command's. Returns only when it cannot be run.
    package static func replaceProcess(arguments: [String]) -> CLIError {
        guard let helper = path() else { return .syncHelperMissing }
        let argv = ([helper] + arguments).map { strdup($0) } + [nil]
        execv(helper, argv)
        return .syncHelperMissing
    }

    /// Runs `parcours-sync ARGUMENTS` and waits; its standard error is the user's. Returns its
    /// exit status.
    package static func run(arguments: [String], environment: [String: String]? = nil) throws -> Int32 {
        guard let helper = path() else { throw CLIError.syncHelperMissing }
        let pid = try spawn(helper, arguments, environment: environment, quiet: false, newGroup: false)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Starts `parcours-sync ARGUMENTS` without waiting, silent and in a process group of its
    /// own (Ctrl-C in the REPL is not meant for it); nil when it cannot be started.
    @discardableResult
    package static func start(arguments: [String], environment: [String: String]) -> pid_t? {
        guard let helper = path() else { return nil }
        return try? spawn(helper, arguments, environment: environment, quiet: true, newGroup: true)
    }

    private static func spawn(
        _ helper: String, _ arguments: [String], environment: [String: String]?, quiet: Bool, newGroup: Bool
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
            // Nothing else of this process's: not its store's files, not a pipe a caller
            // waits to see closed.
            // (glibc's addclosefrom_np is not visible to Swift: each open descriptor instead.)
            let open = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd")) ?? []
            for descriptor in open.compactMap(Int32.init) where descriptor > 2 && fcntl(descriptor, F_GETFD) != -1 {
                posix_spawn_file_actions_addclose(&actions, descriptor)
            }
        }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        if newGroup {
            posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETPGROUP))
            posix_spawnattr_setpgroup(&attributes, 0)
        }
        let argv = ([helper] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let variables = (environment ?? ProcessEnvironment.variables).map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for pointer in variables { free(pointer) } }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, helper, &actions, &attributes, argv, variables)
        guard result == 0 else { throw CLIError.syncHelperFailed(reason: String(cString: strerror(result))) }
        return pid
    }
}

/// The REPL's background push: after each saved step, `parcours-sync push` is started if
/// none is running for this store (it takes a lock and sends until the outbox is empty,
/// retrying an unreachable server for a while). Nothing waits for it, and it may outlive
/// the sitting to finish its work.
package final class SyncNudger {
    private let arguments: [String]
    private let environment: [String: String]
    private var children: [pid_t] = []

    package init(storePath: String, learner: String, url: String, home: String? = nil) {
        arguments = ["push", "--store", storePath, "--as", learner] + (home.map { ["--home", $0] } ?? [])
        var environment = ProcessEnvironment.variables
        environment["PARCOURS_SYNC_URL"] = url
        self.environment = environment
    }

    /// Starts a push; never blocks on the network.
    package func nudge() {
        children.removeAll { pid in
            var status: Int32 = 0
            return waitpid(pid, &status, WNOHANG) != 0
        }
        if let pid = SyncHelper.start(arguments: arguments, environment: environment) { children.append(pid) }
    }
}
