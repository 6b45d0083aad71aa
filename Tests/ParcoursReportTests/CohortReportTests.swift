import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// Logs written the way the REPL writes them, through `SessionEvents`, with chosen times.
struct LogBuilder {
    let session: SessionEvents
    var progress = LearnerProgress()
    var events: [Event] = []
    var clock: Date

    /// `courseVersion`: the version the `started` event names, when not the course's own.
    init(
        course: Course, path: String = "main", start: Date, cohort: String? = "A", courseVersion: String? = nil
    ) throws {
        let path = try #require(course.path(path))
        session = SessionEvents(navigator: Navigator(course: course, path: path))
        clock = start
        var drafts = session.start(language: "fr", cohort: cohort, attempt: 1)
        if let courseVersion, let started = drafts.firstIndex(where: { $0.type == .started }) {
            drafts[started].payload.courseVersion = courseVersion
        }
        apply(drafts, activeSeconds: 0)
    }

    mutating func apply(_ drafts: [EventDraft], activeSeconds: Int) {
        for (index, draft) in drafts.enumerated() {
            let active = index == 0 ? activeSeconds * 1_000 : 0
            clock += TimeInterval(index == 0 ? activeSeconds : 0)
            let event = draft.event(seq: progress.lastSeq + 1, at: clock, activeMilliseconds: active)
            progress.apply(event)
            events.append(event)
        }
    }

    mutating func advance(after seconds: Int) { apply(session.advance(progress), activeSeconds: seconds) }

    mutating func answer(_ choice: String, after seconds: Int) {
        guard let step = progress.currentStep else { return }
        apply([session.answer(step, choices: [choice])], activeSeconds: seconds)
    }

    mutating func skip(_ reason: WaiverReason, _ why: String?, after seconds: Int) {
        apply(session.skip(progress, reason: reason, explanation: why), activeSeconds: seconds)
    }

    mutating func rate(_ ratings: [String: Int], after seconds: Int) {
        guard let step = progress.currentStep else { return }
        apply([session.rate(step, ratings: ratings)], activeSeconds: seconds)
    }

    func record(_ name: String, cohort: String? = "A") -> CohortRecord {
        CohortRecord(
            participant: name, courseID: "demo", pathID: "main", cohort: cohort, attempt: 1,
            events: events)
    }
}

enum Courses {
    static func fixture() throws -> Course {
        try CourseLoader.load(graph: SourceText(path: "demo.yml", text: Fixture.graph))
    }

    /// The fixture with a self-assessment after the intro.
    static func assessed() throws -> Course {
        let graph = Fixture.graph
            .replacingOccurrences(of: "steps: [intro, quiz, fix, end]", with: "steps: [intro, self, quiz, fix, end]")
            .replacingOccurrences(
                of: "  - id: quiz\n",
                with: """
                      - id: self
                        kind: assessment
                        minutes: 2
                        scale: five
                        items:
                          - id: can
                            dimension: skill
                          - id: know
                            dimension: skill
                      - id: quiz

                    """)
        return try CourseLoader.load(graph: SourceText(path: "demo.yml", text: graph))
    }
}

@Suite("Cohort report aggregation")
struct CohortReportTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    func scenario() throws -> (CohortReport, [String: LearnerProgress]) {
        let course = try Courses.fixture()
        var finished = try LogBuilder(course: course, start: start)
        finished.advance(after: 120)
        finished.answer("b", after: 60)
        finished.advance(after: 30)
        finished.skip(.learner, "déjà vu", after: 10)
        finished.advance(after: 200)

        var midway = try LogBuilder(course: course, start: start)
        midway.advance(after: 600)

