import Foundation
import ParcoursCore
import Testing

/// The promise of issue 15: a beginner who takes every step offered finishes within the
/// path's budget and its tolerance, because each branch step stands in for an optional step
/// instead of adding to it.
///
/// The beginner rates every grid item 1, answers every graded question wrongly, writes every
/// text and never skips: the answers trigger every branch these paths have. The steps counted
/// are those the binary recorded in the store (`status --json`), not the script's.
@Suite("Alliances & Territoires: a beginner's walk fits the budget")
struct AlliancesBeginnerBudgetTests {
    /// The beginner: every item rated 1, every graded question of the course answered wrongly.
    static func beginner(_ course: Course) -> WalkScript.Learner {
        let graded = course.steps.values.filter { $0.kind == .question && $0.isGraded }.map(\.id)
        return WalkScript.Learner(rating: 1, wrong: Set(graded))
    }

    /// The branch steps a beginner must have entered on every path.
    static let branchSteps = ["remedial-forms", "focus-forms", "focus-objectives", "tools-tour"]

    @Test(arguments: ["alliances-2h", "alliances-4h", "alliances-12h"])
    func aBeginnerTakingEveryStepOfferedStaysWithinBudget(pathID: String) throws {
        let course = try AlliancesWalkthroughTests.course()
        let learner = Self.beginner(course)
        #expect(learner.wrong.count >= 6, "the beginner answers every quiz: \(learner.wrong.sorted())")
        let walk = try AlliancesWalkthroughTests.walk(pathID, learner)
        let status = walk.status
        #expect(status.finished, "not finished; stopped at \(status.currentStep ?? "-")")
        #expect(status.waivedSteps.isEmpty, "the beginner skipped \(status.waivedSteps)")
        // The branches were taken: the walk proves what a beginner meets.
        let entered = status.visitedSteps
        for step in Self.branchSteps {
            #expect(entered.contains(step), "\(pathID): the beginner never entered \(step)")
        }
        // Every optional step still on the beginner's walk was entered, not skipped.
        let path = try #require(course.path(pathID))
        for id in path.stepIDs where course.steps[id]?.isOptional == true {
            if walk.script.visited.contains(id) { #expect(entered.contains(id), "\(id) not entered") }
        }
        // The minutes of the steps the store recorded, against the budget it reports.
        let minutes = try entered.reduce(0) { sum, id in
            sum + (try #require(course.steps[id], "unknown step \(id)")).minutes
        }
        let budget = status.budgetSeconds / 60
        #expect(budget == path.budgetMinutes)
        let limit = budget + budget * path.tolerancePercent / 100
        #expect(
            minutes <= limit,
            "\(pathID): the beginner's walk sums to \(minutes) min, over \(budget) min + \(path.tolerancePercent) %")
        // And it is a real walk through the course, not a shortcut: at least 75 % of the budget.
        #expect(minutes * 4 >= budget * 3, "\(pathID): only \(minutes) min for a budget of \(budget) min")
    }
}
