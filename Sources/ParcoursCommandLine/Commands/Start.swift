import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursTerminal

package struct Start: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Start a path (or pick up an unfinished attempt on it).")

    @Argument(help: ArgumentHelp("The path to follow (see `parcours list`).", valueName: "PATH-ID"))
    var pathID: String

    @Option(help: ArgumentHelp("The cohort code given by your facilitator.", valueName: "CODE"))
    var cohort: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    package func run() throws {
        try Walk.guarded {
            let courses = try content.courses()
            // The course is read on another core while the store opens.
            let (pathID, lang) = (pathID, content.lang)
            let course = Concurrently { try courses.find(pathID, lang: lang) }
            let session = try LearnerSession.open(learner, courses: courses, lang: content.lang, home: content.home)
            let (loaded, path) = try course.value()
            let screen = content.screen()
            if let open = try session.latestEnrollment(path: path.id, unfinishedOnly: true) {
                screen.writeLine(
                    loaded.catalog.text("start.resuming", ["path": Walk.title(loaded, path)]))
                return try session.walk(open, resuming: true, screen: screen, loaded: (loaded, path))
            }
            return try session.begin(loaded, path: path, cohort: cohort, screen: screen)
        }
    }
}

/// What the learner commands share: the screen, error mapping and exit codes.
enum Walk {
    static func title(_ loaded: LoadedCourse, _ path: CoursePath) -> String {
        Sanitizer.plain(loaded.catalog.text(CourseKeys.pathTitle(path.id)))
    }

    /// Runs a walk and maps its outcome and errors to exit codes.
    static func guarded(_ body: () throws -> REPL.Outcome) throws {
        do {
            switch try body() {
            case .finished, .suspended: return
            case .failed(let error as StoreError): throw ExitCode(error.exitCode)
            case .failed: throw ExitCode(ExitStatus.ioError)
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Failure.exit(error)
        }
    }
}
