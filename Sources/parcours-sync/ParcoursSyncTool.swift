import ArgumentParser
import ParcoursCommandLine

/// `parcours-sync`: the commands of parcours that reach the network. People type them as
/// `parcours sync …` and `parcours db …`; `parcours` runs this program in its place.
@main
struct ParcoursSyncTool: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcours",
        abstract: "The commands of parcours that reach a server.",
        version: "0.1.0",
        subcommands: [Sync.self, DB.self, Push.self, Copy.self])
}
