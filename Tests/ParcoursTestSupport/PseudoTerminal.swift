import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs a program under a real pseudo-terminal, so tests see what a learner sees.
///
/// The child gets a new session (`POSIX_SPAWN_SETSID`) and opens the terminal's slave side
/// as its standard input: a session leader opening a terminal without `O_NOCTTY` makes it
/// its controlling terminal (what `TIOCSCTTY` would do), so Ctrl-C sent as `\u{03}` raises
/// SIGINT in the child, and `isatty` is true. The window is 80×24.
///
/// ```swift
/// let terminal = try PseudoTerminal(executable: "/bin/sh", arguments: ["-i"])
/// terminal.send("echo hi\r")
/// _ = try terminal.waitFor("hi", timeout: .seconds(5))
/// ```
public final class PseudoTerminal {
    /// Something the child did not do in time; `output` is everything seen so far.
    public struct Timeout: Error, CustomStringConvertible {
        public let waitingFor: String
        public let output: String
        public var description: String {
            "timed out waiting for \(waitingFor.debugDescription); output so far:\n\(output)"
        }
    }

    /// A reasonable environment: a known terminal type and a UTF-8 locale, and questions in
    /// their written order (`PARCOURS_TEST_SEED=none`), so a test answers by number.
    public static let defaultEnvironment = [
        "TERM": "xterm-256color", "LANG": "C.UTF-8", "PATH": "/usr/local/bin:/usr/bin:/bin",
        "PARCOURS_TEST_SEED": "none",
    ]

    public let processID: pid_t
    private let master: Int32
    private var bytes: [UInt8] = []
    private var exitStatus: Int32?

    /// Starts `executable` (a path) with `arguments` and exactly `environment`.
    public init(
        executable: String, arguments: [String] = [],
        environment: [String: String] = PseudoTerminal.defaultEnvironment,
        columns: UInt16 = 80, rows: UInt16 = 24
    ) throws {
        let (master, slavePath) = try Self.openMaster()
        var size = winsize(ws_row: rows, ws_col: columns, ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(master, UInt(TIOCSWINSZ), &size)
        _ = fcntl(master, F_SETFD, FD_CLOEXEC)
        _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
        do {
            processID = try Self.spawn(executable, arguments, environment, slavePath: slavePath)
        } catch {
            close(master)
            throw error
        }
        self.master = master
    }

    deinit {
        if exitStatus == nil {
            Self.sendSignal(SIGKILL, to: processID)
            var status: Int32 = 0
            _ = waitpid(processID, &status, 0)
        }
        close(master)
    }

    /// Everything the child wrote so far, decoded as UTF-8.
    public var output: String { String(decoding: bytes, as: UTF8.self) }

    /// `output` without escape sequences and carriage returns: what a person reads.
    public var plainOutput: String { Self.stripEscapes(output) }

    /// Types `text` as raw bytes: `"\t"` Tab, `"\u{03}"` Ctrl-C, `"\u{04}"` Ctrl-D, `"\r"` Enter.
    public func send(_ text: String) {
        var data = Array(text.utf8)
        var offset = 0
        while offset < data.count {
            let written = data[offset...].withUnsafeMutableBytes { write(master, $0.baseAddress, $0.count) }
            if written > 0 {
                offset += written
            } else if errno == EAGAIN || errno == EINTR {
                pump(timeoutMilliseconds: 10)
            } else {
                return
            }
        }
        data.removeAll()
    }

    /// Reads until the plain output contains `substring`; returns the plain output.
    @discardableResult
    public func waitFor(_ substring: String, timeout: Duration = .seconds(10)) throws -> String {
        let deadline = ContinuousClock.now + timeout
        while true {
            let plain = plainOutput
            if plain.contains(substring) || output.contains(substring) { return plain }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw Timeout(waitingFor: substring, output: plain) }
            if !pump(timeoutMilliseconds: Self.milliseconds(left)) && reapIfExited() != nil {
                if plainOutput.contains(substring) { return plainOutput }
                throw Timeout(waitingFor: substring, output: plainOutput)
            }
        }
    }

    /// Waits for the child to exit, reading its output meanwhile; returns its exit code
    /// (128 + the signal number when a signal ended it).
    public func waitForExit(timeout: Duration = .seconds(10)) throws -> Int32 {
        let deadline = ContinuousClock.now + timeout
        while true {
            if let status = reapIfExited() {
                while pump(timeoutMilliseconds: 0) {}
                return status
            }
            let left = ContinuousClock.now.duration(to: deadline)
            guard left > .zero else { throw Timeout(waitingFor: "exit", output: plainOutput) }
            if !pump(timeoutMilliseconds: min(50, Self.milliseconds(left))) {
                usleep(10_000)
            }
        }
    }

    /// Stops the child now (SIGKILL).
    public func kill() {
        guard exitStatus == nil else { return }
        Self.sendSignal(SIGKILL, to: processID)
        _ = try? waitForExit(timeout: .seconds(5))
    }

    /// Removes CSI (`ESC [ … x`), OSC (`ESC ] … BEL`), other `ESC x` pairs, `\r` and `\u{07}`.
    public static func stripEscapes(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var state = 0  // 0 text, 1 after ESC, 2 in CSI, 3 in OSC
        for scalar in text.unicodeScalars {
            switch state {
            case 1: state = scalar == "[" ? 2 : scalar == "]" ? 3 : 0
            case 2: if (0x40...0x7E).contains(scalar.value) { state = 0 }
            case 3: if scalar == "\u{07}" || scalar == "\\" { state = 0 }
            default:
                if scalar == "\u{1B}" {
                    state = 1
                } else if scalar != "\r" && scalar != "\u{07}" && scalar != "\u{01}" && scalar != "\u{02}" {
                    result.append(scalar)
                }
            }
        }
        return String(result)
    }

    /// Reads whatever is available within the timeout; false when nothing came.
    @discardableResult
    private func pump(timeoutMilliseconds: Int32) -> Bool {
        var descriptor = pollfd(fd: master, events: Int16(POLLIN), revents: 0)
        guard poll(&descriptor, 1, timeoutMilliseconds) > 0 else { return false }
        var chunk = [UInt8](repeating: 0, count: 4096)
        var gotAny = false
        while true {
            let count = chunk.withUnsafeMutableBytes { read(master, $0.baseAddress, $0.count) }
            guard count > 0 else { break }  // EAGAIN, or EIO once the child closed the slave
            bytes.append(contentsOf: chunk[0..<count])
            gotAny = true
        }
        return gotAny
    }

    private func reapIfExited() -> Int32? {
        if let exitStatus { return exitStatus }
        var status: Int32 = 0
        guard waitpid(processID, &status, WNOHANG) == processID else { return nil }
        let signal = status & 0x7F
        exitStatus = signal == 0 ? (status >> 8) & 0xFF : 128 + signal
        return exitStatus
    }

    private static func milliseconds(_ duration: Duration) -> Int32 {
        let (seconds, attoseconds) = duration.components
        return Int32(clamping: max(0, seconds * 1000 + attoseconds / 1_000_000_000_000_000))
    }
}
