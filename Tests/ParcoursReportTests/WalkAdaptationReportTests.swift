import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// Steps the walk set aside count as waived in the report; a step taken back does not.
@Suite("Report: steps set aside and taken back")
struct WalkAdaptationReportTests {
    @Test func setAsideCountsAsWaivedUntilTakenBack() throws {
        let course = try CourseLoader.load(graph: SourceText(path: "demo.yml", text: Fixture.Branches.graph))
        let start = Date(timeIntervalSince1970: 1_767_225_600)
        var log = try LogBuilder(course: course, start: start)
        log.advance(after: 60)
        // Answer b, adapted as the REPL commits it: extra3 and extra2 set aside.
        let adapted = log.session.adapt([log.session.answer("quiz", choices: ["b"])], on: log.progress)
        log.apply(adapted.drafts, activeSeconds: 30)
        var kept = log
        kept.apply([log.session.restore("extra2")], activeSeconds: 10)

        let report = CohortReport.build(
            records: [log.record("ada"), kept.record("bea")], courses: ["demo": course],
            options: ReportOptions(now: kept.clock + 60))
        let byName = Dictionary(uniqueKeysWithValues: report.participants.map { ($0.name, $0) })
        #expect(byName["ada"]?.waived.map(\.step) == ["extra2", "extra3"])
        #expect(byName["ada"]?.waived.allSatisfy { $0.reason == .timeBudget } == true)
        #expect(byName["bea"]?.waived.map(\.step) == ["extra3"])
        let funnel = Dictionary(uniqueKeysWithValues: report.steps.map { ($0.step, $0.waived) })
        #expect(funnel["extra3"] == 2)
        #expect(funnel["extra2"] == 1, "taken back by bea: waived for ada only")
    }
}
