import ArgumentParser

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
        subcommands: [
            Home.self, Start.self, Resume.self, Status.self, Reset.self, Journal.self, List.self,
            Lint.self, Graph.self, Report.self, Calibrate.self, Export.self, Import.self,
        ],
        defaultSubcommand: Home.self
    )
}
