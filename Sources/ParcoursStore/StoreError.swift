import Foundation
import GRDB

/// Why the store could not do what was asked, said so that a person can act on it.
///
/// Every SQLite failure is mapped to one of these cases, and each case carries a sysexits
/// exit code, so the command line can stop with a message and a code scripts understand.
/// A store that cannot be read is never repaired, truncated or overwritten: the messages
/// say so, because a learner's first fear is losing their work.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is damaged or is not an SQLite database (SQLITE_CORRUPT, SQLITE_NOTADB).
    case corrupt(path: String)
    /// The file is an SQLite database that some other program made.
    case foreignDatabase(path: String)
    /// The store records schema versions this parcours does not know.
    case newerSchema(path: String, unknownVersions: [String])
    /// A read-only open met a store that still needs migrating.
    case outdatedSchema(path: String)
    /// A read-only open named a file that does not exist.
    case notFound(path: String)
    /// A read-only open named an empty file: no progress was ever saved in it.
    case empty(path: String)
    /// A read-only open could not open an existing file (SQLITE_CANTOPEN).
    case cannotOpen(path: String, reason: String)
    /// The file or its directory cannot be created (SQLITE_CANTOPEN, mkdir/open errors).
    case cannotCreate(path: String, reason: String)
    /// The file cannot be written: no write permission, or a read-only file system.
    case readOnly(path: String)
    /// The file may be written but its folder may not, where SQLite keeps its write-ahead log.
    case folderReadOnly(path: String)
    /// The disk is full (SQLITE_FULL); `reading` when a read-only command met it.
    case diskFull(path: String, reading: Bool = false)
    /// The operating system reported an I/O error (SQLITE_IOERR); `reading` as above.
    case io(path: String, reason: String, reading: Bool = false)
    /// Another process held the store for longer than the busy timeout.
    case busy(path: String)
    /// An event's `seq` does not follow the last one in its enrollment's log.
    case outOfSequence(enrollmentID: Int64, expected: Int, got: Int)
    /// No enrollment has this id.
    case unknownEnrollment(Int64)
    /// No participant has this id.
    case unknownParticipant(Int64)
    /// The values given cannot be stored (empty name, negative active time…).
    case invalid(reason: String)
    /// A stored event cannot be understood by this version of parcours.
    case unreadableEvent(enrollmentID: Int64, seq: Int, reason: String)
    /// The store refused a write that breaks one of its rules (a constraint).
    case rejected(path: String, reason: String)
    /// Any other SQLite failure.
    case database(path: String, reason: String)

    /// The sysexits code: 65 bad data, 66 no input, 73 cannot create, 74 I/O, 75 busy.
    ///
    /// A read-only store is 73 (EX_CANTCREAT): like a directory that cannot be written,
    /// it is fixed by the user (chmod, or another `--store`), not by trying again.
    public var exitCode: Int32 {
        switch self {
        case .corrupt, .foreignDatabase, .newerSchema, .outdatedSchema, .outOfSequence,
            .unknownEnrollment, .unknownParticipant, .invalid, .unreadableEvent, .rejected:
            return 65
        case .notFound, .empty, .cannotOpen:
            return 66
        case .cannotCreate, .readOnly, .folderReadOnly:
            return 73
        case .diskFull, .io, .database:
            return 74
        case .busy:
            return 75
        }
    }

    public var description: String {
        switch self {
        case .corrupt(let path):
            return """
                \(path) is damaged or is not a parcours store. The file was left untouched. \
                Restore it from a backup, or use another file with --store FILE.
                """
        case .foreignDatabase(let path):
            return """
                \(path) is an SQLite database made by another program, not a parcours store. \
                The file was left untouched. Use another file with --store FILE.
                """
        case .newerSchema(let path, let versions):
            return """
                \(path): this store was written by a newer parcours (schema \
                \(versions.joined(separator: ", "))). The file was left untouched. \
                Upgrade parcours to use it.
                """
        case .outdatedSchema(let path):
            return """
                \(path) was written by an older parcours and must be upgraded before it can be \
                read. Run any parcours command that writes to it (for example start) once.
                """
        case .notFound(let path):
            return "\(path) does not exist. Check the path given with --store or PARCOURS_STORE."
        case .empty(let path):
            return "\(path) is empty: no progress has been saved in it yet."
        case .cannotOpen(let path, let reason):
            return "cannot open \(path) (\(reason)). Check that you may read it."
        case .cannotCreate(let path, let reason):
            return """
                cannot create the store \(path) (\(reason)). Check that its directory exists \
                and is writable, or choose another file with --store FILE or PARCOURS_STORE.
                """
        case .readOnly(let path):
            return """
                \(path) is read-only, so progress cannot be saved. Make it writable \
                (chmod u+w) or use another file with --store FILE; reports can still read it.
                """
        case .folderReadOnly(let path):
            return """
                the folder holding \(path) is read-only, and parcours saves progress in a file \
                beside the store (\((path as NSString).lastPathComponent)-wal). Make the folder \
                writable, or use another file with --store FILE; reports can still read this one.
                """
        case .diskFull(let path, let reading):
            return reading
                ? """
                the disk holding \(path) is full, and SQLite needs a little room beside the store \
                to read it. Nothing was changed. Free some space and try again.
                """
                : """
                the disk holding \(path) is full, so nothing more could be saved; what was saved \
                before is intact. Free some space and try again.
                """
        case .io(let path, let reason, let reading):
            return reading
                ? """
                input/output error while reading \(path) (\(reason)). Nothing was changed. \
                Check the disk, then try again.
                """
                : """
                input/output error on \(path) (\(reason)), so nothing more could be saved; what \
                was saved before is intact. Check the disk, then try again.
                """
        case .busy(let path):
            return """
                \(path) is held by another parcours for too long. Try again in a moment; \
                if it keeps happening, look for a parcours process that is stuck.
                """
        case .outOfSequence(let enrollmentID, let expected, let got):
            return """
                enrollment \(enrollmentID) expects event \(expected) next, not \(got); nothing \
                was saved. Another session may be following the same path: close it and resume.
                """
        case .unknownEnrollment(let id):
            return "no enrollment has the id \(id) in this store."
        case .unknownParticipant(let id):
            return "no participant has the id \(id) in this store."
        case .invalid(let reason):
            return "cannot save this: \(reason)."
        case .unreadableEvent(let enrollmentID, let seq, let reason):
            return """
                event \(seq) of enrollment \(enrollmentID) cannot be read (\(reason)). \
                It may have been written by a newer parcours; upgrade parcours to read it.
                """
        case .rejected(let path, let reason):
            return "\(path) refused the change (\(reason)); nothing was saved."
        case .database(let path, let reason):
            return "the store \(path) failed (\(reason)); nothing was saved."
        }
    }
}

