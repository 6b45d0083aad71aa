import ArgumentParser
import Foundation
import ParcoursLibrary
import ParcoursStore

/// The sysexits codes, defined beside the library's errors; named here so that every command
/// file sees them.
typealias ExitStatus = ParcoursLibrary.ExitStatus

/// A failure of a command's own (its options, what it was asked to do), with the exit code
/// it maps to. What the library finds wrong is a `LibraryError`; both print the same way.
enum CLIError: Error, CustomStringConvertible {
    case usage(String)

    var description: String {
        switch self {
        case .usage(let message): message
        }
    }

    var exitCode: Int32 {
        switch self {
        case .usage: ExitStatus.usage
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
        if let error = error as? LibraryError {
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
