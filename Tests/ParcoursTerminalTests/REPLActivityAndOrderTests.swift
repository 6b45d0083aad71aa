import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursTerminal

/// The REPL on a small course: a question shown in the learner's own order of choices, and
/// an activity with a template and a self-check, then the journal that keeps both.
@Suite("REPL: shuffled choices, templates and self-checks")
struct REPLActivityAndOrderTests {
    static let graph = """
        formatVersion: 1
        course: atelier
        version: "1"
        sourceLanguage: fr
        paths:
          - id: work
            budget: PT30M
            steps: [quiz, plan, end]
        steps:
          - id: quiz
            kind: question
            minutes: 2
            choices:
              - { id: north, correct: true }
              - { id: south }
              - { id: east }
              - { id: west }
          - id: plan
            kind: activity
            minutes: 10
            deliverable: true
            template: true
            selfCheck: [dated, named, shared]
          - id: end
            kind: checkpoint
            minutes: 1
            final: true

        """

    static let locale = """
        formatVersion: 1
        course: atelier
        language: fr
        title: Atelier
        paths:
          work:
            title: Travail
            summary: Un atelier.
        steps:
          quiz:
            title: Le cap
            prompt: Où va-t-on ?
            choices:
              north: { label: Au nord, feedback: Oui. }
              south: { label: Au sud, feedback: Non. }
              east: { label: À l’est, feedback: Non. }
              west: { label: À l’ouest, feedback: Non. }
          plan:
            title: Votre plan
            body: Écrivez votre plan.
            deliverable: Votre plan en trois lignes.
            template: |
              - Quand : …
              - Avec qui : …
            selfCheck:
              dated: Mon plan est daté.
              named: J’ai nommé mes partenaires.
              shared: Je sais à qui le montrer.
          end:
            title: Fin
            body: Merci.

        """

    final class MemoryLog: EventLog {
        var events: [Event] = []
        func append(_ events: [Event]) throws { self.events += events }
    }

    static func words() throws -> Catalog {
        try InterfaceWords.catalog(courseLocale: locale)
    }

