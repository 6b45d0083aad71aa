import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// The figures `status` and the report show for one learner (the report's side is checked
/// against these in `CohortReportTests`).
@Suite("learner standing")
struct LearnerStandingTests {
    @Test func aLearnerWhoHasOnlyOpenedThePath() throws {
        var walker = try Walker.fixture()
        walker.start()
        let standing = LearnerStanding(walker.progress, navigator: walker.navigator)
        #expect(standing.currentStep == "intro")
        #expect(standing.completedRequired == 0)
        #expect(standing.required == 3, "intro, quiz and end: the fix is optional")
        #expect(standing.percent == 0)
        #expect(!standing.hasBegun)
        #expect(!standing.isFinished)
        #expect(standing.pace == .onTrack)
        #expect(standing.budgetSeconds == 600)
    }

    @Test func partWayTheFiguresFollowTheWalk() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.advance()
        walker.answer("b")
        walker.advance()
        let standing = LearnerStanding(walker.progress, navigator: walker.navigator)
        #expect(standing.currentStep == "fix")
        #expect(standing.completedRequired == 2)
        #expect(standing.required == 3)
        #expect(standing.percent == 66, "rounded down")
        #expect(standing.hasBegun)
        #expect(standing.plannedMinutes == 5, "intro and quiz are behind the learner")
        #expect(standing.activeSeconds == walker.progress.activeMilliseconds / 1_000)
    }

    @Test func aFinishedLearnerHasNoPaceAndNoStep() throws {
        var walker = try Walker.fixture()
        walker.start()
        walker.advance()
        walker.answer("a")
        walker.advance()
        walker.advance()
        let standing = LearnerStanding(walker.progress, navigator: walker.navigator)
        #expect(standing.isFinished)
        #expect(standing.currentStep == nil)
        #expect(standing.pace == nil)
        #expect(standing.percent == 100)
        #expect(standing.completedRequired == standing.required)
    }
}
