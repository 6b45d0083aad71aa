import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

extension Walker {
    static func branches() throws -> Walker {
        try Walker(course: Walker.fixtureCourse(Fixture.Branches.graph))
    }

    /// Commits one action the way the REPL does: adapted, in one batch.
    @discardableResult
    mutating func act(_ drafts: [EventDraft]) -> [String] {
        let adapted = session.adapt(drafts, on: progress)
        commit(adapted.drafts)
        return adapted.setAside
    }
}

@Suite("The walk adapts to its budget")
struct WalkAdaptationTests {
    @Test("answers that add branch steps set optional steps aside, lowest value first")
    func branchStepsSetOptionalStepsAside() throws {
        var walker = try Walker.branches()
        walker.start()
        walker.act(walker.session.advance(walker.progress))
        #expect(walker.progress.currentStep == "quiz")
        #expect(walker.navigator.position(walker.progress).total == 6)

        // The function alone, on the walk once b is known: 24 min for 20.
        var answered = walker.progress
        answered.apply(
            walker.session.answer("quiz", choices: ["b"]).event(
                seq: answered.lastSeq + 1, at: walker.now, activeMilliseconds: 0))
        let aside = Pacing.setAside(answered, navigator: walker.navigator, counting: .estimates)
        #expect(aside.projectedMinutes == 24)
        #expect(aside.steps == ["extra3", "extra2"], "value 1 before 2; a tie goes to the one further ahead")
        #expect(aside.resultingMinutes == 18)
        #expect(aside.fits)

        // Committed as the REPL does: the waivers go with the answer, in one batch.
        let setAside = walker.act([walker.session.answer("quiz", choices: ["b"])])
        #expect(setAside == ["extra3", "extra2"])
        #expect(walker.events.suffix(3).map(\.type) == [.answered, .waived, .waived])
        #expect(walker.progress.waived["extra2"]?.reason == .timeBudget)
        #expect(walker.navigator.projection(walker.progress).minutes == 18)
        #expect(walker.navigator.walk(walker.progress) == ["intro", "quiz", "remedial", "extra1", "end"])
        #expect(walker.navigator.position(walker.progress) == (2, 5))
        #expect(walker.session.setAsideSteps(walker.progress) == ["extra2", "extra3"])

        // The walk passes them over.
        walker.act(walker.session.advance(walker.progress))
        walker.act(walker.session.advance(walker.progress))
        walker.act(walker.session.advance(walker.progress))
        #expect(walker.progress.currentStep == "end")
        #expect(LearnerProgress.fold(walker.events) == walker.progress, "replay equals live")
    }

    @Test func aWalkThatFitsIsLeftAlone() throws {
        var walker = try Walker.branches()
        walker.start()
        walker.act(walker.session.advance(walker.progress))
        #expect(walker.act([walker.session.answer("quiz", choices: ["a"])]).isEmpty)
        #expect(walker.progress.waived.isEmpty)
    }

    @Test("a step taken back stays: the learner's choice wins over the budget")
    func takingAStepBack() throws {
        var walker = try Walker.branches()
        walker.start()
        walker.act(walker.session.advance(walker.progress))
        walker.act([walker.session.answer("quiz", choices: ["b"])])
        walker.act([walker.session.restore("extra2")])
        #expect(walker.events.last?.type == .restored)
        #expect(walker.progress.waived["extra2"] == nil)
        #expect(walker.progress.restored == ["extra2"])
        #expect(walker.navigator.projection(walker.progress).minutes == 21)
        #expect(walker.navigator.position(walker.progress).total == 6)
        #expect(walker.session.setAsideSteps(walker.progress) == ["extra3"])

        // Moving on does not set it aside again, nor anything else: the walk did not grow.
        #expect(walker.act(walker.session.advance(walker.progress)).isEmpty)
        #expect(walker.act([walker.session.answer("quiz", choices: ["b"])]).isEmpty)
        #expect(walker.navigator.walk(walker.progress).contains("extra2"))
        #expect(LearnerProgress.fold(walker.events) == walker.progress)
    }

    @Test("the steps taken back are spared when answers make the walk heavier again")
    func keptStepsAreSpared() throws {
        var walker = try Walker.branches()
        walker.start()
        walker.act(walker.session.advance(walker.progress))
        walker.act([walker.session.answer("quiz", choices: ["b"])])
        walker.act([walker.session.restore("extra3")])
        // Going back and answering again reopens the question: the walk shrinks, then grows.
        walker.act([walker.session.answer("quiz", choices: ["a"])])
        let again = walker.act([walker.session.answer("quiz", choices: ["b"])])
        #expect(!again.contains("extra3"))
        #expect(walker.progress.restored == ["extra3"])
    }

    @Test("plan, for the learner who is behind, uses the same function with the time spent")
    func planSharesTheFunction() throws {
        var walker = try Walker.branches()
        walker.start()
        walker.act(walker.session.advance(walker.progress))
        // Ten minutes in all (a second on the intro), logged as the REPL logs time: each gap up
        // to the idle threshold.
        walker.commit([walker.session.note("lu", step: "quiz")], after: 5 * 60_000)
        walker.commit([walker.session.note("relu", step: "quiz")], after: 5 * 60_000 - 1_000)
        let late = walker.progress
        #expect(late.activeMilliseconds == 10 * 60_000)
        // 10 min spent + 2 + 4 + 3 + 3 + 3 ahead = 25 for 20: 5 to go.
        let plan = Pacing.plan(late, navigator: walker.navigator, recommended: [])
        let aside = Pacing.setAside(late, navigator: walker.navigator, counting: .spentAndAhead)
        #expect(aside.projectedMinutes == 25)
        #expect(plan.drop == aside.steps)
        #expect(plan.drop == ["extra3", "extra2"])
    }

    @Test("a restored event lifts the waiver; a new waiver forgets the choice")
    func foldOfRestored() {
        var progress = LearnerProgress()
        let at = Date(timeIntervalSince1970: 0)
        progress.apply(Event(seq: 1, type: .waived, stepID: "x", payload: .init(reason: .timeBudget), at: at))
        progress.apply(Event(seq: 2, type: .restored, stepID: "x", at: at))
        #expect(progress.waived["x"] == nil)
        #expect(progress.restored == ["x"])
        progress.apply(Event(seq: 3, type: .waived, stepID: "x", payload: .init(reason: .learner), at: at))
        #expect(progress.waived["x"]?.reason == .learner)
        #expect(progress.restored.isEmpty)
    }
}
