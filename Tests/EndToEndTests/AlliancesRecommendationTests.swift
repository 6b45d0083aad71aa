import Foundation
import ParcoursCore
import Testing

/// What the resources step of `alliances-territoires` offers three profiles of learner: at
/// most five resources, best first, each with its reason, matched to the learner's level
/// and leaving out what the walk already used.
///
/// The walks are the scripts the walkthrough tests pipe into the binary (`WalkScript`),
/// played in memory here; the walkthrough tests check the same offers on screen.
@Suite("Alliances & Territoires: recommendations that choose")
struct AlliancesRecommendationTests {
    /// The offers of the resources step on `path` for `learner`, as "resource: reason".
    static func offers(_ path: String, _ learner: WalkScript.Learner) throws -> [String] {
        let course = try AlliancesWalkthroughTests.course()
        let script = try WalkScript(course: course, path: try #require(course.path(path)), learner: learner)
        return (script.offers["resources"] ?? []).map { "\($0.resource): \($0.reason)" }
    }

    @Test func aBeginnerOnTwoHoursGetsDiscoveryMaterial() throws {
        // Every rating 1 of 4, every quiz right: weak everywhere. Discovery material chosen
        // for the grid first, then for everyone; no research, no practice material past
        // the five; the ODD 17 platform, used on the tools tour, is not offered again.
        #expect(
            try Self.offers("alliances-2h", WalkScript.Learner(rating: 1)) == [
                "catalysts-page: find-catalyst", "film: inspiration-weak", "alliances-course: official-course",
                "alliances-space: start-here", "jeudis-odd17: weekly-news",
            ])
    }

    @Test func anIntermediateLearnerOnFourHoursGetsPracticeFirst() throws {
        // Every rating 3 of 4 ("je pratique"), one wrong answer on the effects: the
        // evaluation guide for their practice, the resources for anyone, then the IMPACT
        // lessons page for the wrong answer, a level away.
        var learner = WalkScript.Learner(rating: 3)
        learner.wrong = ["quiz-effects"]
        #expect(
            try Self.offers("alliances-4h", learner) == [
                "evaluation-guide: evaluate-practice", "alliances-space: start-here", "jeudis-odd17: weekly-news",
                "impact-lessons-page: effects-review", "alliances-course: official-course",
            ])
    }

    @Test func anAdvancedLearnerOnTwelveHoursGetsResearchAndNothingTheyUsed() throws {
        // Every rating 4 of 4: research first. Not the official course (the 12h path is a
        // version of it), nor the evaluation guide (used to evaluate a partnership), nor the
        // Observatoire's studies (used in the studies dive), nor discovery material.
        #expect(
            try Self.offers("alliances-12h", WalkScript.Learner(rating: 4)) == [
                "research-notebook: research-synthesis", "alliances-space: start-here", "jeudis-odd17: weekly-news",
            ])
    }

    @Test func noWalkIsOfferedMoreThanFive() throws {
        for path in ["alliances-2h", "alliances-4h", "alliances-12h"] {
            for rating in 1...4 {
                var learner = WalkScript.Learner(rating: rating)
                learner.wrong = ["quiz-effects", "quiz-offer"]
                let offers = try Self.offers(path, learner)
                #expect((1...5).contains(offers.count), "\(path), rating \(rating): \(offers)")
            }
        }
    }
}
