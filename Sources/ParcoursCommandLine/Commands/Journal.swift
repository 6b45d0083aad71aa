import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursStore
import ParcoursTerminal

package struct Journal: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "journal",
        abstract: "Print a learner's journal and saved resources as one Markdown file.",
        discussion: "Save it with: parcours journal > mon-journal.md")

    @Argument(help: ArgumentHelp("A path (default: the latest one).", valueName: "PATH-ID"))
    var pathID: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    package func run() throws {
        do {
            let session = try LearnerSession.open(learner, content: content, readOnly: true)
            let standing = try session.latestStanding(path: pathID)
            let (loaded, path, progress) = (standing.loaded, standing.path, standing.progress)
            print(
                JournalRenderer(course: loaded.course, words: loaded.catalog).markdown(
                    progress, learner: session.participant.name, path: path))
        } catch {
            throw Failure.exit(error)
        }
    }
}
