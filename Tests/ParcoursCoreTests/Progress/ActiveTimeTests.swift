import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// The active-time rule: offline work counts up to twice its estimate, everything else up
/// to the idle threshold; nothing while paused, once the learner left, or finished.
@Suite("Active time")
struct ActiveTimeTests {
    static let threshold = Pacing.defaultIdleThreshold

    static func course() throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "Paths/atelier.yml", text: ActivityFixture.graph))
    }

    /// A learner on the activity fixture, committing the way the REPL does, on a clock the
    /// test moves.
    struct Learner {
        let course: Course
        let session: SessionEvents
        var progress = LearnerProgress()
        var now = Date(timeIntervalSince1970: 1_700_000_000)

        init() throws {
            course = try ActiveTimeTests.course()
            let path = try #require(course.path("work"))
            session = SessionEvents(navigator: Navigator(course: course, path: path))
            commit(session.start(language: "fr", cohort: nil, attempt: 1))
        }

        /// Commits `drafts` `minutes` after the last event, as `REPL.commit` stamps them.
        mutating func commit(_ drafts: [EventDraft], after minutes: Double = 0) {
            now += minutes * 60
            let stamped = session.stamp(drafts, on: progress, at: now, idleThreshold: ActiveTimeTests.threshold)
            for event in stamped.events { progress.apply(event) }
        }

        mutating func advance(after minutes: Double) { commit(session.advance(progress), after: minutes) }

        func open(after minutes: Double) -> Int {
            Pacing.openActiveMilliseconds(
                progress, course: course, at: now + minutes * 60, idleThreshold: ActiveTimeTests.threshold)
        }
    }

    @Test func offlineWorkIsAnActivityWithACountdownOrAStepMarkedOffline() throws {
        let course = try Self.course()
        let offline = ["intro": false, "map": true, "read": true, "end": false]
        for (id, expected) in offline {
            #expect(try #require(course.steps[id]).isOfflineWork == expected, "\(id)")
        }
        #expect(course.steps["read"]?.isOffline == true)
        #expect(course.steps["map"]?.isOffline == false, "the countdown makes it offline work, not the key")
    }

    @Test(arguments: [
        // step, its cap in minutes with the 5-minute threshold
        ("intro", 5.0), ("map", 60.0), ("read", 20.0), ("end", 5.0),
    ])
    func capIsTwiceTheEstimateOnOfflineWork(step: String, minutes: Double) throws {
        let course = try Self.course()
        #expect(Pacing.activeCap(on: course.steps[step], idleThreshold: Self.threshold) == minutes * 60)
        #expect(Pacing.activeCap(on: nil, idleThreshold: Self.threshold) == Self.threshold)
    }

    @Test func theIdleThresholdWinsWhenItIsLonger() throws {
        let course = try Self.course()
        // 2 × 10 min on `read` is less than a 30-minute threshold.
        #expect(Pacing.activeCap(on: course.steps["read"], idleThreshold: 1_800) == 1_800)
    }

    @Test func fortyMinutesOnTheActivityCountInFullAndOnALessonOnlyFive() throws {
        var learner = try Learner()
        #expect(learner.progress.currentStep == "intro")
        #expect(learner.open(after: 40) == 5 * 60_000, "a lesson counts up to the idle threshold")
        learner.advance(after: 1)
        #expect(learner.progress.currentStep == "map")
        #expect(learner.open(after: 40) == 40 * 60_000)
        #expect(learner.open(after: 90) == 60 * 60_000, "capped at twice the 30-minute estimate")
        learner.commit([learner.session.answer("map", choices: [], text: "Le maire")], after: 40)
        learner.advance(after: 0.5)
        #expect(learner.progress.activeMilliseconds(onStep: "map") == 40 * 60_000 + 30_000)
        #expect(learner.progress.currentStep == "read")
        #expect(learner.open(after: 15) == 15 * 60_000, "a step marked offline")
        #expect(learner.open(after: 25) == 20 * 60_000)
    }

    @Test func nothingCountsWhilePausedOrAfterLeavingOrOnceFinished() throws {
        var learner = try Learner()
        learner.advance(after: 1)
        learner.commit([EventDraft(.paused, step: "map")], after: 2)
        #expect(learner.open(after: 30) == 0, "paused")
        learner.commit([EventDraft(.unpaused, step: "map")], after: 30)
        #expect(learner.progress.activeMilliseconds(onStep: "map") == 2 * 60_000, "the pause counted nothing")
        #expect(learner.open(after: 3) == 3 * 60_000)
        learner.commit([EventDraft(.suspended, step: "map")], after: 3)
        #expect(learner.progress.hasLeft)
        #expect(learner.open(after: 45) == 0, "the learner left")
        learner.commit(learner.session.resume(learner.progress), after: 45)
        #expect(!learner.progress.hasLeft)
        #expect(learner.progress.activeMilliseconds(onStep: "map") == 5 * 60_000, "the time away counted nothing")
        #expect(learner.open(after: 10) == 10 * 60_000)
    }

    @Test func nothingCountsBeforeTheFirstEvent() throws {
        let course = try Self.course()
        #expect(
            Pacing.openActiveMilliseconds(
                LearnerProgress(), course: course, at: Date(), idleThreshold: Self.threshold) == 0)
    }

    @Test func countingTheOpenVisitAddsItWhereAnEventWould() throws {
        var learner = try Learner()
        learner.advance(after: 1)
        let live = learner.progress.countingOpenVisit(
            until: learner.now + 12 * 60, course: learner.course, idleThreshold: Self.threshold)
        #expect(live.activeMilliseconds == learner.progress.activeMilliseconds + 12 * 60_000)
        #expect(live.activeMilliseconds(onStep: "map") == 12 * 60_000)
        #expect(live.sittings.last?.activeMilliseconds == 13 * 60_000)
        // The same as logging an event then.
        var logged = learner
        logged.commit([EventDraft(.noted, step: "map", payload: EventPayload(text: "x"))], after: 12)
        #expect(live.activeMilliseconds == logged.progress.activeMilliseconds)
        #expect(live.stepActiveMilliseconds == logged.progress.stepActiveMilliseconds)
        // Nothing open: the same progress.
        let paused = learner.progress.countingOpenVisit(
            until: learner.now, course: learner.course, idleThreshold: Self.threshold)
        #expect(paused == learner.progress)
    }

    @Test func theOfflineKeyIsReadAndCheckedLikeAnyBoolean() {
        let (file, diagnostics) = CourseFileDecoder.decode(
            ActivityFixture.graph.replacing("offline: true", with: "offline: souvent"), file: "Paths/atelier.yml")
        #expect(file != nil)
        let invalid = diagnostics.filter { $0.rule == "invalid-value" }
        #expect(invalid.count == 1, "\(diagnostics)")
        #expect(invalid.first?.location.line == 21, "at the value: \(invalid)")
    }
}