        let fresh = try LogBuilder(course: course, start: start + 3_000)
        let other = try LogBuilder(course: course, start: start, cohort: "B")
        let records = [
            finished.record("ada"), midway.record("bob"), fresh.record("cy"),
            other.record("dee", cohort: "B"),
        ]
        let report = CohortReport.build(
            records: records, courses: ["demo": course],
            options: ReportOptions(cohort: "A", now: start + 3_600))
        return (
            report,
            [
                "ada": finished.progress, "bob": midway.progress, "cy": fresh.progress,
            ]
        )
    }

    @Test func figuresEqualTheFoldThroughTheNavigator() throws {
        let (report, folds) = try scenario()
        let course = try Courses.fixture()
        let navigator = Navigator(course: course, path: try #require(course.path("main")))
        #expect(report.participants.map(\.name) == ["ada", "bob", "cy"], "cohort B is left out")
        for row in report.participants {
            let progress = try #require(folds[row.name])
            #expect(row.completedRequired == navigator.completedRequired(progress))
            #expect(row.required == navigator.requiredSteps(progress).count)
            #expect(row.activeSeconds == progress.activeMilliseconds / 1_000)
            #expect(row.lastActivity == progress.lastEventAt)
            #expect(row.currentStep == (progress.isFinished ? nil : progress.currentStep))
        }
    }

    /// `parcours status` and the report draw a learner's figures from one `LearnerStanding`.
    @Test func eachRowIsTheLearnersStanding() throws {
        let (report, folds) = try scenario()
        let course = try Courses.fixture()
        let navigator = Navigator(course: course, path: try #require(course.path("main")))
        for row in report.participants {
            let standing = LearnerStanding(try #require(folds[row.name]), navigator: navigator)
            #expect(row.completedRequired == standing.completedRequired)
            #expect(row.required == standing.required)
            #expect(row.percent == standing.percent)
            #expect(row.currentStep == standing.currentStep)
            #expect(row.activeSeconds == standing.activeSeconds)
            #expect(row.budgetSeconds == standing.budgetSeconds)
            #expect(row.plannedSeconds == standing.plannedMinutes * 60)
            #expect(row.status == (standing.isFinished ? .finished : standing.hasBegun ? .inProgress : .notStarted))
            if row.pace != .stalled { #expect(row.pace?.rawValue == standing.pace?.rawValue) }
        }
    }

    @Test func statusPercentAndPace() throws {
        let (report, _) = try scenario()
        let rows = Dictionary(uniqueKeysWithValues: report.participants.map { ($0.name, $0) })
        let ada = try #require(rows["ada"])
        #expect(ada.status == .finished)
        #expect(ada.percent == 100)
        #expect(ada.pace == nil)
        #expect(ada.waived == [.init(step: "fix", reason: .learner, explanation: "déjà vu")])
        let bob = try #require(rows["bob"])
        #expect(bob.status == .inProgress)
        #expect(bob.completedRequired == 1)
        #expect(bob.currentStep == "quiz")
        #expect(bob.pace == .stalled, "silent for 50 minutes, over the 30-minute default")
        let cy = try #require(rows["cy"])
        #expect(cy.status == .notStarted)
        #expect(cy.percent == 0)
        #expect(cy.pace == .onTrack, "silent for 10 minutes only")
        #expect(report.count(.finished) == 1)
        #expect(report.count(.stalled) == 1)
    }

    @Test func behindWhenActiveTimeOutrunsThePlan() throws {
        let course = try Courses.fixture()
        var slow = try LogBuilder(course: course, start: start)
        slow.advance(after: 900)
        let report = CohortReport.build(
            records: [slow.record("slow")], courses: ["demo": course],
            options: ReportOptions(now: slow.clock + 60))
        #expect(report.participants.first?.pace == .behind)
        #expect(report.participants.first?.plannedSeconds == 180)
    }

    @Test func stepFunnelCountsAndMedian() throws {
        let (report, _) = try scenario()
        let funnel = Dictionary(uniqueKeysWithValues: report.steps.map { ($0.step, $0) })
        #expect(report.steps.map(\.step) == ["intro", "quiz", "fix", "end"])
        let intro = try #require(funnel["intro"])
        #expect(intro.reached == 3)
        #expect(intro.completed == 2)
        #expect(intro.medianSeconds == 120, "lower middle of 120 and 600")
        #expect(intro.estimateSeconds == 180)
        let fix = try #require(funnel["fix"])
        #expect(fix.reached == 1)
        #expect(fix.waived == 1)
        #expect(fix.completed == 0)
        #expect(fix.medianSeconds == nil)
        #expect(fix.isOptional)
    }

    @Test func assessmentsFirstAndLatestPerDimension() throws {
        let course = try Courses.assessed()
        var log = try LogBuilder(course: course, start: start)
        log.advance(after: 60)
        log.rate(["can": 2, "know": 3], after: 30)
        log.advance(after: 10)
        log.apply(log.session.back(log.progress), activeSeconds: 5)
        log.rate(["can": 4, "know": 5], after: 30)
        let report = CohortReport.build(
            records: [log.record("ada")], courses: ["demo": course],
            options: ReportOptions(now: log.clock))
        let row = try #require(report.participants.first)
        #expect(row.assessments == [.init(dimension: "skill", first: 2.5, latest: 4.5)])
    }

    /// A grid left half done (one item rated, then back) is no "before": the first grid rated
    /// in full is.
    @Test func aHalfDoneGridIsNotTheBefore() throws {
        let course = try Courses.assessed()
        var log = try LogBuilder(course: course, start: start)
        log.advance(after: 60)
        log.rate(["can": 1], after: 30)
        log.apply(log.session.back(log.progress), activeSeconds: 5)
        log.advance(after: 10)
        log.rate(["can": 4, "know": 5], after: 30)
        let report = CohortReport.build(
            records: [log.record("ada")], courses: ["demo": course], options: ReportOptions(now: log.clock))
        let row = try #require(report.participants.first)
        #expect(row.assessments == [.init(dimension: "skill", first: 4.5, latest: 4.5)])
    }

    @Test func unknownCourseBecomesANotice() throws {
        let course = try Courses.fixture()
        let log = try LogBuilder(course: course, start: start)
        var record = log.record("ada")
        record.courseID = "gone"
        let report = CohortReport.build(
            records: [record], courses: ["demo": course], options: ReportOptions(now: start))
        #expect(report.participants.isEmpty)
        #expect(report.notices.count == 1)
        #expect(report.notices.first?.contains("gone/main") == true)
    }

    @Test func unenrolledParticipantsAreNotStarted() throws {
        let report = CohortReport.build(
            records: [], unenrolled: ["zed"], courses: [:], options: ReportOptions(now: start))
        #expect(report.participants.map(\.status) == [.notStarted])
        let filtered = CohortReport.build(
            records: [], unenrolled: ["zed"], courses: [:],
            options: ReportOptions(cohort: "A", now: start))
        #expect(filtered.participants.isEmpty)
    }

    @Test(arguments: [([Int](), nil), ([5], 5), ([3, 1, 2], 2), ([4, 1, 3, 2], 2)] as [([Int], Int?)])
    func median(values: [Int], expected: Int?) {
        #expect(StepFunnel.median(values) == expected)
    }

    @Test(arguments: 0..<200)
    func medianIsTheLowerMiddleOfTheSortedValues(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        // Few distinct values (many ties), many, sorted, reversed.
        let spread = [1, 3, 50, 10_000][seed % 4]
        var values = (0..<generator.below(300)).map { _ in generator.below(spread) }
        if seed % 7 == 1 { values.sort() }
        if seed % 7 == 2 { values.sort(by: >) }
        let sorted = values.sorted()
        #expect(StepFunnel.median(values) == (sorted.isEmpty ? nil : sorted[(sorted.count - 1) / 2]), "\(values)")
    }

    /// The medians of a whole funnel, selected on every core once the lists are long, come
    /// back in order, each the one selected alone.
    @Test(arguments: [3, 45, 200])
    func mediansOfManyListsComeBackInOrder(count: Int) {
        var generator = SeededGenerator(seed: UInt64(count))
        let lists = (0..<count).map { index in
            (0..<(index % 5 == 0 ? 0 : 100 + generator.below(900))).map { _ in generator.below(5_000) }
        }
        #expect(FunnelCounter.medians(lists) == lists.map(StepFunnel.median))
    }
}
