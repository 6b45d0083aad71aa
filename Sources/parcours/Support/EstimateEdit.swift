import Foundation
import ParcoursCore

/// Writes a graph file `calibrate --write` edited (`MinutesEdit`, in the core, computes the
/// bytes): atomically, with the original's mode.
enum EstimateEdit {
    /// Writes `bytes` over `path` atomically: a temporary file beside it, with the original's
    /// mode, flushed to disk, then renamed over it. A failure leaves the original untouched.
    static func replace(_ path: String, with bytes: [UInt8]) throws {
        var status = stat()
        guard stat(path, &status) == 0 else { throw CLIError.unreadable(path: path) }
        let directory = ContentSearch.parent(of: path)
        let name = path.split(separator: "/").last.map(String.init) ?? path
        var template = Array(ContentSearch.join(directory, ".\(name).XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw WriteError(path: path, errno: errno) }
        let temporary = String(cString: template)
        var failure: Int32 = 0
        if fchmod(descriptor, status.st_mode & 0o7777) != 0 { failure = errno }
        var written = 0
        while failure == 0, written < bytes.count {
            let count = bytes[written...].withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno != EINTR { failure = errno }
            } else {
                written += count
            }
        }
        if failure == 0, fsync(descriptor) != 0 { failure = errno }
        close(descriptor)
        if failure == 0, rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw WriteError(path: path, errno: failure)
        }
    }

    struct WriteError: Error, CustomStringConvertible {
        var path: String
        var errno: Int32
        var description: String { "cannot write \(path) (\(String(cString: strerror(errno))))" }
    }
}
