import ParcoursCore

/// Each case as a key of the interface's catalog (`error.library.*`); `description` is the
/// English. Diagnostics keep their own English: they are an author's, with `file:line:col`.
extension LibraryError: ExplainedFailure {
    public var message: FailureMessage {
        switch self {
        case .noContent(let looked):
            FailureMessage("error.library.no.content", ["looked": looked.map { "\n  - \($0)" }.joined()])
        case .unreadable(let path): FailureMessage("error.library.unreadable", ["path": path])
        case .notUTF8(let problem): FailureMessage("error.library.diagnostic", ["diagnostic": problem.description])
        case .unknownPath(let id, let known):
            Suggestion.closest(to: id, among: known).map {
                FailureMessage(
                    "error.library.unknown.path.near", ["id": id, "near": $0, "known": known.joined(separator: ", ")])
            } ?? FailureMessage("error.library.unknown.path", ["id": id, "known": known.joined(separator: ", ")])
        case .invalidCourse(let id, let diagnostics):
            FailureMessage(
                "error.library.invalid.course",
                ["id": id, "diagnostics": diagnostics.prefix(10).map { "\n" + $0.description }.joined()])
        case .courseNotInstalled(let id): FailureMessage("error.library.not.installed", ["id": id])
        case .notContentFolder(let directory): FailureMessage("error.library.not.content", ["path": directory])
        case .orphanLocale(let file, let graph):
            FailureMessage("error.library.orphan.locale", ["path": file, "graph": graph])
        case .noProgress(let learner, let store):
            FailureMessage("error.library.no.progress", ["learner": learner, "path": store])
        case .noCohort(let cohort, let store):
            FailureMessage("error.library.no.cohort", ["cohort": cohort, "path": store])
        case .graphChanged(let path): FailureMessage("error.library.graph.changed", ["path": path])
        case .notACourse(let path): FailureMessage("error.library.not.course", ["path": path])
        }
    }
}
