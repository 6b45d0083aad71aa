import ParcoursCore
import ParcoursTestSupport
import Testing

@Suite("Loading course files")
struct LoaderTests {
    @Test func validCourseBuilds() throws {
        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/demo.yml", text: Fixture.graph))
        #expect(course.id == "demo")
        #expect(course.sourceLanguage == "fr")
        let path = try #require(course.path("main"))
        #expect(path.budgetMinutes == 10)
        #expect(path.stepIDs == ["intro", "quiz", "fix", "end"])
        let quiz = try #require(course.steps["quiz"])
        #expect(quiz.isGraded)
        #expect(quiz.correctChoices == ["a"])
        #expect(quiz.branches.first?.condition == .answer(question: "quiz", choices: ["a"]))
        #expect(course.contentHash.count == 16)
        #expect(course.resources["doc"]?.kind == .guide)
    }

    @Test func brokenYAMLIsRefusedWithItsLocation() {
        #expect {
            try CourseLoader.load(graph: SourceText(path: "x.yml", text: "course: [oops\n"))
        } throws: { error in
            guard let invalid = error as? CourseLoader.InvalidCourse else { return false }
            return invalid.diagnostics.first?.rule == "yaml-syntax"
                && invalid.diagnostics.first?.location.file == "x.yml"
        }
    }

    @Test func structuralErrorsStopTheCourseFromRunning() {
        let broken = Fixture.graph.replacing("goto: end", with: "goto: nowhere")
        #expect(throws: CourseLoader.InvalidCourse.self) {
            try CourseLoader.load(graph: SourceText(path: "x.yml", text: broken))
        }
    }

    @Test func duplicateKeysAreSyntaxErrors() {
        let (_, diagnostics) = CourseFileDecoder.decode("course: a\ncourse: b\n", file: "d.yml")
        #expect(diagnostics.first?.rule == "yaml-syntax")
        #expect(diagnostics.first?.message.contains("duplicate key") == true)
    }

    @Test(arguments: [3, 16, 17, 40])
    func duplicateKeysAreFoundInSmallAndLargeMappings(position: Int) {
        var lines = (0..<40).map { "k\($0): v" }
        lines.insert("k\(position - 1): again", at: position)
        let (_, diagnostics) = CourseFileDecoder.decode(lines.joined(separator: "\n") + "\n", file: "d.yml")
        #expect(diagnostics.first?.rule == "yaml-syntax")
        #expect(diagnostics.first?.message == "duplicate key 'k\(position - 1)' in one mapping")
        #expect(diagnostics.first?.location.line == position + 1)
    }

    @Test func localeFilesFlattenAndKeepPlurals() throws {
        let text = """
            formatVersion: 1
            course: demo
            language: fr
            title: Démo
            steps:
              intro:
                title: Intro
                count:
                  one: "{count} étape"
                  other: "{count} étapes"
            """
        let (locale, diagnostics) = LocaleFileDecoder.decodeCourseLocale(text, file: "l.yml")
        #expect(diagnostics.isEmpty)
        let file = try #require(locale)
        #expect(file.entries["steps.intro.title"]?.value == .text("Intro"))
        #expect(
            file.entries["steps.intro.count"]?.value
                == .plural(one: "{count} étape", other: "{count} étapes"))
        #expect(file.entries["steps.intro.title"]?.location.line == 7)
    }

    @Test func conditionsEvaluateAgainstFacts() throws {
        struct Facts: ConditionFacts {
            var answers: [String: Set<String>]
            var scores: [String: Double]
            func latestChoices(for question: String) -> Set<String>? { answers[question] }
            func score(of dimension: String) -> Double? { scores[dimension] }
        }
        let course = try CourseLoader.load(graph: SourceText(path: "x.yml", text: Fixture.graph))
        let facts = Facts(answers: ["quiz": ["a"]], scores: ["skill": 2.5])
        #expect(
            Condition.answer(question: "quiz", choices: ["a", "b"]).holds(in: facts, course: course)
        )
        #expect(
            Condition.correct(question: "quiz", expected: true).holds(in: facts, course: course))
        #expect(
            Condition.scoreBelow(dimension: "skill", threshold: 3).holds(in: facts, course: course))
        #expect(
            !Condition.scoreAtLeast(dimension: "skill", threshold: 3).holds(
                in: facts, course: course))
        #expect(
            !Condition.scoreBelow(dimension: "other", threshold: 3).holds(in: facts, course: course)
        )
        #expect(
            Condition.not(.scoreBelow(dimension: "other", threshold: 3)).holds(
                in: facts, course: course))
        #expect(
            Condition.all([
                .answer(question: "quiz", choices: ["a"]),
                .any([.scoreAtLeast(dimension: "skill", threshold: 2)]),
            ])
            .holds(in: facts, course: course))
    }
}
