@preconcurrency import CReadline
import Foundation

/// Reads lines on a terminal with GNU readline: editing, history, Tab completion.
///
/// Behaviour a learner (and an end-to-end test) can rely on:
/// - the prompt is printed, `~/.inputrc` is honoured (the application name is `parcours`);
/// - Tab completes from `completion`, and lists every match at once when ambiguous;
/// - Ctrl-C drops the line being typed, moves to a new line and returns `.interrupt`:
///   the caller simply asks again, which shows a fresh prompt. The program never quits;
/// - Ctrl-D on an empty line returns `.endOfInput` (on a non-empty line it deletes);
/// - history lives in a file capped at `maximumHistory` lines;
/// - while it waits, a `ticker` redraws the prompt every interval (its clock, a countdown)
///   and prints announcements above it, the typed text untouched (`PromptClock`); not when
///   made with `redraws: false` (`TERM=dumb`).
///
/// How Ctrl-C works: readline's own signal handling is off (`rl_catch_signals = 0`). While
/// a prompt is up, a `sigaction` handler writes the signal number to a self-pipe, and the
/// alternate (callback) interface reads one key at a time after `poll` on standard input
/// and that pipe. A SIGINT wakes the poll, and the line is dropped the way readline's
/// manual prescribes (`rl_free_line_state`, `rl_callback_sigcleanup`,
/// `rl_cleanup_after_signal`, `rl_callback_handler_remove`), the sequence CPython also uses.
/// Outside `readLine`, the previous SIGINT handler is back in place.
public struct ReadlineLineReader: LineReader {
    private let historyFile: String?
    public var completion: CompletionProvider?
    public var ticker: PromptTicker?
    /// Whether the prompt may be redrawn while it waits (not on a `TERM=dumb` terminal).
    private let redraws: Bool
    public private(set) var lastLineWasTruncated = false

    /// Prepares readline; loads history from `historyFile` (created 0600 in a 0700 directory).
    /// `redraws` lets `ticker` update the prompt while it waits.
    public init(historyFile: String?, maximumHistory: Int = 500, redraws: Bool = true) {
        _ = ReadlineBridge.configured
        self.historyFile = historyFile
        self.redraws = redraws
        stifle_history(Int32(maximumHistory))
        guard let historyFile, Self.prepare(historyFile: historyFile) else { return }
        _ = read_history(historyFile)
        _ = history_truncate_file(historyFile, Int32(maximumHistory))
    }

    public mutating func readLine(prompt: String) -> LineInput {
        lastLineWasTruncated = false
        ReadlineBridge.completion = completion
        ReadlineBridge.finished = nil
        defer { ReadlineBridge.completion = nil }
        _ = ReadlineBridge.drainSignals()
        let saved = ReadlineBridge.installSignalHandlers()
        defer { ReadlineBridge.restoreSignalHandlers(saved) }

        rl_callback_handler_install(Self.markInvisible(prompt), readlineLineHandler)
        var clock = PromptClock(ticker: redraws ? ticker : nil, prompt: prompt)
        while true {
            var fds = [
                pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0),
                pollfd(fd: ReadlineBridge.wakeReadFD, events: Int16(POLLIN), revents: 0),
            ]
            let ready = poll(&fds, nfds_t(fds.count), clock.timeoutMilliseconds())
            if ready < 0 && errno != EINTR {
                rl_callback_handler_remove()
                return .endOfInput
            }
            clock.tickIfDue()
            let signals = ReadlineBridge.drainSignals()
            if signals.contains(SIGWINCH) { rl_resize_terminal() }
            if signals.contains(SIGINT) {
                dropLine()
                return .interrupt
            }
            guard ready > 0, fds[0].revents != 0 else { continue }
            rl_callback_read_char()
            if let finished = ReadlineBridge.finished {
                return deliver(finished)
            }
        }
    }

    /// Adds a line to history (not blanks, not a repeat of the last one) and to the file.
    public func addHistory(_ line: String) {
        guard !line.allSatisfy(\.isWhitespace), !line.contains("\n") else { return }
        if history_length > 0, let last = history_get(history_base + history_length - 1),
            let text = last.pointee.line, String(cString: text) == line
        {
            return
        }
        add_history(line)
        if let historyFile { _ = append_history(1, historyFile) }
    }

    private mutating func deliver(_ finished: [UInt8]?) -> LineInput {
        guard let bytes = finished else {
            // Leave the cursor on a clean line. Readline 8.1+ already does so at Ctrl-D
            // when bracketed paste is on (its default); only add a newline otherwise.
            let pasteMode = rl_variable_value("enable-bracketed-paste").map { String(cString: $0) }
            if pasteMode != "on" { Self.write("\n") }
            return .endOfInput
        }
        let decoded = LineDecoder.decode(bytes, limit: LineLimits.maximumLineBytes)
        lastLineWasTruncated = decoded.truncated
        return .line(decoded.text)
    }

    /// Forgets the half-typed line and restores the terminal, as readline's manual says.
    private func dropLine() {
        rl_free_line_state()
        rl_callback_sigcleanup()
        rl_cleanup_after_signal()
        rl_callback_handler_remove()
        Self.write("\n")
    }

    private static func write(_ text: String) {
        ReadlineBridge.writeStandardOutput(text)
    }

    /// Wraps escape sequences in `\001`…`\002` so readline knows they take no columns.
    static func markInvisible(_ prompt: String) -> String {
        var result = ""
        var inEscape = false
        for scalar in prompt.unicodeScalars {
            if scalar == "\u{1B}" && !inEscape {
                result.unicodeScalars.append("\u{01}")
                inEscape = true
            }
            result.unicodeScalars.append(scalar)
            if inEscape, scalar != "\u{1B}", scalar != "[", (0x40...0x7E).contains(scalar.value) {
                result.unicodeScalars.append("\u{02}")
                inEscape = false
            }
        }
        if inEscape { result.unicodeScalars.append("\u{02}") }
        return result
    }

    /// Creates the history file's directory (0700) and the file itself (0600).
    private static func prepare(historyFile: String) -> Bool {
        let directory = (historyFile as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true,
                attributes: [.posixPermissions: 0o700])
        } catch {
            return false
        }
        let fd = open(historyFile, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        close(fd)
        return true
    }
}
