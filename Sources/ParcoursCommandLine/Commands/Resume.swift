import ArgumentParser
import ParcoursCore
import ParcoursStore

package struct Resume: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "resume", abstract: "Pick up where you left off.")

    @Argument(
        help: ArgumentHelp(
            "Resume this path (default: your latest unfinished one).", valueName: "PATH-ID"))
    var pathID: String?

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    package func run() throws {
        try Walk.guarded {
            // Nothing is created to resume: a missing store or learner is said, not made.
            let session = try LearnerSession.open(learner, content: content, creating: false)
            guard let enrollment = try session.latestEnrollment(path: pathID, unfinishedOnly: true)
            else {
                throw CLIError.nothingToResume(learner: learner.learner, path: pathID)
            }
            return try session.walk(enrollment, resuming: true, screen: content.screen())
        }
    }
}
