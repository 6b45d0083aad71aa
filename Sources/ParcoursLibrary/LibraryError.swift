import ParcoursCore

/// Exit codes from sysexits(3), as ARCHITECTURE.md lists them.
public enum ExitStatus {
    public static let usage: Int32 = 64
    public static let dataError: Int32 = 65
    public static let noInput: Int32 = 66
    public static let cannotCreate: Int32 = 73
    public static let ioError: Int32 = 74
    public static let busy: Int32 = 75
}

/// A failure of the library a person can act on, with the exit code it maps to.
///
/// The messages name files, courses and paths, never a command's options: the command that
/// called says which of its options led there, if it needs to.
public enum LibraryError: Error, CustomStringConvertible, Equatable {
    /// No folder holding `Paths/` and `Locales/`; every place looked at.
    case noContent(looked: [String])
    case unreadable(path: String)
    case notUTF8(Diagnostic)
    /// No installed course offers the path; the paths they do offer.
    case unknownPath(String, known: [String])
    /// A course that does not load, with its first diagnostics.
    case invalidCourse(String, [Diagnostic])
    /// A learner's attempt follows a course no longer installed.
    case courseNotInstalled(String)
    /// A folder given to lint that holds no course.
    case notContentFolder(String)
    /// A locale file given to lint whose course graph does not exist.
    case orphanLocale(file: String, graph: String)
    /// No participant of that name in a store.
    case noProgress(learner: String, store: String)
    /// No attempt of that cohort in a store.
    case noCohort(String, store: String)
    /// A graph file edited since the figures about it were computed.
    case graphChanged(path: String)
    /// A graph file that cannot be read as a course any more.
    case notACourse(path: String)

    public var description: String {
        switch self {
        case .noContent(let looked):
            return "no course content found. parcours looked in:\n"
                + looked.map { "  - \($0)" }.joined(separator: "\n")
                + "\nPoint it at a folder holding Paths/ and Locales/ with --home DIR or PARCOURS_HOME."
        case .unreadable(let path):
            return "cannot read \(path): no such file, or no permission"
        case .notUTF8(let problem):
            return problem.description
        case .unknownPath(let id, let known):
            let suggestion =
                Suggestion.closest(to: id, among: known).map { " Did you mean '\($0)'?" } ?? ""
            return "no path '\(id)'.\(suggestion) Known paths: \(known.joined(separator: ", "))"
        case .invalidCourse(let id, let diagnostics):
            return "course '\(id)' has errors; run `parcours lint`:\n"
                + diagnostics.prefix(10).map(\.description).joined(separator: "\n")
        case .courseNotInstalled(let id):
            return "the course '\(id)' of this progress is no longer installed"
        case .notContentFolder(let directory):
            return "\(directory) holds no Paths/ and Locales/ folders"
        case .orphanLocale(let file, let graph):
            return "\(file) is a locale file, but its course graph \(graph) does not exist"
        case .noProgress(let learner, let store):
            return "no progress recorded for '\(learner)' in \(store)"
        case .noCohort(let cohort, let store):
            return "no attempt in \(store) has the cohort code '\(cohort)'"
        case .graphChanged(let path):
            return "\(path) changed while calibrating; run calibrate again"
        case .notACourse(let path):
            return "\(path) cannot be read as a course"
        }
    }

    public var exitCode: Int32 {
        switch self {
        case .noContent, .unreadable, .noProgress, .noCohort: ExitStatus.noInput
        case .notUTF8, .invalidCourse: ExitStatus.dataError
        case .unknownPath, .courseNotInstalled, .notContentFolder, .orphanLocale, .graphChanged, .notACourse:
            ExitStatus.usage
        }
    }
}
