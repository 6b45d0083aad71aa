import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// What a facilitator reads first: where people stop, the paths, the dimensions, by title.
@Suite("Report at a glance")
struct ReportGlanceTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// Five learners on the fixture (intro 3 min, quiz 2, fix 2, end 3), seen an hour in.
    func cohort() throws -> CohortReport {
        let course = try Courses.fixture()
        var slow = try LogBuilder(course: course, start: start + 2_800)
        slow.advance(after: 600)  // 10 min on a 3-min intro, a minute and a half ago: behind
        var gone = try LogBuilder(course: course, start: start)
        gone.advance(after: 60)  // on the quiz, silent for 59 min: stalled
        var fine = try LogBuilder(course: course, start: start + 3_000)
        fine.advance(after: 170)  // on the quiz, on track
        let fresh = try LogBuilder(course: course, start: start)  // entered the intro an hour ago
        var done = try LogBuilder(course: course, start: start + 1_000)
        done.advance(after: 180)
        done.answer("a", after: 60)
        done.advance(after: 10)
        done.advance(after: 170)
        let records = [
            slow.record("slow"), gone.record("gone"), fine.record("fine"), fresh.record("fresh"), done.record("done"),
        ]
        return CohortReport.build(
            records: records, courses: ["demo": course], options: ReportOptions(now: start + 3_600))
    }

    static func catalog(_ locale: String = Fixture.locale("fr"), language: String = "fr") throws -> Catalog {
        let entries = try #require(LocaleFileDecoder.decodeCourseLocale(locale, file: "demo.yml").0).entries
        return Catalog(language: language, files: [entries], fallbackFiles: [])
    }

    func titles(_ course: Course) throws -> ReportTitles {
        ReportTitles([(course, try Self.catalog())])
    }

    @Test func aNotStartedAttemptHasNoPace() throws {
        let report = try cohort()
        let fresh = try #require(report.participants.first { $0.name == "fresh" })
        #expect(fresh.status == .notStarted)
        #expect(fresh.pace == .stalled, "the JSON keeps the pace the fold gives")
        #expect(fresh.visiblePace == nil)
        #expect(ReportTable.state(fresh) == "not started")
        let states = Dictionary(uniqueKeysWithValues: report.participants.map { ($0.name, ReportTable.state($0)) })
        #expect(
            states == [
                "slow": "behind", "gone": "stalled", "fine": "on track", "fresh": "not started", "done": "finished",
            ])
        #expect(ReportTable.headline(report).contains("1 behind, 1 stalled"), "\(ReportTable.headline(report))")
    }

    @Test func stopsPutTheStepsWithLearnersBehindOrStalledFirst() throws {
        let report = try cohort()
        let stops = report.stops()
        #expect(stops.map(\.step) == ["quiz", "intro"])
        #expect(
            stops.first == .init(courseID: "demo", pathID: "main", step: "quiz", learners: 3, behind: 1, stalled: 1))
        #expect(stops.last?.learners == 1)
        #expect(stops.last?.needingAttention == 0, "a learner who has not started is neither behind nor stalled")
        #expect(report.stops(limit: 1).count == 1)
        let grid = ReportTable.stops(report, titles: try titles(try Courses.fixture()))
        #expect(grid.headers == ["Step", "On it", "Behind", "Stalled"], "one path: no path column")
        #expect(grid.rows.map(\.first) == ["Quiz", "Introduction"])
        #expect(grid.tones == [.attention, .plain])
    }

    @Test func theFunnelIsCutByPathWithTitlesInThePathsOrder() throws {
        let report = try cohort()
        let sections = report.pathSections()
        #expect(sections.map(\.pathID) == ["main"])
        #expect(sections.first?.attempts == 5)
        #expect(sections.first?.finished == 1)
        let funnels = ReportTable.funnels(report, titles: try titles(try Courses.fixture()))
        #expect(funnels.count == 1)
        #expect(funnels.first?.title == "main: Principal, 5 attempt(s), 1 finished")
        #expect(funnels.first?.grid.rows.map(\.first) == ["Introduction", "Quiz", "Rattrapage", "Fin"])
        let ids = ReportTable.funnels(report)
        #expect(ids.first?.grid.rows.map(\.first) == ["intro", "quiz", "fix", "end"], "no words: the ids")
    }

    @Test func participantsShowTheStepTitleAndKeepThePathWhole() throws {
        let report = try cohort()
        let grid = ReportTable.participants(report, titles: try titles(try Courses.fixture()))
        let step = try #require(grid.headers.firstIndex(of: "Step"))
        let path = try #require(grid.headers.firstIndex(of: "Path"))
        let attempt = try #require(grid.headers.firstIndex(of: "#"))
        #expect(grid.rows.map { $0[step] } == ["—", "Quiz", "Introduction", "Quiz", "Quiz"])
        #expect(grid.keepWhole.contains(path) && grid.keepWhole.contains(attempt))
        #expect(!grid.droppable.contains(path) && !grid.droppable.contains(attempt))
        #expect(grid.redundant.contains(attempt), "every attempt is the first")
        #expect(
            ReportTable.participantsTitle(report, titles: try titles(try Courses.fixture()))
                == "Participants on main (Principal)")
    }

    @Test func dimensionsAreAveragedBeforeAndAfter() throws {
        let course = try Courses.assessed()
        var ada = try LogBuilder(course: course, start: start)
        ada.advance(after: 60)
        ada.rate(["can": 2, "know": 3], after: 30)
        ada.advance(after: 10)
        ada.apply(ada.session.back(ada.progress), activeSeconds: 5)
        ada.rate(["can": 4, "know": 5], after: 30)
        var bob = try LogBuilder(course: course, start: start)
        bob.advance(after: 60)
        bob.rate(["can": 1, "know": 1], after: 30)
        let report = CohortReport.build(
            records: [ada.record("ada"), bob.record("bob")], courses: ["demo": course],
            options: ReportOptions(now: start + 600))
        #expect(
            report.dimensionAverages() == [
                .init(courseID: "demo", dimension: "skill", learners: 2, before: 1.75, after: 2.75)
            ])
        let grid = ReportTable.assessments(report, titles: ReportTitles([(course, try Self.catalog())]))
        #expect(grid.headers == ["Dimension", "Learners", "Before", "After", "Change"])
        #expect(grid.rows == [["Savoir-faire", "2", "1.8", "2.8", "+1.0"]])
    }

    @Test func titlesFallBackToIds() throws {
        let course = try Courses.assessed()
        let titles = ReportTitles([(course, try Self.catalog())])
        #expect(titles.step("intro", course: "demo") == "Introduction")
        #expect(titles.step("self", course: "demo") == "self", "no title in the locale: the id")
        #expect(titles.path("main", course: "demo") == "Principal")
        #expect(titles.dimension("skill", course: "demo") == "Savoir-faire")
        #expect(titles.step("intro", course: "other") == "intro")
        #expect(titles.scalePoints("skill", course: "demo") == 5)
        #expect(titles.scalePoints("skill", course: "other") == nil)
        #expect(titles.language == "fr")
        #expect(ReportTitles().step("intro", course: "demo") == "intro")
    }

    @Test(arguments: [(0.0, "0.0"), (0.04, "0.0"), (-0.04, "0.0"), (0.75, "+0.8"), (-1.25, "-1.2"), (2, "+2.0")])
    func signedScores(value: Double, expected: String) {
        #expect(ReportTable.signedScore(value) == expected)
    }

    @Test func aGridWithoutAColumnKeepsItsRoles() {
        let grid = ReportTable.Grid(
            headers: ["a", "b", "c"], rows: [["1", "2", "3"]], tones: [.plain], rightAligned: [2], droppable: [2, 0],
            redundant: [1], keepWhole: [0, 2], comfortableWidth: 9)
        let cut = grid.without([1])
        #expect(cut.headers == ["a", "c"])
        #expect(cut.rows == [["1", "3"]])
        #expect(cut.rightAligned == [1])
        #expect(cut.droppable == [1, 0])
        #expect(cut.redundant.isEmpty)
        #expect(cut.keepWhole == [0, 1])
        #expect(cut.comfortableWidth == 9)
    }
}
