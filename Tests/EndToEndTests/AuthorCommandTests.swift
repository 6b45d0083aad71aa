import Foundation
import ParcoursTestSupport
import Testing

/// `lint`, `list` and `graph` through the real binary.
@Suite("Author commands, end to end")
struct AuthorCommandTests {
    /// Every rule on, `typography` included: the shipped courses and UI catalogs have no
    /// error and no warning.
    @Test func shippedCoursesLintClean() throws {
        let result = try Binary.run(["lint", "--home", Binary.packageRoot])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(!result.stdout.contains("error:"))
        #expect(!result.stdout.contains("[typography]"), "\(result.stdout)")
        #expect(result.stderr.contains("courses checked: 0 errors, 0 warnings"), "\(result.stderr)")
    }

    @Test func brokenCourseIsReportedAtItsLocationWithExitOne() throws {
        let home = try Fixture.write(
            to: Binary.temporaryDirectory(),
            graph: Fixture.graph.replacing("goto: end", with: "goto: ending"))
        let result = try Binary.run(["lint", "Paths/demo.yml"], directory: home)
        #expect(result.status == 1)
        #expect(
            result.stdout.contains(
                "Paths/demo.yml:31:15: error: a branch of step 'quiz' names unknown step 'ending' [unknown-step]"
            ))
        #expect(result.stderr.contains("1 course checked: 1 error"))
    }

    /// A locale file in Latin-1 is one diagnostic at its first bad byte; the other files are
    /// still checked (here, an unknown step in the graph).
    @Test func aFileThatIsNotUTF8IsADiagnosticAndLintGoesOn() throws {
        let home = try Fixture.write(
            to: Binary.temporaryDirectory(),
            graph: Fixture.graph.replacing("goto: end", with: "goto: ending"))
        let locale = home + "/Locales/en/demo.yml"
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: locale)))
        let secondLine = try #require(bytes.firstIndex(of: 0x0A)) + 1
        // " # café" and a line break, in Latin-1.
        bytes.insert(contentsOf: [0x20, 0x23, 0x20, 0x63, 0x61, 0x66, 0xE9, 0x0A], at: secondLine)
        try Data(bytes).write(to: URL(fileURLWithPath: locale))
        let result = try Binary.run(["lint", "."], directory: home)
        #expect(result.status == 1)
        #expect(result.stdout.contains("Locales/en/demo.yml:2:7: error: this file is not UTF-8"), "\(result.stdout)")
        #expect(result.stdout.contains("[unknown-step]"), "the graph is still checked")
        let errors = result.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.filter { $0.contains("[encoding]") }.count == 1, "\(result.stdout)")
        #expect(errors.count == 2, "the encoding error and the unknown step, nothing spurious: \(result.stdout)")
    }

    /// `start` on a course with errors gives those errors (65), not "no such path" (64).
    @Test func startOnABrokenCourseGivesItsErrors() throws {
        let home = try Fixture.write(
            to: Binary.temporaryDirectory(),
            graph: Fixture.graph.replacing("goto: end", with: "goto: ending"))
        let result = try Binary.run(["start", "main", "--home", home, "--store", home + "/s.sqlite"])
        #expect(result.status == 65, "\(result.stderr)")
        #expect(result.stderr.contains("a branch of step 'quiz' names unknown step 'ending' [unknown-step]"))
        #expect(!result.stderr.contains("no path"))
    }

    @Test func lintJSONCarriesEveryField() throws {
        let home = try Fixture.write(
            to: Binary.temporaryDirectory(),
            graph: Fixture.graph.replacing("budget: PT10M", with: "budget: PT15M"))
        let result = try Binary.run(["lint", "--json", home])
        #expect(result.status == 0, "warnings alone keep exit 0")
        let entries = try #require(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(Set(entries.compactMap { $0["rule"] as? String }) == ["budget-drift", "light-walk"])
        let drift = try #require(entries.first { $0["rule"] as? String == "budget-drift" })
        #expect(drift["severity"] as? String == "warning")
        #expect(drift["line"] as? Int == 7)
        #expect(drift["column"] as? Int == 13)
        #expect((drift["file"] as? String)?.hasSuffix("Paths/demo.yml") == true)
        #expect(drift["message"] is String)
        // The walk figures go to stderr, stdout keeping the diagnostics alone.
        let summary = try #require(
            JSONSerialization.jsonObject(with: Data(result.stderr.utf8)) as? [String: [[String: Any]]])
        let path = try #require(summary["paths"]?.first)
        #expect(path["lightestMinutes"] as? Int == 8)
        #expect(path["typicalMinutes"] as? Int == 10)
        #expect(path["heaviestMinutes"] as? Int == 10)
        #expect(path["fewestSteps"] as? Int == 3)
    }

    @Test func lintSummaryShowsTheWalksAfterAdaptation() throws {
        let home = try Fixture.Branches.write(to: Binary.temporaryDirectory())
        let result = try Binary.run(["lint", home])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(
            result.stderr.contains(
                "main: budget 0:20 · shortest 0:08 · lightest 0:18 · typical 0:18 · heaviest 0:20 (0:24 before setting aside) · 6–7 steps"
            ), "\(result.stderr)")
    }

    @Test func usageErrorsExit64() throws {
        #expect(try Binary.run(["lint", "--frobnicate"]).status == 64)
        #expect(try Binary.run(["graph"]).status == 64)
        #expect(try Binary.run(["florp"]).status == 64)
    }

    @Test func missingContentSaysWhereItLooked() throws {
        let result = try Binary.run(["list", "--home", "/nonexistent/courses"])
        #expect(result.status == 66)
        #expect(result.stderr.contains("/nonexistent/courses"))
        #expect(result.stderr.contains("a cherché dans"))
    }

    @Test func listShowsPathsInTheUsersLanguage() throws {
        let french = try Binary.run(
            ["list", "--home", Binary.packageRoot], environment: ["LANG": "fr_FR.UTF-8"])
        #expect(french.status == 0)
        #expect(french.stdout.contains("Parcours"))
        #expect(french.stdout.contains("tour"))
        let english = try Binary.run(["list", "--home", Binary.packageRoot, "--lang", "en"])
        #expect(english.stdout.contains("Typical time"))
        // Under the table, the course's notice: Alliances & Territoires is an independent course.
        #expect(french.stdout.contains("\n\nAlliances & Territoires est un parcours de découverte indépendant"))
        #expect(english.stdout.contains("\n\nAlliances & Territoires is an independent discovery course"))
    }

    /// A course may say one line about itself (`notice`): list prints it under the table, and
    /// in each of the course's JSON entries.
    @Test func listPrintsACoursesNoticeUnderTheTable() throws {
        let fr = Fixture.locale("fr").replacing(
            "title: Démo\n", with: "title: Démo\nnotice: Un cours d’essai, pas le vrai.\n")
        let home = try Fixture.write(to: Binary.temporaryDirectory(), fr: fr)
        let result = try Binary.run(["list", "--home", home, "--lang", "fr"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("0:10\n\nUn cours d’essai, pas le vrai.\n"), "\(result.stdout)")
        let json = try Binary.run(["list", "--json", "--home", home, "--lang", "fr"])
        #expect(json.stdout.contains("Un cours d’essai, pas le vrai."), "\(json.stdout)")
        // Missing in English, it falls back to the source language, as every course word does.
        let english = try Binary.run(["list", "--home", home, "--lang", "en"])
        #expect(english.stdout.hasSuffix("\n\nUn cours d’essai, pas le vrai.\n"), "\(english.stdout)")
    }

    @Test func listJSONShape() throws {
        let home = try Fixture.write(to: Binary.temporaryDirectory())
        let result = try Binary.run(["list", "--json", "--home", home, "--lang", "en"])
        #expect(result.status == 0)
        let entries = try #require(
            JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        #expect(entries.count == 1)
        let path = try #require(entries.first)
        #expect(path["id"] as? String == "main")
        #expect(path["title"] as? String == "Principal")
        #expect(path["budget"] as? String == "PT10M")
        #expect(path["stepCount"] as? Int == 4)
        // The right answer skips the fix: walks of 3 or 4 steps.
        #expect(path["fewestSteps"] as? Int == 3)
        #expect(path["mostSteps"] as? Int == 4)
        #expect(path["typicalMinutes"] as? Int == 10)
    }

    @Test func graphRendersWithGraphviz() throws {
        let home = try Fixture.write(to: Binary.temporaryDirectory())
        let dot = try Binary.run(["graph", "main", "--home", home])
        #expect(dot.status == 0)
        #expect(dot.stdout.hasPrefix("digraph \"main\""))
        #expect(dot.stdout.contains("\"quiz\" -> \"end\" [label=\"quiz = a\", style=dashed]"))
        #expect(dot.stdout.contains("Rattrapage\\nleçon · 2 min"), "kinds in the course's language")
        #expect(dot.stdout.contains("budget 0:10") == false && dot.stdout.contains("durée prévue 0:10"))
        // The legend names the shapes the path uses, and no other.
        #expect(dot.stdout.contains("subgraph \"cluster_legend\""))
        #expect(dot.stdout.contains("label=\"Légende\""))
        #expect(dot.stdout.contains("\"legend_question\" [label=\"question\", shape=diamond"))
        #expect(dot.stdout.contains("\"legend_checkpoint\" [label=\"point d’étape\", shape=octagon"))
        #expect(!dot.stdout.contains("legend_activity"), "the path has no activity")
        #expect(dot.stdout.contains("\"legend_optional\" [label=\"étape facultative\", style=\"rounded,dashed\"]"))
        #expect(dot.stdout.contains("[label=\"selon la réponse\", style=dashed]"))
        let english = try Binary.run(["graph", "main", "--home", home, "--lang", "en"])
        #expect(english.stdout.contains("Remedial\\nlesson · 2 min") || english.stdout.contains("\\nlesson · 2 min"))
        #expect(english.stdout.contains("label=\"Legend\""))
        #expect(dot.stdout.contains("style=\"rounded,dashed\""), "optional steps are dashed")
        let svg = try Binary.tool("dot", ["-Tsvg"], input: dot.stdout)
        #expect(svg.status == 0, "\(svg.stderr)")
        #expect(svg.stdout.contains("<svg"))
    }

    @Test func aMistypedCommandGetsTheNearestOne() throws {
        let result = try Binary.run(["statsu"])
        #expect(result.status == 64)
        #expect(
            result.stderr.contains(
                "commande inconnue «\u{202F}statsu\u{202F}». Vouliez-vous dire «\u{202F}status\u{202F}»\u{202F}?"),
            "\(result.stderr)")
        #expect(result.stderr.contains("Commandes\u{202F}: home, start, resume, status"))
        // Failures are said in the learner's language: English asked by the environment.
        let english = try Binary.run(["statsu"], environment: ["LANGUAGE": "en"])
        #expect(english.stderr.contains("unknown command 'statsu'. Did you mean 'status'?"), "\(english.stderr)")
        #expect(try Binary.run(["help", "status"]).status == 0, "help is a command too")
    }

    @Test func graphMermaidAndUnknownPath() throws {
        let home = try Fixture.write(to: Binary.temporaryDirectory())
        let mermaid = try Binary.run(["graph", "main", "--mermaid", "--home", home])
        #expect(mermaid.stdout.hasPrefix("flowchart TD"))
        #expect(mermaid.stdout.contains("-.->|\"quiz = a\"|"))
        #expect(mermaid.stdout.contains("<br/>leçon · 3 min"))
        #expect(mermaid.stdout.contains("subgraph legend[\"Légende\"]"))
        #expect(mermaid.stdout.contains("legend_final([\"dernière étape\"])"))
        let unknown = try Binary.run(["graph", "mian", "--home", home])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("Vouliez-vous dire «\u{202F}main\u{202F}»\u{202F}?"), "\(unknown.stderr)")
        let english = try Binary.run(["graph", "mian", "--home", home, "--lang", "en"])
        #expect(english.stderr.contains("Did you mean 'main'?"), "--lang en: \(english.stderr)")
    }

    @Test("every command has --help", arguments: ["lint", "list", "graph"])
    func help(command: String) throws {
        let result = try Binary.run([command, "--help"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("USAGE"))
    }
}

/// What `make install` puts beside the binary: completions for three shells and a man page
/// generated from the same command definitions.
@Suite("shell completions")
struct CompletionTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func everyShellGetsEverySubcommand(_ shell: String) throws {
        let result = try Binary.run(["--generate-completion-script", shell])
        #expect(result.status == 0)
        for command in ["start", "resume", "status", "report", "export", "import", "lint", "graph", "calibrate"] {
            #expect(result.stdout.contains(command), "\(shell) completes \(command)")
        }
    }
}
