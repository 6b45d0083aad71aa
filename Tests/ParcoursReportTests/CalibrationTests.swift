import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// A synthetic cohort on the fixture course, each learner's active time per step chosen:
/// the medians, 80th percentiles, flags and typical times below are known in advance.
@Suite("Calibration: estimates against a cohort's times")
struct CalibrationTests {
    static let start = Date(timeIntervalSince1970: 1_780_000_000)

    /// Seconds per learner on intro (estimate 3 min), quiz (2 min), fix (2 min, optional;
    /// nil: skipped) and end (3 min).
    static let cohort: [(intro: Int, quiz: Int, fix: Int?, end: Int)] = [
        (60, 200, 600, 60), (120, 250, 600, 60), (180, 300, 600, 60), (240, 300, 600, 60),
        (300, 350, nil, 60), (600, 400, nil, 60),
    ]

    /// The fixture's walk with the times above: intro, quiz (wrong answer, so no branch),
    /// fix or its waiver, end.
    /// `version`: the course version a learner's `started` event names, nil for the course's own.
    static func records(course: Course, version: (Int) -> String? = { _ in nil }) throws -> [CohortRecord] {
        try cohort.enumerated().map { index, times in
            var log = try LogBuilder(course: course, start: start, courseVersion: version(index))
            log.advance(after: times.intro)
            log.answer("b", after: times.quiz - 10)
            log.advance(after: 10)
            if let fix = times.fix {
                log.advance(after: fix)
            } else {
                log.skip(.learner, nil, after: 0)
            }
            log.advance(after: times.end)
            return log.record("learner-\(index)")
        }
    }

    static func calibration(minLearners: Int = Calibration.defaultMinLearners) throws -> Calibration {
        let course = try Courses.fixture()
        let report = CohortReport.build(
            records: try records(course: course), courses: ["demo": course], options: ReportOptions(now: start))
        return Calibration.build(report, course: { $0 == "demo" ? course : nil }, minLearners: minLearners)
    }

    @Test func medianAndP80AreNearestRankAmongThoseWhoCompleted() throws {
        let path = try #require(try Self.calibration().paths.first)
        let steps = Dictionary(uniqueKeysWithValues: path.steps.map { ($0.step, $0) })
        #expect(path.steps.map(\.step) == ["intro", "quiz", "fix", "end"])
        // intro: 60 120 180 240 300 600: the 3rd and the 5th of 6.
        #expect(steps["intro"]?.medianSeconds == 180)
        #expect(steps["intro"]?.p80Seconds == 300)
        #expect(steps["quiz"]?.medianSeconds == 300)
        #expect(steps["quiz"]?.p80Seconds == 350)
        #expect(steps["fix"]?.learners == 4, "two learners waived it")
        #expect(steps["fix"]?.medianSeconds == 600)
        #expect(steps["end"]?.medianSeconds == 60)
    }

    @Test func flagsOnlyCalibratedStepsOffByMoreThanThirtyPercent() throws {
        let path = try #require(try Self.calibration().paths.first)
        let steps = Dictionary(uniqueKeysWithValues: path.steps.map { ($0.step, $0) })
        #expect(steps["intro"]?.isFlagged == false, "180 s against 3 min")
        #expect(steps["quiz"]?.isFlagged == true, "300 s against 2 min: +150 %")
        #expect(steps["quiz"]?.offByPercent == 150)
        #expect(steps["quiz"]?.suggestedMinutes == 5)
        #expect(steps["fix"]?.isCalibrated == false, "4 learners, fewer than 5")
        #expect(steps["fix"]?.isFlagged == false)
        #expect(steps["end"]?.isFlagged == true, "60 s against 3 min")
        #expect(steps["end"]?.suggestedMinutes == 1)

        let four = try #require(try Self.calibration(minLearners: 4).paths.first)
        let fix = try #require(four.steps.first { $0.step == "fix" })
        #expect(fix.isCalibrated && fix.isFlagged && fix.suggestedMinutes == 10)
    }

    @Test func typicalTimeRecomputedWithObservedMediansWhereCalibrated() throws {
        let path = try #require(try Self.calibration().paths.first)
        #expect(path.typicalSeconds == 600, "3 + 2 + 2 + 3 minutes")
        // intro 180 + quiz 300 + fix's estimate 120 (not calibrated) + end 60.
        #expect(path.observedTypicalSeconds == 660)
        #expect(path.budgetMinutes == 10)
        #expect(path.observedFitsBudget, "660 s within 10 min + 15 %")
        let four = try #require(try Self.calibration(minLearners: 4).paths.first)
        #expect(four.observedTypicalSeconds == 180 + 300 + 600 + 60)
        #expect(!four.observedFitsBudget)
    }

