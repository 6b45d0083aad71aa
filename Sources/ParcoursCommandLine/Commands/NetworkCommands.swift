import ArgumentParser

/// `parcours sync` and `parcours db` as `parcours --help` lists them. They are run by
/// `parcours-sync` (`SyncHelper`), which `Parcours.main` hands the command line over to
/// before anything is parsed here; `run` does the same if one is reached another way.
package struct SyncCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "Send your progress to the shared server, and bring back what another device sent.")

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    package init() {}

    package func run() throws {
        throw Failure.exit(SyncHelper.replaceProcess(arguments: ["sync"] + arguments))
    }
}

package struct DBCommand: ParsableCommand {
    package static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Set up a shared cohort store on PostgreSQL: its schema, its learners and facilitators.")

    @Argument(parsing: .captureForPassthrough) var arguments: [String] = []

    package init() {}

    package func run() throws {
        throw Failure.exit(SyncHelper.replaceProcess(arguments: ["db"] + arguments))
    }
}
