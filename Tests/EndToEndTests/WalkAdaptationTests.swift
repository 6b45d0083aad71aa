import Foundation
import ParcoursTestSupport
import Testing

/// Answers that add branch steps make the walk set optional steps aside, through pipes:
/// said in one line, logged with the answer, seen the same by `status` and `resume`, and
/// taken back with `plan reprendre`.
@Suite("The walk adapts to its budget, end to end")
struct WalkAdaptationEndToEndTests {
    @Test func answersSetOptionalStepsAsideAndPlanTakesOneBack() throws {
        let learner = try Learner(course: { try Fixture.Branches.write(to: $0) })
        // intro, then answer B: remedial (6 min) joins a walk of 18 min for 20.
        let first = try learner.run(["start", "main"], input: "\n2\nquitter\n")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("── 2/6 ·"), "the quiz, on a walk of 6 steps")
        let line = try #require(
            first.stdout.split(separator: "\n").first { $0.contains("je mets de côté") },
            "one line says what was set aside:\n\(first.stdout)")
        #expect(line.contains("Une lecture, Un cas pratique"))
        #expect(line.contains("0:20"))
        #expect(line.contains("5 étapes"))

        // In the log, with the answer (same time, next seqs), reason time-budget.
        let rows = try learner.sql(
            "select type || ' ' || coalesce(step_id, '') || ' ' || payload from event where seq > 4 order by seq")
        #expect(
            rows.split(separator: "\n").prefix(3).map(String.init) == [
                "answered quiz {\"choices\":[\"b\"]}",
                "waived extra3 {\"reason\":\"time-budget\"}",
                "waived extra2 {\"reason\":\"time-budget\"}",
            ])
        #expect(try learner.sql("select count(distinct at) from event where seq between 5 and 7") == "1")
        var status = try learner.status()
        #expect(status.setAsideSteps == ["extra2", "extra3"])
        #expect(status.waivedSteps == ["extra2", "extra3"])
        #expect(status.walkSteps == 5)

        // Resume sees the same walk; plan lists the two, and takes the second back.
        let resumed = try learner.run(["resume"], input: "plan\nplan reprendre 2\nquitter\n")
        #expect(resumed.status == 0, "\(resumed.stderr)")
        #expect(resumed.stdout.contains("── 2/5 ·"), "resume counts the same walk:\n\(resumed.stdout)")
        #expect(resumed.stdout.contains("1. Un cas pratique (3 min)"))
        #expect(resumed.stdout.contains("2. Une lecture (3 min)"))
        #expect(resumed.stdout.contains("«\u{202F}Une lecture\u{202F}» revient dans votre parcours\u{202F}: 6 étapes"))
        #expect(resumed.stdout.contains("0:21 pour un temps prévu de 0:20"), "over the budget, said plainly")
        status = try learner.status()
        #expect(status.setAsideSteps == ["extra2"])
        #expect(status.waivedSteps == ["extra2"])
        #expect(status.walkSteps == 6)
        #expect(
            try learner.sql("select type || ' ' || step_id from event where type = 'restored'") == "restored extra3")

        // The rest of the walk: extra3 is back, extra2 stays aside, nothing is set aside again.
        let last = try learner.run(["resume"], input: "\n\n\n\n\n")
        #expect(last.status == 0, "\(last.stderr)")
        #expect(!last.stdout.contains("je mets de côté"))
        status = try learner.status()
        #expect(status.finished)
        #expect(
            try learner.sql("select step_id from event where type = 'entered' order by seq")
                == "intro\nquiz\nremedial\nextra1\nextra3\nend")
    }

    /// A path whose default walk is over its budget from the start: the attempt is written
    /// with the optional step set aside, and the first screen says so.
    @Test func aWalkOverBudgetFromTheStartSaysSo() throws {
        let learner = try Learner(course: {
            try Fixture.write(to: $0, graph: Fixture.graph.replacing("budget: PT10M", with: "budget: PT9M"))
        })
        let result = try learner.run(["start", "main"], input: "quitter\n")
        #expect(result.status == 0, "\(result.stderr)")
        let line = try #require(
            result.stdout.split(separator: "\n").first { $0.contains("je mets de côté") },
            "the first screen says what was set aside:\n\(result.stdout)")
        #expect(line.contains("Rattrapage") && line.contains("0:09"))
        #expect(try learner.status().setAsideSteps == ["fix"])
    }

    @Test func aBranchThatChangesTheCountSaysWhy() throws {
        let learner = try Learner()
        // The right answer leads straight to the end: 3 steps instead of 4.
        let result = try learner.run(["start", "main"], input: "\n1\nquitter\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Vos réponses changent le parcours\u{202F}: 3 étapes désormais (au lieu de 4)."))
        #expect(try learner.status().walkSteps == 3)
    }
}
