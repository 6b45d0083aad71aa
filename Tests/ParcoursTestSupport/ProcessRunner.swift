import Foundation

/// Runs a program with pipes: the way scripts and CI drive `parcours`.
///
/// Both output pipes are read on their own threads while standard input is written on a
/// third, so a program that writes a lot before reading all its input cannot deadlock.
public enum ProcessRunner {
    /// What a finished run produced.
    public struct Result: Sendable {
        public let standardOutput: String
        public let standardError: String
        public let status: Int32
    }

    /// The program outlived its timeout and was stopped; the output is what it wrote.
    public struct Timeout: Error, CustomStringConvertible {
        public let partial: Result
        public var description: String {
            "process timed out\nstdout:\n\(partial.standardOutput)\nstderr:\n\(partial.standardError)"
        }
    }

    /// Runs `executable` with `arguments`, feeding it `standardInput`, and waits.
    ///
    /// `environment` replaces the whole environment when given. The status is the exit
    /// code, or 128 + the signal number.
    /// Writing to a program that has already exited raises SIGPIPE, whose default action
    /// would end the whole test process; ignored, the write fails with EPIPE instead.
    private static let ignoreBrokenPipes: Void = {
        signal(SIGPIPE, SIG_IGN)
    }()

    public static func run(
        executable: String, arguments: [String] = [], environment: [String: String]? = nil,
        standardInput: String = "", currentDirectory: String? = nil, timeout: Duration = .seconds(60)
    ) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        let input = Pipe()
        let output = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try ProcessLaunch.run(process)

        let collected = Collected()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            collected.set(output: output.fileHandleForReading.readDataToEndOfFile())
        }
        DispatchQueue.global().async(group: group) {
            collected.set(error: errors.fileHandleForReading.readDataToEndOfFile())
        }
        let bytes = Data(standardInput.utf8)
        Self.ignoreBrokenPipes
        DispatchQueue.global().async {
            // A program that exits without reading makes this write fail: that is fine.
            try? input.fileHandleForWriting.write(contentsOf: bytes)
            try? input.fileHandleForWriting.close()
        }

        let seconds =
            Double(timeout.components.seconds)
            + Double(timeout.components.attoseconds) / 1e18
        if finished.wait(timeout: .now() + seconds) == .timedOut {
            process.terminate()
            if finished.wait(timeout: .now() + 2) == .timedOut {
                kill(process.processIdentifier, SIGKILL)
                finished.wait()
            }
            _ = group.wait(timeout: .now() + 5)
            throw Timeout(partial: collected.result(status: -1))
        }
        group.wait()
        let status =
            process.terminationReason == .uncaughtSignal
            ? 128 + process.terminationStatus : process.terminationStatus
        return collected.result(status: status)
    }
}

/// Output gathered by the reader threads, behind a lock.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var output = Data()
    private var error = Data()

    func set(output data: Data) { lock.withLock { output = data } }
    func set(error data: Data) { lock.withLock { error = data } }

    func result(status: Int32) -> ProcessRunner.Result {
        lock.withLock {
            ProcessRunner.Result(
                standardOutput: String(decoding: output, as: UTF8.self),
                standardError: String(decoding: error, as: UTF8.self), status: status)
        }
    }
}
