import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursStore
import ParcoursTerminal

struct Journal: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a learner's journal and saved resources as one Markdown file.",
        discussion: "Save it with: parcours journal > mon-journal.md")

    @Argument(help: ArgumentHelp("A path (default: the latest one).", valueName: "PATH-ID"))
    var pathID: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    func run() throws {
        do {
            let session = try LearnerSession.open(learner, content: content, readOnly: true)
            guard let enrollment = try session.latestEnrollment(path: pathID, unfinishedOnly: false)
            else {
                throw CLIError.usage("no path started yet by '\(learner.learner)'")
            }
            let (loaded, path) = try session.course(for: enrollment)
            let progress = LearnerProgress.fold(try session.store.events(of: enrollment.id))
            print(
                JournalRenderer(course: loaded.course, words: loaded.catalog).markdown(
                    progress, learner: session.participant.name, path: path))
        } catch let error as StoreError {
            Failure.printError(error.description)
            throw ExitCode(error.exitCode)
        } catch {
            throw Failure.exit(error)
        }
    }
}
