import ArgumentParser
import ParcoursCommandLine
import ParcoursCore

@main
struct Parcours: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parcours",
        abstract: "Follow a timed learning path in the terminal.",
        discussion: """
            Courses live in Paths/ (the graph) and Locales/ (the words). Authors check them \
            with `parcours lint`; `parcours list` shows the paths on offer.
            """,
        version: "0.1.0",
        subcommands: ParcoursCommands.all,
        defaultSubcommand: Home.self
    )

    /// Runs the command line; a first word that names no command is refused with the
    /// nearest command's name, instead of being handed to the default command as an argument.
    static func main() {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // The network's commands are parcours-sync's, help included.
        if let word = arguments.first, SyncHelper.commands.contains(word) {
            exit(withError: Failure.exit(SyncHelper.replaceProcess(arguments: arguments)))
        }
        if arguments.count >= 2, arguments[0] == "help", SyncHelper.commands.contains(arguments[1]) {
            exit(withError: Failure.exit(SyncHelper.replaceProcess(arguments: [arguments[1], "--help"])))
        }
        if let word = arguments.first, !word.hasPrefix("-") {
            let names = configuration.subcommands.map { $0._commandName } + ["help"]
            if !names.contains(word) {
                let failure = CLIError.unknownCommand(
                    word, near: Suggestion.closest(to: word, among: names), commands: Array(names.dropLast()))
                exit(withError: Failure.exit(failure))
            }
        }
        main(arguments)
    }
}
