import ArgumentParser

/// The commands of `parcours`, in the order `--help` lists them.
///
/// Each names itself (`commandName:` in its configuration): without it, ArgumentParser
/// derives the name with `String(describing:)` on the type, some seventy times per start,
/// and the runtime's conformance scans behind that cost a third of `parcours --version`
/// (docs/performance.md, requirement 3). `ParcoursCommandsTests` holds every command to it.
package enum ParcoursCommands {
    package static let all: [any ParsableCommand.Type] = [
        Home.self, Start.self, Resume.self, Status.self, Reset.self, Journal.self, List.self,
        Lint.self, Graph.self, Report.self, Calibrate.self, Export.self, Import.self, SyncCommand.self,
        DBCommand.self,
    ]
}
