import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// `SessionEvents.stamp`: the numbers, times and active time every log is written with, and
/// what a step asks before Enter moves on.
@Suite("Stamping an action's events")
struct StampingTests {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func session(_ graph: String = Fixture.graph) throws -> SessionEvents {
        let course = try CourseLoader.load(graph: SourceText(path: "Paths/demo.yml", text: graph))
        return SessionEvents(navigator: Navigator(course: course, path: try #require(course.path("main"))))
    }

    static func started(_ session: SessionEvents) -> LearnerProgress {
        let drafts = session.start(language: "fr", cohort: nil, attempt: 1)
        return LearnerProgress.fold(session.stamp(drafts, on: LearnerProgress(), at: start).events)
    }

    @Test func startingCountsNoTimeAndNumbersFromOne() throws {
        let session = try Self.session()
        let stamped = session.stamp(
            session.start(language: "fr", cohort: nil, attempt: 1), on: LearnerProgress(), at: Self.start)
        #expect(stamped.events.map(\.seq) == [1, 2])
        #expect(stamped.events.map(\.type) == [.started, .entered])
        #expect(stamped.events.allSatisfy { $0.at == Self.start && $0.activeMilliseconds == 0 })
        #expect(stamped.setAside.isEmpty)
    }

    @Test func theFirstEventCarriesTheGapUpToTheIdleThreshold() throws {
        let session = try Self.session()
        let progress = Self.started(session)
        let soon = session.stamp(session.advance(progress), on: progress, at: Self.start + 42.5)
        #expect(soon.events.map(\.seq) == [3, 4])
        #expect(soon.events.map(\.activeMilliseconds) == [42_500, 0])
        #expect(soon.events.allSatisfy { $0.at == Self.start + 42.5 })
        let late = session.stamp(session.advance(progress), on: progress, at: Self.start + 3_600, idleThreshold: 60)
        #expect(late.events.map(\.activeMilliseconds) == [60_000, 0])
    }

    @Test func comingBackCountsNothing() throws {
        let session = try Self.session()
        var progress = Self.started(session)
        progress.apply(
            session.stamp([EventDraft(.suspended, step: "intro")], on: progress, at: Self.start + 10).events[0])
        let resumed = session.stamp(session.resume(progress), on: progress, at: Self.start + 100)
        #expect(resumed.events.map(\.type) == [.resumed])
        #expect(resumed.events.map(\.activeMilliseconds) == [0])
        #expect(resumed.events.map(\.seq) == [4])
    }

    @Test func anAnswerThatAddsStepsSetsOthersAsideWithIt() throws {
        let session = try Self.session(Fixture.Branches.graph)
        var progress = Self.started(session)
        for event in session.stamp(session.advance(progress), on: progress, at: Self.start + 60).events {
            progress.apply(event)
        }
        let answer = [session.answer("quiz", choices: ["b"])]
        let stamped = session.stamp(answer, on: progress, at: Self.start + 90)
        #expect(stamped == session.stamp(answer, on: progress, at: Self.start + 90), "pure")
        #expect(stamped.setAside == session.adapt(answer, on: progress).setAside)
        #expect(stamped.setAside == ["extra3", "extra2"])
        #expect(stamped.events.map(\.type) == [.answered, .waived, .waived])
        #expect(stamped.events.map(\.activeMilliseconds) == [30_000, 0, 0])
    }

    @Test func whatAStepAsksBeforeEnter() throws {
        let session = try Self.session()
        var progress = Self.started(session)
        let course = session.navigator.course
        let intro = try #require(course.steps["intro"])
        let quiz = try #require(course.steps["quiz"])
        #expect(progress.satisfies(intro))
        #expect(intro.requirementKey == "need.nothing")
        #expect(quiz.requirementKey == "need.answer")
        for event in session.stamp(session.advance(progress), on: progress, at: Self.start + 5).events {
            progress.apply(event)
        }
        #expect(!progress.satisfies(quiz))
        progress.apply(
            session.stamp([session.answer("quiz", choices: ["a"])], on: progress, at: Self.start + 9).events[0])
        #expect(progress.satisfies(quiz))
    }
}
