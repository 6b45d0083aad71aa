import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// A learner walking the fixture course in memory, the way the REPL commits events.
struct Walker {
    let navigator: Navigator
    let session: SessionEvents
    var progress = LearnerProgress()
    var events: [Event] = []
    var now = Date(timeIntervalSince1970: 1_700_000_000)

    init(course: Course, path: String = "main") throws {
        let path = try #require(course.path(path))
        navigator = Navigator(course: course, path: path)
        session = SessionEvents(navigator: navigator)
    }

    static func fixture() throws -> Walker {
        try Walker(course: fixtureCourse())
    }

    static func fixtureCourse(_ graph: String = Fixture.graph) throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: graph))
    }

    /// Commits drafts at `now + elapsed`, stamped as the REPL stamps them (`SessionEvents.stamp`).
    mutating func commit(_ drafts: [EventDraft], after elapsedMilliseconds: Int = 1_000) {
        now = Date(
            timeIntervalSince1970: (now.timeIntervalSince1970 * 1_000 + Double(elapsedMilliseconds)).rounded() / 1_000)
        for event in session.stamp(drafts, on: progress, at: now).events {
            events.append(event)
            progress.apply(event)
        }
    }

    mutating func start() { commit(session.start(language: "fr", cohort: nil, attempt: 1)) }
    mutating func advance() { commit(session.advance(progress)) }
    mutating func answer(_ choice: String) { commit([session.answer("quiz", choices: [choice])]) }
}

@Suite("Navigator and fold")
struct NavigatorTests {
    @Test func rightAnswerJumpsToTheEnd() throws {
        var walker = try Walker.fixture()
        walker.start()
        #expect(walker.progress.currentStep == "intro")
        walker.advance()
        #expect(walker.progress.currentStep == "quiz")
        walker.answer("a")
        walker.advance()
        #expect(walker.progress.currentStep == "end")
        #expect(walker.progress.visited == ["intro", "quiz", "end"])
        #expect(walker.navigator.walk(walker.progress) == ["intro", "quiz", "end"])
        walker.advance()
        #expect(walker.progress.isFinished)
        #expect(walker.progress.completed == ["intro", "quiz", "end"])
        #expect(walker.events.last?.type == .finished)
        #expect(walker.navigator.requiredSteps(walker.progress) == ["intro", "quiz", "end"])
        #expect(walker.navigator.completedRequired(walker.progress) == 3)
    }

