import ArgumentParser
import ParcoursLibrary

/// Where to find courses and which language to speak; shared by every command.
struct ContentOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("Read courses from DIR (holding Paths/ and Locales/).", valueName: "DIR")
    )
    var home: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Language to use: fr or en. Default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG.",
            valueName: "LANG"))
    var lang: String?
}

extension ContentOptions {
    /// The courses found from `--home` (else `PARCOURS_HOME` and the usual places).
    func courses() throws -> CourseLookup {
        try CourseLookup(home: home, environment: ProcessEnvironment.variables)
    }
}
