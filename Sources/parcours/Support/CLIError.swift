import ArgumentParser
import Foundation
import ParcoursCore

/// Exit codes from sysexits(3), as ARCHITECTURE.md lists them.
enum ExitStatus {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
    static let cannotCreate: Int32 = 73
    static let ioError: Int32 = 74
    static let busy: Int32 = 75
}

/// A failure a person can act on, with the exit code it maps to.
enum CLIError: Error, CustomStringConvertible {
    case noContent(looked: [String])
    case unreadable(path: String)
    case notUTF8(path: String)
    case unknownPath(String, known: [String])
    case invalidCourse(String, [Diagnostic])
    case usage(String)

    var description: String {
        switch self {
        case .noContent(let looked):
            return "no course content found. parcours looked in:\n"
                + looked.map { "  - \($0)" }.joined(separator: "\n")
                + "\nPoint it at a folder holding Paths/ and Locales/ with --home DIR or PARCOURS_HOME."
        case .unreadable(let path):
            return "cannot read \(path): no such file, or no permission"
        case .notUTF8(let path):
            return "\(path) is not UTF-8 text"
        case .unknownPath(let id, let known):
            let suggestion = Suggestion.closest(to: id, among: known).map { " Did you mean '\($0)'?" } ?? ""
            return "no path '\(id)'.\(suggestion) Known paths: \(known.joined(separator: ", "))"
        case .invalidCourse(let id, let diagnostics):
            return "course '\(id)' has errors; run `parcours lint`:\n"
                + diagnostics.prefix(10).map(\.description).joined(separator: "\n")
        case .usage(let message):
            return message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .noContent, .unreadable: ExitStatus.noInput
        case .notUTF8, .invalidCourse: ExitStatus.dataError
        case .unknownPath, .usage: ExitStatus.usage
        }
    }
}

/// Prints an error the way every command does, and returns the exit code to use.
enum Failure {
    static func exit(_ error: Error) -> ExitCode {
        if let error = error as? CLIError {
            printError(error.description)
            return ExitCode(error.exitCode)
        }
        printError("\(error)")
        return ExitCode(ExitStatus.ioError)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("parcours: \(message)\n".utf8))
    }
}

/// Closest-match suggestions for mistyped ids and commands.
enum Suggestion {
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { ($0, distance(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }), best.1 <= max(2, word.count / 3) else { return nil }
        return best.0
    }

    /// Levenshtein distance.
    static func distance(_ lhs: String, _ rhs: String) -> Int {
        let left = Array(lhs)
        let right = Array(rhs)
        guard !left.isEmpty else { return right.count }
        guard !right.isEmpty else { return left.count }
        var previous = Array(0...right.count)
        for (i, a) in left.enumerated() {
            var current = [i + 1] + [Int](repeating: 0, count: right.count)
            for (j, b) in right.enumerated() {
                current[j + 1] = min(previous[j + 1] + 1, current[j] + 1, previous[j] + (a == b ? 0 : 1))
            }
            previous = current
        }
        return previous[right.count]
    }
}
