import ParcoursCore

/// Each case as a key of the interface's catalog (`error.bundle.*`); `description` is the
/// English. The reasons inside (what the JSON reader or the log's replay found) stay as found.
extension BundleError: ExplainedFailure {
    public var message: FailureMessage {
        switch self {
        case .tooLarge(let bytes, let limit):
            FailureMessage(
                "error.bundle.too.large",
                ["bytes": String(bytes), "limit": String(limit), "mebibytes": String(limit / 1_048_576)])
        case .tooLargeToExport(let bytes, let limit):
            FailureMessage(
                "error.bundle.too.large.to.export",
                ["size": String(bytes / 1_048_576), "limit": String(limit / 1_048_576)])
        case .invalidLog(let attempt, let violation):
            FailureMessage("error.bundle.invalid.log", ["attempt": attempt, "violation": "\(violation)"])
        case .notABundle(let reason): FailureMessage("error.bundle.not.bundle", ["reason": reason])
        case .unsupportedVersion(let found, let minimum, let current):
            FailureMessage(
                found > current ? "error.bundle.version.newer" : "error.bundle.version.older",
                [
                    "found": String(found),
                    "range": minimum == current ? "\(current)" : "\(minimum)–\(current)",
                ])
        case .malformed(let reason): FailureMessage("error.bundle.malformed", ["reason": reason])
        case .unknownCourse(let course, let installed):
            FailureMessage(
                installed.isEmpty ? "error.bundle.unknown.course.none" : "error.bundle.unknown.course",
                ["course": course, "installed": installed.joined(separator: ", ")])
        case .conflict(let reason): FailureMessage("error.bundle.conflict", ["reason": reason])
        }
    }
}
