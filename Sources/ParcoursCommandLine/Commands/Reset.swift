import ArgumentParser
import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore
import ParcoursTerminal

package struct Reset: ParsableCommand {
    package init() {}

    package static let configuration = CommandConfiguration(
        commandName: "reset",
        abstract: "Start a path again as a new attempt; earlier attempts stay in the store.",
        discussion: """
            The new attempt keeps the cohort of the one it replaces and names it, so that a \
            learning record store that received that attempt's statements is told to void them \
            at the next sync.
            """)

    @Argument(help: ArgumentHelp("The path to start again (default: your latest one).", valueName: "PATH-ID"))
    var pathID: String?

    @Flag(name: .long, help: "Do not ask for confirmation.")
    var yes = false

    @OptionGroup var learner: LearnerOptions
    @OptionGroup var content: ContentOptions

    package func run() throws {
        do {
            let session = try LearnerSession.open(learner, content: content)
            guard let pathID = try pathID ?? session.latestEnrollment(unfinishedOnly: false)?.pathID else {
                throw CLIError.nothingToReset(learner: session.participant.name)
            }
            let (loaded, path) = try session.courses.find(pathID, lang: content.lang)
            let screen = content.screen()
            if !yes {
                screen.writeLine(
                    loaded.catalog.text("reset.confirm", ["path": Walk.title(loaded, path)]))
                var reader = screen.makeLineReader(historyFile: nil)
                guard case .line(let answer) = reader.readLine(prompt: "› "),
                    ["oui", "o", "yes", "y"].contains(
                        answer.trimmingCharacters(in: .whitespaces).lowercased())
                else {
                    screen.writeLine(loaded.catalog.text("reset.cancelled"))
                    return
                }
            }
            // The attempt replaced: its cohort carries over (the facilitator still sees the
            // learner), and the new attempt names it, so that a record store voids it.
            let replaced = try session.latestEnrollment(path: path.id, unfinishedOnly: false)
            guard
                case .started(let enrollment) = try session.enroll(
                    loaded, path: path, cohort: replaced?.cohort, resets: replaced?.attempt)
            else {
                return
            }
            // The new start (and the voiding it brings to an LRS) goes now, as a step would.
            session.syncNudger()?.nudge()
            screen.writeLine(
                loaded.catalog.text("reset.done", ["attempt": String(enrollment.attempt)]))
        } catch {
            throw Failure.exit(error)
        }
    }
}