    @Test func wrongAnswerGoesThroughTheFix() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.advance()
        walker.answer("b")
        #expect(walker.navigator.route(from: "quiz", progress: walker.progress) == ["quiz", "fix", "end"])
        walker.advance()
        #expect(walker.progress.currentStep == "fix")
        // A second, right answer changes the route: the latest answer counts.
        walker.answer("a")
        #expect(walker.navigator.successor(of: "quiz", progress: walker.progress) == "end")
        walker.advance()
        #expect(walker.progress.currentStep == "end")
        #expect(walker.progress.visited == ["intro", "quiz", "fix", "end"])
        // fix is optional: required steps stay the core ones.
        #expect(walker.navigator.requiredSteps(walker.progress) == ["intro", "quiz", "end"])
        #expect(walker.navigator.completedRequired(walker.progress) == 2)
    }

    @Test func backReturnsToThePreviousStepAndNotBeforeTheFirst() throws {
        var walker = try Walker.fixture()
        walker.start()
        #expect(walker.session.back(walker.progress).isEmpty)
        #expect(walker.navigator.previous(walker.progress) == nil)
        walker.advance()
        walker.answer("b")
        walker.advance()
        #expect(walker.navigator.previous(walker.progress) == "quiz")
        walker.commit(walker.session.back(walker.progress))
        #expect(walker.progress.currentStep == "quiz")
        #expect(!walker.progress.visit.answered, "a new visit starts fresh")
        #expect(walker.progress.answers["quiz"]?.choices == ["b"], "the old answer is kept")
        walker.commit(walker.session.back(walker.progress))
        #expect(walker.progress.currentStep == "intro")
        #expect(walker.navigator.position(walker.progress) == (1, 4))
        #expect(walker.session.back(walker.progress).isEmpty, "nothing before the first step")
        // Forward again, then back: the step before fix is still quiz.
        walker.advance()
        walker.advance()
        #expect(walker.progress.currentStep == "fix")
        #expect(walker.navigator.previous(walker.progress) == "quiz")
    }

    @Test func skippingAnOptionalStepWaivesItForTheLearner() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.advance()
        walker.answer("b")
        walker.advance()
        #expect(walker.progress.currentStep == "fix")
        let drafts = walker.session.skip(walker.progress, reason: .learner, explanation: nil)
        #expect(drafts.map(\.type) == [.waived, .entered])
        walker.commit(drafts)
        #expect(walker.progress.currentStep == "end")
        #expect(walker.progress.waived["fix"]?.reason == .learner)
        #expect(walker.progress.waived["fix"]?.explanation == nil)
        #expect(walker.progress.isDone("fix"))
        #expect(!walker.progress.completed.contains("fix"))
    }

    @Test func waivingACoreStepKeepsTheExplanation() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.commit(walker.session.skip(walker.progress, reason: .learner, explanation: "déjà vu en cours"))
        #expect(walker.progress.currentStep == "quiz")
        let waiver = try #require(walker.progress.waived["intro"])
        #expect(waiver.reason == .learner)
        #expect(waiver.explanation == "déjà vu en cours")
        #expect(walker.navigator.requiredSteps(walker.progress).contains("intro"))
        #expect(walker.navigator.completedRequired(walker.progress) == 0)
        // Completing it later lifts the waiver.
        walker.commit(walker.session.back(walker.progress))
        walker.advance()
        #expect(walker.progress.waived["intro"] == nil)
        #expect(walker.progress.completed == ["intro"])
    }

    @Test func planDropsOptionalStepsWhenBehind() throws {
        var walker = try Walker.fixture()
        walker.start()
        let relaxed = Pacing.plan(walker.progress, navigator: walker.navigator, recommended: ["doc"])
        #expect(relaxed.remainingMinutes == 10)
        #expect(relaxed.drop.isEmpty)
        #expect(relaxed.fits)
        #expect(relaxed.extras.isEmpty, "no spare time for a 5-minute resource")

        // Nine minutes on the intro, logged as the REPL logs time: each gap up to the idle threshold.
        walker.commit([walker.session.note("lu", step: "intro")], after: 5 * 60_000)
        walker.commit([walker.session.note("relu", step: "intro")], after: 4 * 60_000)
        let late = walker.progress
        #expect(late.activeMilliseconds == 9 * 60_000)
        let plan = Pacing.plan(late, navigator: walker.navigator, recommended: ["doc"])
        #expect(plan.budgetLeftMinutes == 1)
        #expect(!plan.fits)
        #expect(plan.drop == ["fix"])
        #expect(Pacing.pace(late, navigator: walker.navigator).status == .behind)

        // Applying the plan waives fix ahead of time: the wrong answer now leads to the end.
        walker.commit(plan.drop.map { EventDraft(.waived, step: $0, payload: EventPayload(reason: .timeBudget)) })
        walker.advance()
        walker.answer("b")
        #expect(walker.navigator.successor(of: "quiz", progress: walker.progress) == "end")
        #expect(walker.progress.waived["fix"]?.reason == .timeBudget)
    }

    @Test func planOffersExtrasWhenAhead() throws {
        let course = try Walker.fixtureCourse(Fixture.graph.replacing("budget: PT10M", with: "budget: PT20M"))
        var walker = try Walker(course: course)
        walker.start()
        let plan = Pacing.plan(walker.progress, navigator: walker.navigator, recommended: ["doc"])
        #expect(plan.drop.isEmpty)
        #expect(plan.extras == ["doc"])
    }

    @Test func activeTimeCountsGapsUpToTheIdleThreshold() {
        let start = Date(timeIntervalSince1970: 1_000)
        let threshold: TimeInterval = 300
        #expect(
            Pacing.activeMilliseconds(
                from: start, to: start + 42.5, idleThreshold: threshold, paused: false) == 42_500)
        #expect(
            Pacing.activeMilliseconds(
                from: start, to: start + 3_600, idleThreshold: threshold, paused: false) == 300_000)
        #expect(
            Pacing.activeMilliseconds(
                from: start, to: start + 42, idleThreshold: threshold, paused: true) == 0)
        #expect(Pacing.activeMilliseconds(from: nil, to: start, idleThreshold: threshold, paused: false) == 0)
        #expect(
            Pacing.activeMilliseconds(
                from: start, to: start - 10, idleThreshold: threshold, paused: false) == 0,
            "a clock going backwards counts nothing")
    }

    @Test func pausedTimeDoesNotCountInTheFold() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.commit([EventDraft(.paused, step: "intro")], after: 10_000)
        walker.commit([EventDraft(.unpaused, step: "intro")], after: 120_000)
        walker.advance()
        #expect(walker.progress.activeMilliseconds == 11_000)
        #expect(walker.progress.stepActiveMilliseconds["intro"] == 11_000)
        walker.commit([EventDraft(.noted, step: "quiz", payload: EventPayload(text: "x"))], after: 900_000)
        #expect(walker.progress.activeMilliseconds == 311_000, "idle beyond 5 minutes is not active")
    }

    @Test func budgetNoticesAtHalfThreeQuartersAndNinetyPercent() {
        let minute = 60_000
        #expect(Pacing.crossedNotices(budgetMinutes: 10, before: 0, after: 5 * minute) == [50])
        #expect(Pacing.crossedNotices(budgetMinutes: 10, before: 0, after: 10 * minute) == [50, 75, 90])
        #expect(Pacing.crossedNotices(budgetMinutes: 10, before: 4 * minute, after: 8 * minute) == [50, 75])
        #expect(Pacing.crossedNotices(budgetMinutes: 10, before: 5 * minute, after: 7 * minute) == [])
        #expect(Pacing.crossedNotices(budgetMinutes: 10, before: 8 * minute, after: 9 * minute) == [90])
        #expect(Pacing.crossedNotices(budgetMinutes: 0, before: 0, after: 9 * minute) == [])
    }

    @Test func resumeAfterTheCurrentStepWasRemoved() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.advance()
        walker.answer("b")
        walker.advance()
        #expect(walker.progress.currentStep == "fix")
        #expect(walker.navigator.resumePoint(walker.progress).step == "fix")
        #expect(walker.navigator.resumePoint(walker.progress).removed.isEmpty)

        let changed = try Walker.fixtureCourse(
            Fixture.graph.replacing("steps: [intro, quiz, fix, end]", with: "steps: [intro, quiz, end]"))
        let navigator = Navigator(course: changed, path: try #require(changed.path("main")))
        let (step, removed) = navigator.resumePoint(walker.progress)
        #expect(step == "end")
        #expect(removed == ["fix"])
        let drafts = SessionEvents(navigator: navigator).resume(walker.progress)
        #expect(drafts.map(\.type) == [.resumed, .entered])
        #expect(drafts.last?.stepID == "end")
    }

    @Test func resumeOnAnUnchangedCourseStaysPut() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.advance()
        let drafts = walker.session.resume(walker.progress)
        #expect(drafts.map(\.type) == [.resumed])
        walker.commit(drafts)
        #expect(walker.progress.currentStep == "quiz")
        #expect(walker.progress.sittings.count == 2)
    }
}
