import Foundation
import ParcoursTestSupport
import Testing

/// The learner REPL under a real pseudo-terminal: readline, Tab, Ctrl-C, history, Ctrl-D.
@Suite("Learner REPL in a terminal")
struct ReplTerminalTests {
    static func environment(_ learner: Learner) -> [String: String] {
        [
            "HOME": learner.directory, "XDG_STATE_HOME": learner.directory + "/state",
            "XDG_DATA_HOME": learner.directory + "/nodata", "TERM": "xterm", "INPUTRC": "/dev/null",
            "LANG": "C.UTF-8", "LANGUAGE": "fr", "NO_COLOR": "1", "PATH": "/usr/bin:/bin", "PARCOURS_TEST_SEED": "none",
        ]
    }

    static func start(_ learner: Learner, _ arguments: [String] = ["start", "main"]) throws -> PseudoTerminal {
        try PseudoTerminal(
            executable: Binary.path, arguments: arguments + learner.options, environment: environment(learner))
    }

    /// Output after the last occurrence of `marker`.
    static func after(_ marker: String, in text: String) -> Substring {
        guard let range = text.range(of: marker, options: .backwards) else { return text[...] }
        return text[range.upperBound...]
    }

    /// Reads the terminal until `condition` holds on its plain output.
    static func waitUntil(
        _ terminal: PseudoTerminal, _ what: String, timeout: Duration = .seconds(10), _ condition: (String) -> Bool
    ) throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(terminal.plainOutput) {
            guard ContinuousClock.now < deadline else {
                throw StillWaiting(
                    description: "timed out waiting for \(what); output so far:\n\(terminal.plainOutput)")
            }
            _ = try? terminal.waitFor("\u{0}never", timeout: .milliseconds(50))
        }
    }

    @Test func tabCompletesACommand() throws {
        let learner = try Learner()
        let terminal = try Self.start(learner)
        try terminal.waitFor("Introduction")
        try terminal.waitFor("› ")
        terminal.send("sui\t")
        try terminal.waitFor("suivant")
        terminal.send("\r")
        try terminal.waitFor("Laquelle")
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(try learner.status().currentStep == "quiz", "the completed word was the command")
    }

    /// A learner whose course names the quiz's choices in French words, not as their ids.
    static func frenchChoices() throws -> Learner {
        try Learner(course: { directory in
            try Fixture.write(
                to: directory,
                fr: Fixture.locale("fr").replacingOccurrences(of: "label: A,", with: "label: Du mécénat,")
                    .replacingOccurrences(of: "label: B,", with: "label: Une coopération économique,"))
        })
    }

    @Test func tabOnAQuestionOffersTheChoicesInTheLearnersWords() throws {
        let learner = try Self.frenchChoices()
        let terminal = try Self.start(learner)
        try terminal.waitFor("Introduction")
        terminal.send("\r")
        try Self.waitUntil(terminal, "the prompt on the quiz") { Self.after("Laquelle", in: $0).contains("› ") }
        // "b" lists the commands that start with it, not the choice id "b".
        terminal.send("b\t\t")
        try terminal.waitFor("back")
        let listed = Self.after("Laquelle", in: terminal.plainOutput)
        #expect(!listed.contains(/(^|\s)b\s/), "no English id is offered: \(listed)")
        terminal.send("\u{15}")  // Ctrl-U: kill the line
        // The label's word completes without its accent typed, and answers.
        terminal.send("mec\t")
        try terminal.waitFor("mécénat")
        terminal.send("\r")
        try terminal.waitFor("Oui.")
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(try learner.sql("select payload from event where type = 'answered'").contains("\"a\""))
    }

    @Test func ctrlCClearsTheLineAndStays() throws {
        let learner = try Learner()
        let terminal = try Self.start(learner)
        try terminal.waitFor("Introduction")
        try terminal.waitFor("› ")
        terminal.send("passer sans")
        try terminal.waitFor("passer sans")
        terminal.send("\u{03}")
        // A fresh prompt appears after the interrupted line.
        try Self.waitUntil(terminal, "a fresh prompt after Ctrl-C") {
            Self.after("passer sans", in: $0).contains("› ")
        }
        terminal.send("\r")  // an empty line: the dropped text must not come back
        try terminal.waitFor("Laquelle")
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0, "Ctrl-C does not leave")
        let status = try learner.status()
        #expect(status.waivedSteps.isEmpty, "the interrupted `passer` was not run")
        #expect(status.currentStep == "quiz")
        #expect(status.completedSteps == 1)
    }

    /// The first dialogue of bare `parcours`: Ctrl-C on a half-typed time stays, `aide` and
    /// `retour` are understood, and a single path is chosen with 1.
    @Test func thePathChooserStaysOnCtrlCAndUnderstandsItsWords() throws {
        let learner = try Learner()
        let terminal = try Self.start(learner, [])
        try terminal.waitFor("Combien de temps")
        try terminal.waitFor("› ")
        terminal.send("2h et dem")
        try terminal.waitFor("2h et dem")
        terminal.send("\u{03}")
        try Self.waitUntil(terminal, "a fresh prompt after Ctrl-C") {
            Self.after("2h et dem", in: $0).contains("› ")
        }
        terminal.send("aide\r")
        try terminal.waitFor("Indiquez le temps")
        terminal.send("1h\r")
        try terminal.waitFor("1. ")
        terminal.send("retour\r")
        try Self.waitUntil(terminal, "the time asked again") {
            Self.after("retour", in: $0).contains("Combien de temps")
        }
        terminal.send("1h\r")
        try Self.waitUntil(terminal, "the list again") { Self.after("retour", in: $0).contains("1. ") }
        terminal.send("9\r")
        try terminal.waitFor("Tapez 1 pour choisir ce parcours")
        terminal.send("1\r")
        try terminal.waitFor("Introduction")
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        #expect(try learner.status().currentStep == "intro")
    }

    /// `--plain` under readline: the prompt says where the learner is in words, and no
    /// colour or drawing reaches the terminal.
    @Test func plainModeSaysTheProgressInWords() throws {
        let learner = try Learner()
        let terminal = try Self.start(learner, ["start", "main", "--plain"])
        try terminal.waitFor("Étape 1 sur 4, 0 min sur 10 › ")
        terminal.send("\r")
        try terminal.waitFor("Étape 2 sur ")
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        let plain = PseudoTerminal.stripEscapes(terminal.output)
        #expect(!plain.contains("──"), "no rule around the step header")
        #expect(!terminal.output.contains("\u{1B}[3"), "no colour")
    }

    /// On a 40-column terminal, what parcours writes itself is folded at spaces: no line it
    /// prints is wider than the terminal, so the terminal never cuts a word.
    @Test func aNarrowTerminalGetsWholeWords() throws {
        let learner = try Learner()
        let terminal = try PseudoTerminal(
            executable: Binary.path, arguments: ["start", "main"] + learner.options,
            environment: Self.environment(learner), columns: 40)
        try terminal.waitFor("› ")
        terminal.send("\r")
        try terminal.waitFor("Laquelle")
        terminal.send("passer\r")
        try terminal.waitFor("pour rester")
        terminal.send("non\r")
        try Self.waitUntil(terminal, "the prompt again") { Self.after("non", in: $0).contains("› ") }
        terminal.send("quitter\r")
        #expect(try terminal.waitForExit() == 0)
        let lines = terminal.plainOutput.replacingOccurrences(of: "\r", with: "").split(separator: "\n")
        // Only a word wider than the terminal (a file path here) may be, and it stays whole.
        let wide = lines.filter { $0.count > 40 && $0.contains(" ") }
        #expect(wide.isEmpty, "lines wider than the terminal: \(wide)")
        #expect(terminal.plainOutput.contains("parcours resume"), "the goodbye hint is there, folded")
    }

    @Test func historySurvivesAcrossRuns() throws {
        let learner = try Learner()
        let first = try Self.start(learner)
        try first.waitFor("Introduction")
        try first.waitFor("› ")
        first.send("note souvenir du premier jour\r")
        try first.waitFor("journal")
        first.send("quitter\r")
        #expect(try first.waitForExit() == 0)
        let history = try String(contentsOfFile: learner.directory + "/state/parcours/history", encoding: .utf8)
        #expect(history.contains("note souvenir du premier jour"))

        let second = try Self.start(learner, ["resume"])
        try second.waitFor("Introduction")
        try second.waitFor("› ")
        // Up recalls the last line of the previous run, then the one before.
        second.send("\u{1B}[A")
        try Self.waitUntil(second, "quitter recalled") { Self.after("› ", in: $0).contains("quitter") }
        second.send("\u{1B}[A")
        try Self.waitUntil(second, "the note recalled") {
            Self.after("› ", in: $0).contains("note souvenir du premier jour")
        }
        second.send("\u{15}quitter\r")
        #expect(try second.waitForExit() == 0)
    }

    @Test func ctrlDSavesAndLeaves() throws {
        let learner = try Learner()
        let terminal = try Self.start(learner)
        try terminal.waitFor("Introduction")
        terminal.send("\r")
        try Self.waitUntil(terminal, "the prompt on the quiz") { Self.after("Laquelle", in: $0).contains("› ") }
        terminal.send("1\r")
        try terminal.waitFor("Oui.")
        // Typed before readline is back in raw mode, Ctrl-D would be eaten by the line discipline.
        try Self.waitUntil(terminal, "the prompt after the feedback") { Self.after("Oui.", in: $0).contains("› ") }
        terminal.send("\u{04}")
        #expect(try terminal.waitForExit() == 0)
        #expect(terminal.plainOutput.contains("progression est enregistrée"))
        let status = try learner.status()
        #expect(status.currentStep == "quiz")
        #expect(status.completedSteps == 1)
        #expect(!status.finished)
        #expect(try learner.sql("select type from event order by seq desc limit 1") == "suspended")
    }
}

/// A terminal that did not show what a test waited for.
struct StillWaiting: Error, CustomStringConvertible {
    var description: String
}
