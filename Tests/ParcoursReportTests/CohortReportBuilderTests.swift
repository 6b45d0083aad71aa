import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// A report on one store is summed up learner by learner, in the order the scan completes
/// their logs (`CohortReport.Builder`); it must equal the report built from all records at
/// once, whatever that order and however the records are split among builders.
@Suite("Cohort report builder: any order, any split, the same report")
struct CohortReportBuilderTests {
    static func records(_ seed: Int) -> [CohortRecord] {
        (0..<(5 + seed % 7)).map { index in
            let progress = FunnelCounterTests.randomProgress(UInt64(seed * 100 + index))
            return CohortRecord(
                participant: "learner \(index % 4)", courseID: index % 5 == 4 ? "gone" : "demo", pathID: "main",
                cohort: ["A", "B", nil][index % 3], attempt: 1 + index / 4, progress: progress,
                eventCount: Int(progress.lastSeq))
        }
    }

    @Test(arguments: 0..<20)
    func addedInAnyOrderAndMergedItIsTheBuiltReport(seed: Int) throws {
        let course = try Courses.fixture()
        let records = Self.records(seed)
        for options in [
            ReportOptions(now: Date(timeIntervalSince1970: 1_780_003_600)),
            ReportOptions(cohort: "A", now: Date(timeIntervalSince1970: 1_780_003_600)),
        ] {
            let built = CohortReport.build(
                records: records, unenrolled: ["zed"], courses: ["demo": course], options: options)
            let lookups = Lookups()
            var generator = SeededGenerator(seed: UInt64(seed) &+ 9)
            let shuffled = records.shuffled(using: &generator)
            var first = CohortReport.Builder(options: options) { $0 == "demo" ? course : nil }
            var second = CohortReport.Builder(options: options) { $0 == "demo" ? course : nil }
            for (index, record) in shuffled.enumerated() {
                if index % 3 == 0 { second.add(record) } else { first.add(record) }
            }
            // Sorted before the merge (as a scan's lanes are) or not, the same report.
            var sortedFirst = first
            var sortedSecond = second
            sortedFirst.sortParticipants()
            sortedSecond.sortParticipants()
            sortedFirst.merge(sortedSecond)
            #expect(sortedFirst.report(unenrolled: ["zed"]) == built)
            first.merge(second)
            let streamed = first.report(unenrolled: ["zed"])
            #expect(streamed == built)
            // Each builder asks for a course once, installed or not.
            var counting = CohortReport.Builder(options: options) { id in
                lookups.count(id)
                return id == "demo" ? course : nil
            }
            for record in shuffled { counting.add(record) }
            #expect(counting.report(unenrolled: ["zed"]) == built)
            #expect(lookups.asked.sorted() == Array(Set(lookups.asked)).sorted())
            #expect(lookups.asked.contains("demo"))
        }
    }
}

/// Summaries are moved from builder to builder, not copied: concatenated, or merged in the
/// report's order, ties keeping the first builder's first (as a stable sort would).
@Suite("Cohort report builder: summaries moved")
struct MovingSummariesTests {
    static func summary(_ name: String, _ tag: String, attempt: Int = 1) -> ParticipantSummary {
        var summary = ParticipantSummary(unenrolled: name)
        summary.cohort = tag
        summary.attempt = attempt
        return summary
    }

    @Test(arguments: 0..<20)
    func mergedAsAStableSortWouldBe(seed: Int) {
        var generator = SeededGenerator(seed: UInt64(seed) &+ 41)
        func side(_ tag: String) -> [ParticipantSummary] {
            (0..<Int(generator.next() % 12)).map { index in
                Self.summary(
                    ["ana", "bo", "bo", "chloé", "zed"][Int(generator.next() % 5)], "\(tag)\(index)",
                    attempt: 1 + Int(generator.next() % 2))
            }
        }
        let order: (ParticipantSummary, ParticipantSummary) -> Bool = {
            ($0.name, $0.pathID, $0.attempt) < ($1.name, $1.pathID, $1.attempt)
        }
        var first = side("a").sorted(by: order)
        var second = side("b").sorted(by: order)
        let expected = (first + second).sorted(by: order)
        let concatenated = first + second
        var (copyOfFirst, copyOfSecond) = (first, second)
        #expect(CohortReport.Builder.moving(&first, &second, merging: true) == expected)
        #expect(CohortReport.Builder.moving(&copyOfFirst, &copyOfSecond, merging: false) == concatenated)
        // What is left behind holds nothing.
        #expect((first + second + copyOfFirst + copyOfSecond).allSatisfy { $0.name.isEmpty })
    }
}

/// The course ids a builder asked for.
final class Lookups: @unchecked Sendable {
    private let lock = NSLock()
    private var ids: [String] = []

    var asked: [String] { lock.withLock { ids } }

    func count(_ id: String) {
        lock.withLock { ids.append(id) }
    }
}
