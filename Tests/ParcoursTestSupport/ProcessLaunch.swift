import Foundation

/// Starts a `Process`, one at a time across the whole test run.
///
/// Foundation's `Process.run` crashed inside a `memmove` (SIGSEGV, the whole test process
/// lost) when many tests started processes at once: seen three times on 2026-12-03, twice in
/// a row once the sync tests started 64 at a time. Starting them one after the other costs
/// microseconds; waiting for them stays parallel.
public enum ProcessLaunch {
    private static let lock = NSLock()

    public static func run(_ process: Process) throws {
        lock.lock()
        defer { lock.unlock() }
        try process.run()
    }
}
