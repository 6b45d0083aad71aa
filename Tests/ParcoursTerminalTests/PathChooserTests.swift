import Foundation
import ParcoursCore
import ParcoursTerminal
import Testing

/// The first dialogue: the time the learner has, then the paths that fit it.
@Suite("path chooser")
struct PathChooserTests {
    static let offers = [
        PathChooser.Offer(id: "short", title: "Court", budgetMinutes: 120, summary: "Deux heures."),
        PathChooser.Offer(id: "long", title: "Long", budgetMinutes: 720, summary: "Douze heures."),
        PathChooser.Offer(id: "middle", title: "Moyen", budgetMinutes: 240, summary: "Quatre heures."),
    ]

    /// The chooser's answer and everything it wrote, for `lines` typed.
    static func choose(_ lines: [String]) throws -> (chosen: Int?, screen: String) {
        try choose(lines.map(LineInput.line))
    }

    /// The same, with Ctrl-C and Ctrl-D among the inputs.
    static func choose(_ inputs: [LineInput], offers: [PathChooser.Offer] = offers) throws -> (
        chosen: Int?, screen: String
    ) {
        nonisolated(unsafe) var output = ""
        let screen = Screen(environment: TerminalEnvironment(isTTY: false), output: { output += $0 })
        var reader: any LineReader = ScriptedLineReader(inputs)
        let chosen = PathChooser(words: try REPLActiveTimeTests.words(), screen: screen)
            .choose(offers, reader: &reader)
        return (chosen, output)
    }

    @Test func offersThePathsThatFitLongestFirst() throws {
        let (chosen, screen) = try Self.choose(["4h", "1"])
        #expect(chosen == 2, "1 is the longest that fits in 4 h: the 4-hour path")
        #expect(screen.contains("1. Moyen · 4:00"))
        #expect(screen.contains("2. Court · 2:00"))
        #expect(!screen.contains("Long"), "12 h does not fit in 4 h")
    }

    @Test func aPathIsAlsoChosenByItsID() throws {
        #expect(try Self.choose(["12h", "short"]).chosen == 0)
    }

    @Test func whenNothingFitsEveryPathIsOfferedShortestFirst() throws {
        let (chosen, screen) = try Self.choose(["30min", "3"])
        #expect(chosen == 1)
        #expect(screen.contains("Aucun parcours ne tient dans ce temps"))
        #expect(screen.contains("1. Court · 2:00"))
    }

    @Test func aTimeItCannotReadIsAskedAgain() throws {
        let (chosen, screen) = try Self.choose(["bientôt", "2h", "1"])
        #expect(chosen == 0)
        #expect(screen.contains("Je n’ai pas compris cette durée"))
    }

    @Test func aWrongNumberSaysWhatToType() throws {
        let (_, many) = try Self.choose(["12h", "9", "2"])
        #expect(many.contains("Tapez un numéro entre 1 et 3, ou «\u{202F}retour\u{202F}» pour changer de durée."))
        let (chosen, one) = try Self.choose(["2h", "9", "1"])
        #expect(chosen == 0)
        #expect(one.contains("Tapez 1 pour choisir ce parcours"))
        #expect(!one.contains("entre 1 et 1"))
    }

    @Test func ctrlCDropsTheLineAndAsksAgain() throws {
        let (chosen, screen) = try Self.choose([.interrupt, .line("4h"), .interrupt, .line("2")])
        #expect(chosen == 0, "the chooser did not quit on Ctrl-C")
        #expect(screen.contains("1. Moyen"))
    }

    @Test func helpBackAndQuitAreUnderstoodInBothLanguages() throws {
        let (chosen, screen) = try Self.choose(["aide", "2h", "retour", "12h", "help", "back", "4h", "1"])
        #expect(chosen == 2, "after going back twice, 4 h offers the 4-hour path first")
        #expect(screen.components(separatedBy: "Indiquez le temps dont vous disposez").count == 3)
        #expect(screen.components(separatedBy: "Combien de temps avez-vous").count == 4)
        #expect(try Self.choose(["2h", "quitter"]).chosen == nil)
        #expect(try Self.choose(["quit"]).chosen == nil)
    }

    @Test func theEndOfInputLeavesWithoutAChoice() throws {
        #expect(try Self.choose(["2h"]).chosen == nil)
        #expect(try Self.choose([]).chosen == nil)
        #expect(try Self.choose([.line("2h"), .endOfInput, .line("1")]).chosen == nil)
        #expect(try Self.choose([.line("2h")], offers: []).chosen == nil)
    }

    @Test(arguments: [
        ("2h", 120), ("2 h", 120), ("90min", 90), ("1h30", 90), ("1 h 30 min", 90), ("45", 45),
        ("PT2H", 120), ("pt1h30m", 90), ("12H", 720),
    ])
    func typedDurations(_ text: String, _ minutes: Int) {
        #expect(Pacing.minutes(typed: text) == minutes)
    }

    @Test(arguments: ["", "h", "0h", "bientôt", "2 heures", "-3h", "1.5h"])
    func notDurations(_ text: String) {
        #expect(Pacing.minutes(typed: text) == nil)
    }
}
