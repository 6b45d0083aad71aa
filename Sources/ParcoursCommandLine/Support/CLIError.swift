import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore

/// The sysexits codes, defined beside the library's errors; named here so that every command
/// file sees them.
typealias ExitStatus = ParcoursLibrary.ExitStatus

/// A failure of a command's own (its options, what it was asked to do), with the exit code
/// it maps to. What the library finds wrong is a `LibraryError`; both print the same way,
/// in the learner's language (`Failure.words`).
package enum CLIError: CommandFailure {
    /// The learner has no attempt at all (status, journal).
    case nothingStarted(learner: String)
    case nothingToReset(learner: String)
    case nothingToResume(learner: String, path: String?)
    case unknownCommand(String, near: String?, commands: [String])
    case calibrateMissing(paths: [String])
    case calibrateNoFiles(course: String)
    /// `parcours-sync` is not beside `parcours` (the network's commands live there).
    case syncHelperMissing
    case syncHelperFailed(reason: String)

    package var message: FailureMessage {
        switch self {
        case .nothingStarted(let learner): FailureMessage("error.cli.nothing.started", ["learner": learner])
        case .nothingToReset(let learner): FailureMessage("error.cli.nothing.to.reset", ["learner": learner])
        case .nothingToResume(let learner, let path):
            FailureMessage("error.cli.nothing.to.resume", ["learner": learner, "path": path ?? ""])
        case .unknownCommand(let word, let near, let commands):
            FailureMessage(
                "error.cli.unknown.command",
                ["word": word, "near": near ?? "", "commands": commands.joined(separator: ", ")])
        case .calibrateMissing(let paths):
            FailureMessage("error.cli.calibrate.missing", ["paths": paths.joined(separator: ", ")])
        case .calibrateNoFiles(let course): FailureMessage("error.cli.calibrate.no.files", ["course": course])
        case .syncHelperMissing: FailureMessage("error.cli.sync.helper.missing")
        case .syncHelperFailed(let reason): FailureMessage("error.cli.sync.helper.failed", ["reason": reason])
        }
    }

    /// The message, its nested parts (" on alliances-2h", " Did you mean …?") said in the
    /// same words.
    package func explained(in words: Catalog?) -> String {
        var message = message
        switch self {
        case .nothingToResume(_, let path?):
            message.values["path"] =
                words?.optionalText("error.cli.nothing.to.resume.path", ["path": path]) ?? " on \(path)"
        case .unknownCommand(_, let near?, _):
            message.values["near"] =
                words?.optionalText("error.cli.unknown.command.near", ["near": near]) ?? " Did you mean '\(near)'?"
        default: break
        }
        return words?.optionalText(message.key, message.values) ?? english(message.values)
    }

    package var description: String { explained(in: nil) }

    /// The English, when no catalog is installed.
    private func english(_ values: [String: String]) -> String {
        switch self {
        case .nothingStarted(let learner):
            "'\(learner)' has started no path yet. `parcours list` shows the paths, `parcours start PATH-ID` starts one."
        case .nothingToReset(let learner):
            "'\(learner)' has started no path yet: nothing to start again. `parcours list` shows the paths, `parcours start PATH-ID` starts one."
        case .nothingToResume(let learner, _):
            "nothing to resume for '\(learner)'\(values["path"] ?? ""). Start a path with `parcours start PATH-ID` (see `parcours list`)."
        case .unknownCommand(let word, _, let commands):
            "unknown command '\(word)'.\(values["near"] ?? "") Commands: \(commands.joined(separator: ", ")); `parcours --help` tells more."
        case .calibrateMissing(let paths):
            "--write needs the course files of every path calibrated; not installed here: \(paths.joined(separator: ", "))"
        case .calibrateNoFiles(let course): "--write cannot find the files of course \(course)"
        case .syncHelperMissing:
            "parcours-sync, which does what needs the network, is not installed beside parcours (make install puts both)"
        case .syncHelperFailed(let reason): "parcours-sync could not be started (\(reason))"
        }
    }

    package var exitCode: Int32 {
        switch self {
        case .nothingToResume: ExitStatus.noInput
        case .syncHelperMissing, .syncHelperFailed: 69
        default: ExitStatus.usage
        }
    }
}

/// Prints an error the way every command does, in the learner's language, and returns the
/// exit code to use.
package enum Failure {
    package static func exit(_ error: Error) -> ExitCode {
        if let failure = error as? any CommandFailure {
            printError(failure.explained(in: words))
            return ExitCode(failure.exitCode)
        }
        if let exit = error as? ExitCode {
            return exit
        }
        printError("\(error)")
        return ExitCode(ExitStatus.ioError)
    }

    package static func printError(_ message: String) {
        FileHandle.standardError.write(Data("parcours: \(message)\n".utf8))
    }

    /// `--lang` and `--home` as the command was given them (`ContentOptions.validate`): the
    /// language and the place to say a failure in. Set once, before `run`, on the main thread.
    nonisolated(unsafe) static var asked: (lang: String?, home: String?) = (nil, nil)

    /// The interface's words in the learner's language, for failures: `--lang`, else the
    /// environment's, else French; nil when no `ui.yml` is installed (then English). Found
    /// once, at the first failure, which comes after `asked` is set.
    package static let words: Catalog? = {
        let environment = ProcessEnvironment.variables
        let search = ContentSearch.roots(
            home: asked.home, environment: environment, executablePath: ContentLibrary.executablePath(),
            homeDirectory: NSHomeDirectory(), isContentRoot: ContentLibrary.isContentRoot)
        let library = ContentLibrary.scan(roots: search.roots, interfaceRoots: search.interfaceRoots)
        let language = LanguageNegotiation.choose(
            explicit: asked.lang, environment: environment, available: Set(library.uiCatalogs.keys),
            sourceLanguage: "fr")
        guard let entries = try? library.uiEntries(language) else { return nil }
        return Catalog(language: language, files: [entries], fallbackFiles: [])
    }()
}
