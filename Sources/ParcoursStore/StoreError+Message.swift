import Foundation
import ParcoursCore

/// Each case as a key of the interface's catalog (`error.store.*` in `Locales/*/ui.yml`),
/// so the command line says it in the learner's language; `description` is the English.
extension StoreError: ExplainedFailure {
    public var message: FailureMessage {
        switch self {
        case .corrupt(let path): FailureMessage("error.store.corrupt", ["path": path])
        case .foreignDatabase(let path): FailureMessage("error.store.foreign", ["path": path])
        case .newerSchema(let path, let versions):
            FailureMessage("error.store.newer", ["path": path, "versions": versions.joined(separator: ", ")])
        case .outdatedSchema(let path): FailureMessage("error.store.outdated", ["path": path])
        case .notFound(let path): FailureMessage("error.store.not.found", ["path": path])
        case .empty(let path): FailureMessage("error.store.empty", ["path": path])
        case .cannotOpen(let path, let reason):
            FailureMessage("error.store.cannot.open", ["path": path, "reason": reason])
        case .cannotCreate(let path, let reason):
            FailureMessage("error.store.cannot.create", ["path": path, "reason": reason])
        case .readOnly(let path): FailureMessage("error.store.read.only", ["path": path])
        case .folderReadOnly(let path):
            FailureMessage(
                "error.store.folder.read.only", ["path": path, "wal": (path as NSString).lastPathComponent + "-wal"])
        case .diskFull(let path, let reading):
            FailureMessage(reading ? "error.store.disk.full.reading" : "error.store.disk.full", ["path": path])
        case .io(let path, let reason, let reading):
            FailureMessage(reading ? "error.store.io.reading" : "error.store.io", ["path": path, "reason": reason])
        case .busy(let path): FailureMessage("error.store.busy", ["path": path])
        case .outOfSequence(let enrollmentID, let expected, let got):
            FailureMessage(
                "error.store.sequence",
                ["enrollment": String(enrollmentID), "expected": String(expected), "got": String(got)])
        case .unknownEnrollment(let id): FailureMessage("error.store.unknown.enrollment", ["id": String(id)])
        case .unknownParticipant(let id): FailureMessage("error.store.unknown.participant", ["id": String(id)])
        case .invalid(let reason): FailureMessage("error.store.invalid", ["reason": reason])
        case .unreadableEvent(let enrollmentID, let seq, let reason):
            FailureMessage(
                "error.store.unreadable.event",
                ["enrollment": String(enrollmentID), "seq": String(seq), "reason": reason])
        case .rejected(let path, let reason): FailureMessage("error.store.rejected", ["path": path, "reason": reason])
        case .database(let path, let reason): FailureMessage("error.store.database", ["path": path, "reason": reason])
        }
    }
}
