import ArgumentParser
import ParcoursLibrary
import ParcoursTerminal

/// Where to find courses and which language to speak; shared by every command.
package struct ContentOptions: ParsableArguments {
    package init() {}

    @Option(
        name: .long,
        help: ArgumentHelp("Read courses from DIR (holding Paths/ and Locales/).", valueName: "DIR")
    )
    package var home: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Language to use: fr or en. Default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG.",
            valueName: "LANG"))
    package var lang: String?

    @Flag(
        help: ArgumentHelp(
            "Plain output for screen readers: no drawing characters, no redraws, every state in words (also PARCOURS_PLAIN=1, ACCESSIBLE=1, TERM=dumb)."
        ))
    var plain = false

    /// Failures are said in the language asked for, with the words found from `--home`.
    package func validate() throws {
        Failure.asked = (lang, home)
    }

    /// The terminal, in plain mode when asked.
    func screen() -> Screen {
        var environment = TerminalEnvironment.current(variables: ProcessEnvironment.variables)
        environment.plainRequested = plain
        return Screen(environment: environment)
    }
}

extension ContentOptions {
    /// The courses found from `--home` (else `PARCOURS_HOME` and the usual places).
    package func courses() throws -> CourseLookup {
        try CourseLookup(home: home, environment: ProcessEnvironment.variables)
    }
}
