import ParcoursCore
import ParcoursTestSupport
import Testing

/// Every lint rule, broken on purpose: each fixture marks where the diagnostic must point.
@Suite("Lint rules report the exact location")
struct LintRuleTests {
    @Test("the fixture course is clean")
    func cleanFixture() {
        let (diagnostics, _) = Fixture.lint()
        #expect(diagnostics.isEmpty, "\(diagnostics)")
    }

    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var graph: String = Fixture.graph
        var fr: String = Fixture.locale("fr")
        var en: String = Fixture.locale("en")
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(
            name: "yaml-syntax",
            graph: "formatVersion: 1\ncourse: [demo\nversion«yaml-syntax»: \"1\"\n"),
        Case(
            name: "unsupported-format",
            graph: Fixture.graph.replacing(
                "formatVersion: 1", with: "formatVersion: «unsupported-format»9")),
        Case(
            name: "unknown-key",
            graph: Fixture.graph.replacing(
                "    kind: lesson\n    minutes: 3",
                with: "    kind: lesson\n    «unknown-key»colour: red\n    minutes: 3")),
        Case(
            name: "unknown-key on a kind-specific key",
            graph: Fixture.graph.replacing(
                "    kind: lesson\n    minutes: 3",
                with: "    kind: lesson\n    «unknown-key»choices: []\n    minutes: 3")),
        Case(
            name: "missing-key",
            graph: Fixture.graph.replacing(
                "  - id: doc\n    kind: guide\n", with: "  - «missing-key»id: doc\n")),
        Case(
            name: "invalid-value (duration)",
            graph: Fixture.graph.replacing(
                "budget: PT10M", with: "budget: «invalid-value»10 minutes")),
        Case(
            name: "invalid-value (kind)",
            graph: Fixture.graph.replacing("kind: checkpoint", with: "kind: «invalid-value»pause")),
        Case(
            name: "invalid-value (number)",
            graph: Fixture.graph.replacing(
                "    optional: true\n", with: "    optional: true\n    value: «invalid-value»lots\n"
            )),
        Case(
            name: "invalid-value (masteryScore over 1)",
            graph: Fixture.graph.replacing(
                "    budget: PT10M\n", with: "    budget: PT10M\n    masteryScore: «invalid-value»1.5\n")),
        Case(
            name: "invalid-value (masteryScore, five decimals)",
            graph: Fixture.graph.replacing(
                "    budget: PT10M\n", with: "    budget: PT10M\n    masteryScore: «invalid-value»0.12345\n")),
        Case(
            name: "invalid-value (masteryScore, not a number)",
            graph: Fixture.graph.replacing(
                "    budget: PT10M\n", with: "    budget: PT10M\n    masteryScore: «invalid-value»most\n")),
        Case(
            name: "mastery-without-questions",
            graph: Fixture.graph.replacing(
                "    budget: PT10M\n", with: "    budget: PT10M\n    masteryScore: «mastery-without-questions»0.8\n"
            ).replacing("      - id: a\n        correct: true\n", with: "      - id: a\n")),
        Case(
            name: "bad-id",
            graph: Fixture.graph.replacing(
                "      - id: b\n", with: "      - id: «bad-id»Choice_B\n"),
            fr: Fixture.locale("fr").replacing("      b: {", with: "      Choice_B: {"),
            en: Fixture.locale("en").replacing("      b: {", with: "      Choice_B: {")),
        Case(
            name: "duplicate-id",
            graph: Fixture.graph.replacing(
                "  - id: fix\n    kind: lesson",
                with:
                    "  - id: «duplicate-id»quiz\n    kind: lesson\n    minutes: 1\n  - id: fix\n    kind: lesson"
            )),
        Case(
            name: "unknown-step (goto)",
            graph: Fixture.graph.replacing("goto: end", with: "goto: «unknown-step»ending")),
        Case(
            name: "unknown-step (path list)",
            graph: Fixture.graph.replacing(
                "[intro, quiz, fix, end]", with: "[intro, quiz, «unknown-step»fixx, fix, end]")),
        Case(
            name: "next-outside-path",
            graph: Fixture.graph.replacing(
                "    minutes: 3\n  - id: quiz",
                with:
                    "    minutes: 3\n    next: «next-outside-path»bonus\n  - id: bonus\n    kind: lesson\n    minutes: 1\n    final: true\n  - id: quiz"
            ),
            fr: Fixture.locale("fr") + Fixture.extraStep("bonus"),
            en: Fixture.locale("en") + Fixture.extraStep("bonus")),
        Case(
            name: "unreachable-step",
            graph: Fixture.graph.replacing(
                "[intro, quiz, fix, end]", with: "[intro, quiz, fix, end, «unreachable-step»extra]"
            )
            .replacing(
                "    final: true\n",
                with:
                    "    final: true\n  - id: extra\n    kind: lesson\n    minutes: 1\n    final: true\n"
            ),
            fr: Fixture.locale("fr") + Fixture.extraStep("extra"),
            en: Fixture.locale("en") + Fixture.extraStep("extra")),
        Case(
            name: "dead-end",
            graph: Fixture.graph.replacing(
                "    minutes: 3\n    final: true\n", with: "    minutes: 3\n"
            ).replacing("  - id: end\n", with: "  - id: «dead-end»end\n")),
        Case(
            name: "cycle-without-exit",
            graph: Fixture.graph.replacing(
                "  - id: fix\n    kind: lesson\n    minutes: 2\n    optional: true\n",
                with:
                    "  - id: «cycle-without-exit»fix\n    kind: lesson\n    minutes: 2\n    optional: true\n    next: loop\n  - id: loop\n    kind: lesson\n    minutes: 1\n    next: fix\n"
            )
            .replacing("[intro, quiz, fix, end]", with: "[intro, quiz, fix, loop, end]").replacing(
                "budget: PT10M", with: "budget: PT10M\n    tolerance: 50"),
            fr: Fixture.locale("fr") + Fixture.extraStep("loop"),
            en: Fixture.locale("en") + Fixture.extraStep("loop")),
        Case(
            name: "unknown-reference (question)",
            graph: Fixture.graph.replacing(
                "{ answer: quiz, is: a }", with: "{ answer: «unknown-reference»quizz, is: a }")),
        Case(
            name: "unknown-reference (choice)",
            graph: Fixture.graph.replacing(
                "{ answer: quiz, is: a }", with: "{ answer: quiz, is: «unknown-reference»c }")),
        Case(
            name: "unknown-reference (dimension)",
            graph: Fixture.graph.replacing(
                "{ answer: quiz, is: a }", with: "{ score: «unknown-reference»skills, below: 3 }")),
        Case(
            name: "unknown-resource",
            graph: Fixture.graph.replacing(
                "  - id: end\n",
                with:
                    "  - id: reading\n    kind: resources\n    minutes: 0\n    recommend:\n      - resource: «unknown-resource»docs\n        because: useful\n  - id: end\n"
            ),
            fr: Fixture.locale("fr") + "  reading:\n    title: Lire\nreasons:\n  useful: Utile.\n",
            en: Fixture.locale("en") + "  reading:\n    title: Read\nreasons:\n  useful: Useful.\n"),
        Case(
            name: "unknown-resource (a step's uses)",
            graph: Fixture.graph.replacing(
                "    optional: true\n", with: "    optional: true\n    uses: [doc, «unknown-resource»docs]\n")),
        Case(
            name: "unknown-resource (a path's uses)",
            graph: Fixture.graph.replacing(
                "    steps: [intro, quiz, fix, end]\n",
                with: "    steps: [intro, quiz, fix, end]\n    uses: [«unknown-resource»manual]\n")),
        Case(
            name: "unknown-key (a self-check on a lesson)",
            graph: Fixture.graph.replacing(
                "    optional: true\n", with: "    optional: true\n    «unknown-key»selfCheck: [done]\n")),
        Case(
            name: "unknown-key (a template without a deliverable)",
            graph: Fixture.graph.replacing(
                "  - id: fix\n    kind: lesson\n",
                with: "  - id: fix\n    kind: activity\n    «unknown-key»template: true\n")),
        Case(
            name: "unknown-key (shuffle on a lesson; fixed on a choice is fine)",
            graph: Fixture.graph.replacing(
                "    optional: true\n", with: "    optional: true\n    «unknown-key»shuffle: false\n"
            ).replacing("              - id: b\n", with: "              - id: b\n                fixed: true\n")),
        Case(
            name: "missing-translation (a self-check item and a template)",
            graph: Fixture.graph.replacing(
                "  - id: fix\n    kind: lesson\n",
                with:
                    "  - id: fix\n    kind: activity\n    deliverable: true\n    template: true\n    selfCheck: [named, dated]\n"
            ),
            fr: Fixture.locale("fr").replacing(
                "    body: On revoit.\n",
                with:
                    "    body: On revoit.\n    deliverable: Votre texte.\n    template: \"Qui\u{202F}: …\"\n    selfCheck:\n      named: J’ai nommé.\n      dated: J’ai daté.\n"
            ),
            en: Fixture.locale("en").replacing(
                "    body: On revoit.\n",
                with:
                    "    body: On revoit.\n    deliverable: Your text.\n    selfCheck:\n      named: I named.\n      «unused-translation»dates: I dated.\n"
            ).replacing("  fix:\n", with: "  «missing-translation»«missing-translation»fix:\n")),
        Case(
            name: "missing-estimate",
            graph: Fixture.graph.replacing(
                "  - id: end\n    kind: checkpoint\n    minutes: 3\n",
                with: "  - id: «missing-estimate»end\n    kind: checkpoint\n"
            ).replacing("budget: PT10M", with: "budget: PT6M\n    tolerance: 50")),
        Case(
            name: "over-budget",
            graph: Fixture.graph.replacing(
                "budget: PT10M", with: "budget: «over-budget»«over-budget-walk»«budget-drift»PT5M")),
        Case(
            name: "budget-drift",
            graph: Fixture.graph.replacing(
                "budget: PT10M", with: "budget: «budget-drift»«light-walk»PT15M")),
        Case(
            // Answer b adds two required steps: 15 min, over 10 min + 15 %, though the
            // typical walk (10) and the shortest (8) fit.
            name: "over-budget-walk (branch-heavy)",
            graph: Fixture.graph.replacing(
                "budget: PT10M", with: "budget: «over-budget-walk»PT10M"
            ).replacing("[intro, quiz, fix, end]", with: "[intro, quiz, fix, end, deep, more]")
                .replacing(
                    "        goto: end\n",
                    with: "        goto: end\n      - when: { answer: quiz, is: b }\n        goto: deep\n"
                ) + "  - id: deep\n    kind: lesson\n    minutes: 4\n    next: more\n"
                + "  - id: more\n    kind: lesson\n    minutes: 3\n    next: end\n",
            fr: Fixture.locale("fr") + Fixture.extraStep("deep") + Fixture.extraStep("more"),
            en: Fixture.locale("en") + Fixture.extraStep("deep") + Fixture.extraStep("more")),
        Case(
            // The walk through answer a takes 8 min: under 75 % of 12.
            name: "light-walk",
            graph: Fixture.graph.replacing(
                "budget: PT10M", with: "budget: «light-walk»PT12M\n    tolerance: 20")),
        Case(
            name: "missing-translation",
            en: Fixture.locale("en").replacing(
                "  end:\n    title: Fin\n", with: "  «missing-translation»end:\n    subtitle: Fin\n"
            )
            .replacing("    subtitle", with: "    «unused-translation»subtitle")),
        Case(
            name: "missing-translation (no source locale)",
            graph: Fixture.graph.replacing(
                "sourceLanguage: fr", with: "sourceLanguage: «missing-translation»de")),
        Case(
            name: "unused-translation",
            fr: Fixture.locale("fr") + "reasons:\n  «unused-translation»forgotten: Oublié.\n"),
        Case(
            name: "unknown-placeholder",
            fr: Fixture.locale("fr").replacing("title: Démo", with: "«unknown-placeholder»title: \"{usd} Démo\"")),
        // A locale file that does not parse is reported once, not also as missing.
        Case(
            name: "yaml-syntax (locale file)",
            fr: Fixture.locale("fr").replacing("title: Démo\npaths:", with: "title: [Démo\npaths«yaml-syntax»:")),
        Case(
            // French words only: a plain space before '?', glued guillemets, a straight
            // apostrophe, a plain space before a colon at the end of a line. The clock time,
            // the address, the no-break spaces and the English file are left alone.
            name: "typography",
            fr: Fixture.locale("fr").replacing(
                "prompt: Laquelle\u{202F}?", with: "prompt: Laquelle «typography»?"
            ).replacing(
                "    body: On revoit.\n",
                with: "    body: |\n      «typography»«On revoit«typography»» l«typography»'essentiel «typography»:\n"
                    + "      à 0:09, voir https://example.org/a?b=c\u{202F}; «\u{202F}oui\u{202F}»\u{00A0}!\n"),
            en: Fixture.locale("en").replacing("body: On revoit.", with: "body: \"Don't panic : it's fine !\"")),
    ]

    @Test("each broken fixture is reported at its mark", arguments: cases)
    func reportsAtMark(_ fixture: Case) {
        let (diagnostics, marks) = Fixture.lint(
            graph: fixture.graph, fr: fixture.fr, en: fixture.en)
        #expect(!marks.isEmpty, "the fixture has no mark")
        for mark in marks {
            let found = diagnostics.contains {
                $0.rule == mark.rule && $0.location.file == mark.file
                    && $0.location.line == mark.line
                    && $0.location.column == mark.column
            }
            #expect(
                found,
                "expected [\(mark.rule)] at \(mark.file):\(mark.line):\(mark.column), got:\n\(diagnostics.map(\.description).joined(separator: "\n"))"
            )
        }
        // Nothing else is reported: each fixture breaks one thing.
        let expected = Set(marks.map(\.rule))
        let unexpected = diagnostics.filter { !expected.contains($0.rule) }
        #expect(unexpected.isEmpty, "unexpected: \(unexpected)")
    }

    @Test("typography reports each violation once, and nothing else")
    func typographyIsExact() throws {
        let fixture = try #require(Self.cases.first { $0.name == "typography" })
        let (diagnostics, marks) = Fixture.lint(graph: fixture.graph, fr: fixture.fr, en: fixture.en)
        let found = diagnostics.filter { $0.rule == "typography" }.map {
            "\($0.location.file):\($0.location.line):\($0.location.column)"
        }
        #expect(found.sorted() == marks.map { "\($0.file):\($0.line):\($0.column)" }.sorted())
        #expect(diagnostics.allSatisfy { $0.severity == .warning })
    }

    @Test("a masteryScore on a path with a graded question is clean, and reaches the course")
    func masteryScoreIsRead() throws {
        let graph = Fixture.graph.replacing("    budget: PT10M\n", with: "    budget: PT10M\n    masteryScore: 0.75\n")
        let (diagnostics, _) = Fixture.lint(graph: graph)
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        let course = try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: graph))
        #expect(course.path("main")?.masteryScore == 0.75)
        let plain = try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: Fixture.graph))
        #expect(plain.path("main")?.masteryScore == nil)
    }

    @Test("every rule lint can report has a fixture")
    func everyRuleHasAFixture() {
        let covered = Set(
            Self.cases.flatMap {
                MarkedText($0.graph).marks + MarkedText($0.fr).marks + MarkedText($0.en).marks
            }.map(\.rule))
        for rule in Linter.ruleIDs {
            #expect(covered.contains(rule), "no fixture breaks [\(rule)]")
        }
    }

    @Test("all defects are reported in one run, sorted by location")
    func collectsEverything() {
        let graph = Fixture.graph.replacing("goto: end", with: "goto: ending").replacing(
            "budget: PT10M", with: "budget: soon")
        let (diagnostics, _) = Fixture.lint(graph: graph)
        let rules = Set(diagnostics.map(\.rule))
        #expect(rules == ["unknown-step", "invalid-value"])
        let sorted = diagnostics.sortedForReport()
        #expect(sorted.map(\.location) == sorted.map(\.location).sorted())
    }

    @Test("diagnostics print as path:line:col: severity: message [rule]")
    func format() {
        let diagnostic = Diagnostic.error(
            "dead-end", at: SourceLocation(file: "Paths/x.yml", line: 3, column: 7), "oops")
        #expect(diagnostic.description == "Paths/x.yml:3:7: error: oops [dead-end]")
    }
}