extension StoreError {
    /// Maps any error thrown while using the store; a `StoreError` passes through unchanged.
    init(_ error: any Error, path: String, readOnly: Bool) {
        switch error {
        case let error as StoreError:
            self = error
        case let error as DatabaseError:
            self.init(error, path: path, readOnly: readOnly)
        default:
            self = .database(path: path, reason: "\(error)")
        }
    }

    /// Maps an SQLite result code to the case a person can act on.
    init(_ error: DatabaseError, path: String, readOnly: Bool) {
        let reason = error.message ?? "\(error.resultCode)"
        switch error.resultCode {
        case .SQLITE_NOTADB, .SQLITE_CORRUPT:
            self = .corrupt(path: path)
        case .SQLITE_READONLY, .SQLITE_PERM:
            self = .readOnly(path: path)
        case .SQLITE_CANTOPEN:
            self =
                readOnly
                ? .cannotOpen(path: path, reason: reason) : .cannotCreate(path: path, reason: reason)
        case .SQLITE_FULL:
            self = .diskFull(path: path, reading: readOnly)
        case .SQLITE_IOERR:
            self = .io(path: path, reason: reason, reading: readOnly)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            self = .busy(path: path)
        case .SQLITE_CONSTRAINT:
            self = .rejected(path: path, reason: reason)
        default:
            self = .database(path: path, reason: reason)
        }
    }
}