    static func course(_ graph: String = graph) throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "Paths/atelier.yml", text: graph))
    }

    /// Runs the REPL from the start (with `seed`) on `lines`; returns the log and the screen.
    static func run(_ lines: [String], seed: Int?, graph: String = graph) throws -> (events: [Event], output: String) {
        let course = try course(graph)
        let path = try #require(course.path("work"))
        let log = MemoryLog()
        let session = SessionEvents(navigator: Navigator(course: course, path: path))
        var progress = LearnerProgress()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        for event in session.stamp(
            session.start(language: "fr", cohort: nil, attempt: 1, seed: seed), on: progress, at: now
        ).events {
            try log.append([event])
            progress.apply(event)
        }
        nonisolated(unsafe) var output = ""
        let screen = Screen(environment: TerminalEnvironment(isTTY: false), output: { output += $0 })
        let repl = REPL(
            context: REPL.Context(course: course, path: path, learner: "ada", clock: { now }),
            screen: screen, reader: ScriptedLineReader(lines.map { .line($0) }), log: log,
            words: try words(), progress: progress)
        _ = repl.run(resuming: false)
        return (log.events, output)
    }

    /// The labels in the order the question lists them on screen.
    static func listed(_ output: String) -> [String] {
        output.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard let dot = text.firstIndex(of: "."), Int(text[..<dot]) != nil else { return nil }
            let label = text[text.index(after: dot)...].trimmingCharacters(in: .whitespaces)
            return label.hasPrefix("Au") || label.hasPrefix("À") ? label : nil
        }
    }

    @Test func theQuestionIsListedInTheLearnersOrderAndNumbersFollowIt() throws {
        let course = try Self.course()
        let quiz = try #require(course.steps["quiz"])
        let labels = ["north": "Au nord", "south": "Au sud", "east": "À l’est", "west": "À l’ouest"]
        // A seed whose order does not start with the written first choice.
        let seed = try #require((1...100).first { ChoiceOrder.choices(of: quiz, seed: $0).first?.id != "north" })
        let shown = ChoiceOrder.choices(of: quiz, seed: seed).map(\.id)
        let (events, output) = try Self.run(["1"], seed: seed)
        #expect(Self.listed(output) == shown.compactMap { labels[$0] })
        // "1" is the first choice on screen, recorded by its id.
        let answer = try #require(events.first { $0.type == .answered })
        #expect(answer.payload.choices == [shown[0]])
        #expect(output.contains("Au nord"), "the right answer is named after a wrong one")
        // Without a seed, the written order.
        let (_, written) = try Self.run([], seed: nil)
        #expect(Self.listed(written) == ["Au nord", "Au sud", "À l’est", "À l’ouest"])
    }

    @Test func theDeliverableShowsItsTemplateAndTheSelfCheckIsTickedBeforeMovingOn() throws {
        let (events, output) = try Self.run(
            [
                "north", "",  // the quiz, by id
                "",  // Enter without the text: the text is asked for
                "Lundi, avec la mairie.",
                "",  // Enter before ticking: the self-check is asked for
                "1 2",
                "",  // on to the end
            ], seed: nil)
        #expect(output.contains("Modèle à recopier et à compléter"))
        #expect(output.contains("- Quand : …") || output.contains("Quand : …"))
        #expect(output.contains("Avant de continuer, vérifiez votre travail"))
        #expect(output.contains("J’ai nommé mes partenaires."))
        #expect(output.contains("Noté\u{202F}: 2 sur 3."))
        let progress = LearnerProgress.fold(events)
        #expect(progress.currentStep == "end")
        #expect(progress.selfChecks["plan"] == ["dated", "named"])
        // The deliverable stays the step's answer; the ticks are an answered event of their own.
        #expect(progress.answers["plan"]?.text == "Lundi, avec la mairie.")
        let ticks = try #require(events.first { $0.payload.checked != nil })
        #expect(ticks.type == .answered && ticks.stepID == "plan" && ticks.payload.text == nil)
        // Enter before ticking did not move on: one completion of the activity, after the ticks.
        let completed = try #require(events.firstIndex { $0.type == .completed && $0.stepID == "plan" })
        #expect(completed > (events.firstIndex { $0.payload.checked != nil } ?? .max))
        #expect(output.contains("Avant de continuer, cochez votre liste"))
    }

    @Test func anOptionalActivityAsksForItsSelfCheckOnceItsTextIsWritten() throws {
        let optional = Self.graph.replacing(
            "    deliverable: true\n", with: "    optional: true\n    deliverable: true\n")
        // Without a text, Enter moves on, as on any optional activity.
        let (skipped, _) = try Self.run(["north", "", ""], seed: nil, graph: optional)
        #expect(LearnerProgress.fold(skipped).currentStep == "end")
        // With a text, Enter asks for the self-check first.
        let (events, output) = try Self.run(["north", "", "Mardi.", "", "3", ""], seed: nil, graph: optional)
        let progress = LearnerProgress.fold(events)
        #expect(progress.currentStep == "end")
        #expect(progress.selfChecks["plan"] == ["shared"])
        #expect(output.contains("Avant de continuer, cochez votre liste"))
        #expect(output.contains("Il manque quelque chose"))
    }

    @Test func theJournalShowsTheTemplateTheAnswerAndTheTicks() throws {
        let (events, _) = try Self.run(["north", "", "Lundi, avec la mairie.", "ok", ""], seed: nil)
        let course = try Self.course()
        let progress = LearnerProgress.fold(events)
        let journal = JournalRenderer(course: course, words: try Self.words()).markdown(
            progress, learner: "ada", path: try #require(course.path("work")))
        let expected = """
            ## Votre plan

            > Votre plan en trois lignes.

            **Modèle**

            - Quand : …
            - Avec qui : …

            **Votre réponse**

            Lundi, avec la mairie.

            **Liste de vérification**

            - [x] Mon plan est daté.
            - [x] J’ai nommé mes partenaires.
            - [x] Je sais à qui le montrer.
            """
        #expect(journal.contains(expected), "\(journal)")
    }

    @Test func aTemplateIsInTheJournalBeforeAnyTextIsWritten() throws {
        let (events, _) = try Self.run(["north", ""], seed: nil)
        let course = try Self.course()
        let journal = JournalRenderer(course: course, words: try Self.words()).markdown(
            LearnerProgress.fold(events), learner: "ada", path: try #require(course.path("work")))
        #expect(journal.contains("## Votre plan\n\n> Votre plan en trois lignes.\n\n**Modèle**\n\n- Quand : …"))
        #expect(!journal.contains("Liste de vérification"))
        #expect(!journal.contains("Rien d’écrit") && !journal.contains("Rien d'écrit"))
    }

    @Test(arguments: [
        ("ok", ["a", "b", "c"]), ("tout", ["a", "b", "c"]), ("3 1", ["a", "c"]), ("1,1", ["a"]), ("aucun", []),
        ("4", nil), ("un", nil), ("", nil), ("1 deux", nil),
    ])
    func selfCheckInput(_ text: String, _ expected: [String]?) {
        #expect(SelfCheckInput.ticked(text, items: ["a", "b", "c"]) == expected)
    }
}
