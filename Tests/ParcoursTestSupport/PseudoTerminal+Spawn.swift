import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension PseudoTerminal {
    /// `posix_spawn` in a new session, with the terminal's slave side as fds 0, 1 and 2.
    static func spawn(
        _ executable: String, _ arguments: [String], _ environment: [String: String], slavePath: String
    ) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // Opened after setsid, without O_NOCTTY: it becomes the controlling terminal.
        posix_spawn_file_actions_addopen(&actions, 0, slavePath, O_RDWR, 0)
        posix_spawn_file_actions_adddup2(&actions, 0, 1)
        posix_spawn_file_actions_adddup2(&actions, 0, 2)

        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var defaultSignals = sigset_t()
        sigemptyset(&defaultSignals)
        sigaddset(&defaultSignals, SIGINT)
        sigaddset(&defaultSignals, SIGPIPE)
        var noMask = sigset_t()
        sigemptyset(&noMask)
        posix_spawnattr_setsigdefault(&attributes, &defaultSignals)
        posix_spawnattr_setsigmask(&attributes, &noMask)
        let setSession: Int32 = 0x80  // POSIX_SPAWN_SETSID (glibc), not imported by Swift
        posix_spawnattr_setflags(
            &attributes, Int16(setSession | POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv + envp { free(pointer) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard result == 0 else { throw POSIXError(errno: result, "posix_spawn \(executable)") }
        return pid
    }
}

extension PseudoTerminal {
    /// Opens a new terminal pair's master side; returns it with the slave's path.
    ///
    /// On Linux this is what `posix_openpt`, `unlockpt` and `ptsname` do (Swift does not
    /// import them): open `/dev/ptmx`, clear the lock, ask the pty number. Modern devpts
    /// gives the slave the right owner and mode already, so `grantpt` has nothing to do.
    static func openMaster() throws -> (Int32, String) {
        #if os(Linux)
        let master = open("/dev/ptmx", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard master >= 0 else { throw POSIXError(errno: errno, "open /dev/ptmx") }
        let setLock: UInt = 0x4004_5431  // TIOCSPTLCK
        let getNumber: UInt = 0x8004_5430  // TIOCGPTN
        var unlock: Int32 = 0
        var number: UInt32 = 0
        guard ioctl(master, setLock, &unlock) == 0, ioctl(master, getNumber, &number) == 0 else {
            let code = errno
            close(master)
            throw POSIXError(errno: code, "unlock /dev/ptmx")
        }
        return (master, "/dev/pts/\(number)")
        #else
        let master = posix_openpt(O_RDWR | O_NOCTTY)
        guard master >= 0 else { throw POSIXError(errno: errno, "posix_openpt") }
        guard grantpt(master) == 0, unlockpt(master) == 0, let name = ptsname(master) else {
            close(master)
            throw POSIXError(errno: errno, "grantpt")
        }
        return (master, String(cString: name))
        #endif
    }

    /// `kill(2)`, named apart from the instance method `kill()`.
    static func sendSignal(_ signal: Int32, to pid: pid_t) {
        #if canImport(Glibc)
        _ = Glibc.kill(pid, signal)
        #else
        _ = Darwin.kill(pid, signal)
        #endif
    }
}

extension POSIXError {
    /// A POSIX error from an errno value; the context is for whoever reads the failure.
    init(errno code: Int32, _ context: String) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
