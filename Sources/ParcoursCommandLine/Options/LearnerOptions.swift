import ArgumentParser
import Foundation

/// Who is learning, and where their progress is kept; shared by the learner commands.
package struct LearnerOptions: ParsableArguments {
    package init() {}

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("The learner's name (default: your login name).", valueName: "NAME"))
    var name: String?

    @Option(
        help: ArgumentHelp(
            "The progress store (default: PARCOURS_STORE, else ~/.local/share/parcours/progress.sqlite).",
            valueName: "FILE"))
    var store: String?

    @Option(
        help: ArgumentHelp(
            "Send progress to this shared server as you go (default: PARCOURS_SYNC_URL, else `sync` in ~/.config/parcours/config.toml).",
            valueName: "URL"))
    package var sync: String?

    package var learner: String {
        if let name, name.contains(where: { !$0.isWhitespace }) { return name }
        let environment = ProcessEnvironment.variables
        return environment["USER"] ?? environment["LOGNAME"] ?? NSUserName()
    }
}
