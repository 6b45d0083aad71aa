import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursStore

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
    case notUTF8(Diagnostic)
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
        case .notUTF8(let problem):
            return problem.description
        case .unknownPath(let id, let known):
            let suggestion =
                Suggestion.closest(to: id, among: known).map { " Did you mean '\($0)'?" } ?? ""
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
        if let error = error as? StoreError {
            printError(error.description)
            return ExitCode(error.exitCode)
        }
        if let exit = error as? ExitCode {
            return exit
        }
        printError("\(error)")
        return ExitCode(ExitStatus.ioError)
    }

    static func printError(_ message: String) {
        FileHandle.standardError.write(Data("parcours: \(message)\n".utf8))
    }
}