    @Test func editsAreTheFlaggedStepsWhoseMinutesChange() throws {
        let calibration = try Self.calibration()
        let (edits, conflicts) = calibration.edits
        #expect(
            edits == [
                .init(courseID: "demo", step: "end", from: 3, to: 1),
                .init(courseID: "demo", step: "quiz", from: 2, to: 5),
            ])
        #expect(conflicts.isEmpty)
    }

    @Test func twoPathsSuggestingDifferentMinutesForOneStepAreAConflict() throws {
        var calibration = try Self.calibration()
        var other = try #require(calibration.paths.first)
        other.pathID = "other"
        for index in other.steps.indices where other.steps[index].step == "quiz" {
            other.steps[index].suggestedMinutes = 7
        }
        calibration.paths.append(other)
        let (edits, conflicts) = calibration.edits
        #expect(edits.map(\.step) == ["end"])
        #expect(conflicts == ["demo/quiz"])
    }

    @Test(arguments: [
        (234, 180, false), (235, 180, true), (126, 180, false), (125, 180, true), (0, 0, false), (1, 0, true),
    ])
    func offByMoreThanThirtyPercentExactly(median: Int, estimate: Int, flagged: Bool) {
        #expect(Calibration.isOff(median, estimateSeconds: estimate) == flagged)
    }

    @Test(arguments: [(0, 1), (29, 1), (89, 1), (90, 2), (299, 5), (330, 6)])
    func suggestionsAreWholeMinutesAtLeastOne(seconds: Int, minutes: Int) {
        #expect(Calibration.wholeMinutes(seconds) == minutes)
    }

    @Test func attemptsOnAnotherCourseVersionAreCounted() throws {
        let course = try Courses.fixture()
        // The first two attempts were started on another version of the course: their logs say so.
        let records = try Self.records(course: course, version: { $0 < 2 ? "0000000000000000" : nil })
        let report = CohortReport.build(
            records: records, courses: ["demo": course], options: ReportOptions(now: Self.start))
        let calibration = Calibration.build(report, course: { _ in course })
        #expect(calibration.paths.first?.otherVersionAttempts == 2)
        #expect(calibration.warnings.count == 1)
    }

    @Test func aPathWhoseCourseIsMissingIsNamed() throws {
        let course = try Courses.fixture()
        let report = CohortReport.build(
            records: try Self.records(course: course), courses: ["demo": course],
            options: ReportOptions(now: Self.start))
        let calibration = Calibration.build(report, course: { _ in nil })
        #expect(calibration.paths.isEmpty)
        #expect(calibration.missing == ["demo/main"])
    }

    @Test func jsonShapeHasEveryKey() throws {
        let text = try Self.calibration().json()
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(Set(root.keys) == ["formatVersion", "minLearners", "missing", "paths", "tolerancePercent"])
        let path = try #require((root["paths"] as? [[String: Any]])?.first)
        #expect(path["observedTypicalSeconds"] as? Int == 660)
        let step = try #require((path["steps"] as? [[String: Any]])?.first { $0["step"] as? String == "quiz" })
        #expect(
            Set(step.keys) == [
                "calibrated", "estimateSeconds", "flagged", "learners", "medianSeconds", "offByPercent",
                "onTypicalWalk", "optional", "p80Seconds", "step", "suggestedMinutes",
            ])
        #expect(step["suggestedMinutes"] as? Int == 5)
    }

    @Test(
        arguments: [([Int](), nil), ([5], 5), ([3, 1, 2], 3), ([4, 1, 3, 2], 4), (Array(1...10), 8)] as [([Int], Int?)])
    func p80(values: [Int], expected: Int?) {
        #expect(StepFunnel.quantiles(values)?.p80 == expected)
    }

    @Test(arguments: 0..<100)
    func quantilesAreTheNearestRanksOfTheSortedValues(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed))
        let spread = [1, 3, 50, 10_000][seed % 4]
        var values = (0..<generator.below(300)).map { _ in generator.below(spread) }
        if seed % 7 == 1 { values.sort() }
        if seed % 7 == 2 { values.sort(by: >) }
        let sorted = values.sorted()
        // Nearest rank, by definition: the smallest k (1-based) with k/n >= p.
        let n = sorted.count
        let medianRank = (1...max(n, 1)).first { 2 * $0 >= n } ?? 1
        let p80Rank = (1...max(n, 1)).first { 5 * $0 >= 4 * n } ?? 1
        let expected = sorted.isEmpty ? nil : (sorted[medianRank - 1], sorted[p80Rank - 1])
        let found = StepFunnel.quantiles(values)
        #expect(found?.median == expected?.0 && found?.p80 == expected?.1, "\(values)")
    }
}
