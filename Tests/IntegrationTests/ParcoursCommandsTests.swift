import ArgumentParser
import ParcoursCommandLine
import Testing

/// Every command of `parcours` names itself, so that ArgumentParser never derives a name by
/// reflection at start-up (`ParcoursCommands`).
@Suite struct ParcoursCommandsTests {
    @Test func everyCommandNamesItself() {
        let names = ParcoursCommands.all.map { $0.configuration.commandName }
        #expect(
            names == [
                "home", "start", "resume", "status", "reset", "journal", "list", "lint", "graph", "report",
                "calibrate", "export", "import", "sync", "db",
            ])
        for command in ParcoursCommands.all {
            #expect(command.configuration.subcommands.allSatisfy { $0.configuration.commandName != nil })
        }
    }
}
