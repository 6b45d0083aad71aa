@preconcurrency import CReadline

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Everything readline's C callbacks need, kept in one place because they cannot capture.
///
/// Readline is a process-wide singleton with global state, and so is this: one prompt is
/// active at a time, on the main thread. The signal side only writes one byte to a pipe
/// (the self-pipe trick), which is async-signal-safe; the read loop does the real work.
enum ReadlineBridge {
    /// Completion asked for by the current prompt.
    nonisolated(unsafe) static var completion: CompletionProvider?
    /// Matches being handed to readline one by one.
    nonisolated(unsafe) static var matches: [String] = []
    nonisolated(unsafe) static var matchIndex = 0
    /// Set by the line handler: the bytes of a finished line, or `nil` for Ctrl-D.
    nonisolated(unsafe) static var finished: [UInt8]??

    /// The read end of the self-pipe, or -1 when it could not be made.
    nonisolated(unsafe) static var wakeReadFD: Int32 = -1

    /// One-time setup, done before readline first reads `~/.inputrc`, so the learner's
    /// own settings win over ours.
    static let configured: Bool = {
        // Accented letters need a UTF-8 character type, else readline shows `\303\251`.
        setlocale(LC_CTYPE, "")
        if !isUTF8Locale() { setlocale(LC_CTYPE, "C.UTF-8") }
        rl_readline_name = UnsafePointer(strdup("parcours"))
        rl_catch_signals = 0  // we handle SIGINT ourselves, see `ReadlineLineReader`
        rl_catch_sigwinch = 0
        // Readline would export LINES and COLUMNS with setenv, racing any thread that reads
        // the environment (Foundation's Process copies it): parcours asks the terminal's
        // size itself (`TerminalEnvironment`), so the environment is left alone.
        rl_change_environment = 0
        rl_attempted_completion_function = attemptCompletion
        // Show all matches on the first Tab: calmer than a bell and a second Tab.
        _ = rl_variable_bind("show-all-if-ambiguous", "on")
        _ = rl_initialize()
        using_history()
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return false }
        for fd in fds {
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        wakeReadFD = fds[0]
        signalWakeFD = fds[1]
        return true
    }()

    private static func isUTF8Locale() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }

    /// Installs the SIGINT and SIGWINCH handlers; returns what to restore afterwards.
    static func installSignalHandlers() -> [(Int32, sigaction)] {
        [SIGINT, SIGWINCH].map { signal in
            var action = sigaction()
            #if canImport(Glibc)
            action.__sigaction_handler.sa_handler = wakeOnSignal
            #else
            action.__sigaction_u.__sa_handler = wakeOnSignal
            #endif
            sigemptyset(&action.sa_mask)
            action.sa_flags = 0
            var previous = sigaction()
            sigaction(signal, &action, &previous)
            return (signal, previous)
        }
    }

    static func restoreSignalHandlers(_ saved: [(Int32, sigaction)]) {
        for (signal, previous) in saved {
            var old = previous
            sigaction(signal, &old, nil)
        }
    }

    /// Writes to the C `stdout` stream (the one readline prints its prompt on) and flushes.
    static func writeStandardOutput(_ text: String) {
        fputs(text, stdout)
        fflush(stdout)
    }

    /// Writes to standard error; standard output is flushed at each write, so order holds.
    static func writeStandardError(_ text: String) {
        fputs(text, stderr)
        fflush(stderr)
    }

    /// Reads the signal numbers written by the handler since the last call.
    static func drainSignals() -> [Int32] {
        var signals: [Int32] = []
        var byte: UInt8 = 0
        while read(wakeReadFD, &byte, 1) == 1 { signals.append(Int32(byte)) }
        return signals
    }
}

/// The write end of the self-pipe; a plain global so the handler touches no lazy state.
nonisolated(unsafe) private var signalWakeFD: Int32 = -1

/// Signal handler: records the signal number in the self-pipe and nothing else.
private func wakeOnSignal(_ signal: Int32) {
    let savedErrno = errno
    var byte = UInt8(truncatingIfNeeded: signal)
    _ = write(signalWakeFD, &byte, 1)
    errno = savedErrno
}

/// Readline's line handler: keeps the line's bytes and stops the callback interface,
/// so readline does not print a second prompt before we return.
func readlineLineHandler(_ line: UnsafeMutablePointer<CChar>?) {
    rl_callback_handler_remove()
    guard let line else {
        ReadlineBridge.finished = .some(nil)
        return
    }
    let length = strlen(line)
    let bytes = UnsafeRawBufferPointer(start: line, count: length)
    ReadlineBridge.finished = .some(Array(bytes))
    free(line)
}

/// Readline's completion hook: asks the provider, keeps matches for the typed word.
private func attemptCompletion(
    _ text: UnsafePointer<CChar>?, _ start: Int32, _ end: Int32
) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? {
    rl_attempted_completion_over = 1  // never fall back to file names
    guard let provider = ReadlineBridge.completion, let text else { return nil }
    let word = String(decoding: UnsafeRawBufferPointer(start: text, count: strlen(text)), as: UTF8.self)
    var lineSoFar = ""
    if let buffer = rl_line_buffer, end > 0 {
        lineSoFar = String(decoding: UnsafeRawBufferPointer(start: buffer, count: Int(end)), as: UTF8.self)
    }
    var seen = Set<String>()
    ReadlineBridge.matches = provider(word, lineSoFar).filter {
        $0.hasPrefix(word) && seen.insert($0).inserted
    }
    ReadlineBridge.matchIndex = 0
    guard !ReadlineBridge.matches.isEmpty else { return nil }
    return rl_completion_matches(text, nextCompletion)
}

/// Readline's generator: hands out one match per call (a copy readline will free).
private func nextCompletion(_ text: UnsafePointer<CChar>?, _ state: Int32) -> UnsafeMutablePointer<CChar>? {
    if state == 0 { ReadlineBridge.matchIndex = 0 }
    guard ReadlineBridge.matchIndex < ReadlineBridge.matches.count else { return nil }
    defer { ReadlineBridge.matchIndex += 1 }
    return strdup(ReadlineBridge.matches[ReadlineBridge.matchIndex])
}
