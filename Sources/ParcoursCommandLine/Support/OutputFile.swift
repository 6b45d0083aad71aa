import Foundation
import ParcoursLibrary

/// Writes a report or an export to a file: whole or not at all, private, and durable.
///
/// Exports and reports hold personal data (names, notes, times), so:
/// - a new file is created `0600`; a file that already exists keeps its own mode (a
///   facilitator who made it group-readable meant it), whatever the umask;
/// - the bytes go to a temporary file beside the target (`.NAME.parcours-tmp-PID`), synced,
///   then renamed over it, and the folder is synced, so a crash leaves the old file or the
///   new one, never half of one;
/// - Ctrl-C or SIGTERM while writing removes the temporary file; one left by a process that
///   was killed outright (its PID no longer runs) is removed by the next write to that folder.
enum OutputFile {
    static let marker = ".parcours-tmp-"

    /// The temporary file being written, for the signal handler (a C string it may unlink).
    nonisolated(unsafe) private static var pending: UnsafeMutablePointer<CChar>?

    /// A failure to write `path`, with the system's reason.
    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var error: POSIXError
        var description: String { "cannot write \(path) (\(String(cString: strerror(error.code.rawValue))))" }
    }

    /// Replaces an existing file (a course file `calibrate --write` edited) the same way.
    static func replace(_ path: String, with parts: [[UInt8]]) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw LibraryError.unreadable(path: path) }
        do {
            try write(parts, to: path)
        } catch let error as POSIXError {
            throw WriteError(path: path, error: error)
        }
    }

    static func write(_ parts: [[UInt8]], to path: String) throws {
        let target = URL(fileURLWithPath: path)
        let folder = target.deletingLastPathComponent().path
        let name = target.lastPathComponent
        removeStale(in: folder, for: name)
        var info = stat()
        let mode: mode_t = stat(path, &info) == 0 ? info.st_mode & 0o7777 : 0o600
        let temporary = folder + "/." + name + marker + String(getpid())
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw POSIXError(errno) }
        let previous = watch(temporary)
        defer { unwatch(restoring: previous) }
        do {
            guard fchmod(descriptor, mode) == 0 else { throw POSIXError(errno) }
            for part in parts { try writeAll(part, to: descriptor) }
            guard fsync(descriptor) == 0 else { throw POSIXError(errno) }
            guard close(descriptor) == 0 else {
                unlink(temporary)
                throw POSIXError(errno)
            }
        } catch {
            close(descriptor)
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let failure = POSIXError(errno)
            unlink(temporary)
            throw failure
        }
        let folderDescriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            fsync(folderDescriptor)
            close(folderDescriptor)
        }
    }

    private static func writeAll(_ bytes: [UInt8], to descriptor: Int32) throws {
        try bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    throw POSIXError(errno)
                }
                offset += written
            }
        }
    }

    /// Temporary files for `name` left by processes that no longer run.
    private static func removeStale(in folder: String, for name: String) {
        let prefix = "." + name + marker
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return }
        for entry in entries where entry.hasPrefix(prefix) {
            guard let pid = Int32(entry.dropFirst(prefix.count)), pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH { unlink(folder + "/" + entry) }
        }
    }

    private static let watched = [SIGINT, SIGTERM, SIGHUP]

    /// Removes the temporary file on those signals, then lets the signal do what it did
    /// before (`report --watch` ends with 0 on Ctrl-C); returns the handlers it replaced.
    private static func watch(_ temporary: String) -> [sig_t?] {
        pending = strdup(temporary)
        let previous = watched.map { signal($0, SIG_IGN) }
        saved = previous
        for signalNumber in watched {
            signal(signalNumber) { number in
                if let pending = OutputFile.pending { unlink(pending) }
                let index = OutputFile.watched.firstIndex(of: number) ?? 0
                signal(number, OutputFile.saved[index] ?? SIG_DFL)
                raise(number)
            }
        }
        return previous
    }

    nonisolated(unsafe) private static var saved: [sig_t?] = []

    private static func unwatch(restoring previous: [sig_t?]) {
        for (signalNumber, handler) in zip(watched, previous) { signal(signalNumber, handler ?? SIG_DFL) }
        free(pending)
        pending = nil
    }
}

extension POSIXError {
    init(_ code: Int32) {
        self.init(POSIXErrorCode(rawValue: code) ?? .EIO)
    }
}
