import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// The report reads the active time stamped on events: with the offline-work rule, an
/// activity that took 40 minutes shows as 40 minutes, and the learner is not "ahead".
@Suite("Cohort report and active time")
struct ActiveTimeReportTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// A log stamped as the REPL stamps it (`SessionEvents.stamp`) on a clock moved by the
    /// test.
    struct StampedLog {
        let course: Course
        let session: SessionEvents
        var progress = LearnerProgress()
        var events: [Event] = []
        var now: Date

        init(course: Course, start: Date) throws {
            self.course = course
            session = SessionEvents(navigator: Navigator(course: course, path: try #require(course.path("work"))))
            now = start
            commit(session.start(language: "fr", cohort: "A", attempt: 1), after: 0)
        }

        mutating func commit(_ drafts: [EventDraft], after minutes: Double) {
            now += minutes * 60
            for event in session.stamp(drafts, on: progress, at: now).events {
                progress.apply(event)
                events.append(event)
            }
        }
    }

    @Test func fortyMinutesOfActivityShowAsFortyAndPaceIsNotAhead() throws {
        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/atelier.yml", text: ActivityFixture.graph))
        var log = try StampedLog(course: course, start: start)
        log.commit(log.session.advance(log.progress), after: 2)  // intro read in 2 min
        log.commit([log.session.answer("map", choices: [], text: "Le maire")], after: 40)
        log.commit(log.session.advance(log.progress), after: 1)  // on to the reading
        let record = CohortRecord(
            participant: "ada", courseID: "atelier", pathID: "work", cohort: "A", attempt: 1, events: log.events)
        let report = CohortReport.build(
            records: [record], courses: ["atelier": course], options: ReportOptions(now: log.now + 60))
        let ada = try #require(report.participants.first)
        #expect(ada.activeSeconds == 43 * 60)
        #expect(ada.pace == .behind, "43 min spent on 32 planned: \(String(describing: ada.pace))")
        let map = try #require(report.steps.first { $0.step == "map" })
        #expect(map.medianSeconds == 41 * 60, "the activity's real time")
        #expect(map.estimateSeconds == 30 * 60)
        let intro = try #require(report.steps.first { $0.step == "intro" })
        #expect(intro.medianSeconds == 2 * 60)
    }

    @Test func aLessonLeftOpenStillCountsOnlyTheIdleThreshold() throws {
        let course = try CourseLoader.load(
            graph: SourceText(path: "Paths/atelier.yml", text: ActivityFixture.graph))
        var log = try StampedLog(course: course, start: start)
        log.commit(log.session.advance(log.progress), after: 40)  // 40 min on a 2-min lesson
        let record = CohortRecord(
            participant: "bob", courseID: "atelier", pathID: "work", cohort: "A", attempt: 1, events: log.events)
        let report = CohortReport.build(
            records: [record], courses: ["atelier": course], options: ReportOptions(now: log.now + 60))
        #expect(report.participants.first?.activeSeconds == 5 * 60)
        #expect(report.steps.first { $0.step == "intro" }?.medianSeconds == 5 * 60)
    }
}
