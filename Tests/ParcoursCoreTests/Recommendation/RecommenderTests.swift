import Foundation
import ParcoursCore
import Testing

/// Recommendations that choose: at most `limit`, ranked by level, reason and the author's
/// order, leaving out what the walk used and what is two levels away.
@Suite("Recommender")
struct RecommenderTests {
    static let graph = """
        formatVersion: 1
        course: reco
        version: "1"
        sourceLanguage: fr
        paths:
          - id: short
            budget: PT30M
            steps: [grid, film-step, reading, end]
          - id: long
            budget: PT30M
            uses: [course]
            steps: [grid, film-step, reading, end]
        dimensions: [skill, tools]
        scales:
          - id: four
            points: 4
        resources:
          - { id: news, kind: newsletter, url: https://example.org/news, minutes: 5 }
          - { id: course, kind: course, url: https://example.org/course, minutes: 60, level: discovery }
          - { id: film, kind: film, url: https://example.org/film, minutes: 20, level: discovery }
          - { id: intro, kind: website, url: https://example.org/intro, minutes: 5, level: discovery }
          - { id: guide, kind: guide, url: https://example.org/guide, minutes: 30, level: practice }
          - { id: kit, kind: tool, url: https://example.org/kit, minutes: 30, level: practice }
          - { id: paper, kind: study, url: https://example.org/paper, minutes: 45, level: research }
        steps:
          - id: grid
            kind: assessment
            minutes: 2
            scale: four
            items:
              - { id: skill-item, dimension: skill }
              - { id: tools-item, dimension: tools }
          - id: film-step
            kind: activity
            minutes: 10
            optional: true
            uses: [film]
          - id: reading
            kind: resources
            minutes: 5
            recommend:
              - { resource: news, because: everyone }
              - { resource: course, because: everyone }
              - { resource: paper, because: weak-skill, when: { score: skill, below: 3 } }
              - { resource: kit, because: weak-tools, when: { score: tools, below: 3 } }
              - { resource: film, because: weak-tools, when: { score: tools, below: 3 } }
              - { resource: intro, because: everyone }
              - { resource: guide, because: everyone }
              - { resource: paper, because: everyone }
          - id: end
            kind: checkpoint
            minutes: 1
            final: true

        """

    static func course(_ graph: String = graph) throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "Paths/reco.yml", text: graph))
    }

    /// A learner who rated the grid (nil: not at all), then completed or skipped the film
    /// step, and now reads the resources step of `path`.
    static func offers(
        skill: Int?, tools: Int?, film: EventType = .completed, path: String = "short", graph: String = graph
    ) throws -> [String] {
        let course = try course(graph)
        let path = try #require(course.path(path))
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        var events = [Event(seq: 1, type: .started, at: at), Event(seq: 2, type: .entered, stepID: "grid", at: at)]
        var ratings: [String: Int] = [:]
        if let skill { ratings["skill-item"] = skill }
        if let tools { ratings["tools-item"] = tools }
        if !ratings.isEmpty {
            events.append(Event(seq: 3, type: .rated, stepID: "grid", payload: EventPayload(ratings: ratings), at: at))
        }
        for (type, step) in [(EventType.entered, "film-step"), (film, "film-step"), (.entered, "reading")] {
            events.append(Event(seq: events.count + 1, type: type, stepID: step, at: at))
        }
        let progress = LearnerProgress.fold(events)
        let step = try #require(course.steps["reading"])
        return Recommender.offers(for: step, progress: progress, course: course, path: path).map {
            "\($0.resource):\($0.reason)"
        }
    }

    @Test func withoutRatingsTheConditionsAndTheAuthorsOrderRankAndFiveAreKept() throws {
        // No level: nothing is set aside for its level; the film was used on the walk.
        #expect(
            try Self.offers(skill: nil, tools: nil) == [
                "news:everyone", "course:everyone", "intro:everyone", "guide:everyone", "paper:everyone",
            ])
    }

    @Test func aBeginnerGetsDiscoveryFirstAndNoResearch() throws {
        // Both scores 1 of 4: a beginner. The film step was skipped, so the film is offered.
        #expect(
            try Self.offers(skill: 1, tools: 1, film: .waived) == [
                "film:weak-tools", "course:everyone", "intro:everyone", "news:everyone", "kit:weak-tools",
            ])
        // With room for every offer, the research paper is still left out.
        let roomy = Self.graph.replacing("    kind: resources\n", with: "    kind: resources\n    limit: 20\n")
        #expect(
            try Self.offers(skill: 1, tools: 1, film: .waived, graph: roomy) == [
                "film:weak-tools", "course:everyone", "intro:everyone", "news:everyone", "kit:weak-tools",
                "guide:everyone",
            ])
    }

    @Test func anIntermediateLearnerGetsPracticeFirst() throws {
        // 3 and 3 of 4: intermediate; nothing weak. Practice, then anyone's, then a level away.
        #expect(
            try Self.offers(skill: 3, tools: 3) == [
                "guide:everyone", "news:everyone", "course:everyone", "intro:everyone", "paper:everyone",
            ])
    }

    @Test func anAdvancedLearnerGetsResearchFirstAndNoDiscovery() throws {
        #expect(try Self.offers(skill: 4, tools: 4) == ["paper:everyone", "news:everyone", "guide:everyone"])
        // Weak on tools only (halfway up the scale: intermediate), the kit comes first for its
        // reason; the film, used on the walk, does not come back for it.
        #expect(
            try Self.offers(skill: 4, tools: 1) == [
                "kit:weak-tools", "guide:everyone", "news:everyone", "course:everyone", "intro:everyone",
            ])
    }

    @Test func thePathsOwnResourceIsNeverOffered() throws {
        #expect(
            try Self.offers(skill: nil, tools: nil, path: "long") == [
                "news:everyone", "intro:everyone", "guide:everyone", "paper:everyone",
            ])
    }

    @Test func aLimitIsKept() throws {
        let graph = Self.graph.replacing("    kind: resources\n", with: "    kind: resources\n    limit: 2\n")
        #expect(try Self.offers(skill: nil, tools: nil, graph: graph) == ["news:everyone", "course:everyone"])
    }

    @Test(arguments: [
        (4, [1, 1], LearnerLevel.beginner), (4, [2, 2], .beginner), (4, [2, 3], .intermediate),
        (4, [3, 3], .intermediate), (4, [3, 4], .advanced), (4, [4, 4], .advanced),
        (5, [3, 3], .intermediate), (5, [4, 4], .advanced), (5, [2, 3], .beginner),
    ])
    func levelsFollowThePositionOnTheScale(points: Int, ratings: [Int], level: LearnerLevel) throws {
        let graph = Self.graph.replacing("points: 4", with: "points: \(points)")
        let course = try Self.course(graph)
        let at = Date(timeIntervalSince1970: 1_700_000_000)
        let progress = LearnerProgress.fold([
            Event(seq: 1, type: .started, at: at), Event(seq: 2, type: .entered, stepID: "grid", at: at),
            Event(
                seq: 3, type: .rated, stepID: "grid",
                payload: EventPayload(ratings: ["skill-item": ratings[0], "tools-item": ratings[1]]), at: at),
        ])
        #expect(LearnerLevel.of(progress, course: course) == level)
    }
}
