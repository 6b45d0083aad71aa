import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// The HTML report as a dashboard: its parts, its titles, its sorting, and what it never holds.
@Suite("HTML dashboard")
struct ReportDashboardTests {
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    func report() throws -> (CohortReport, ReportTitles) {
        let course = try Courses.assessed()
        var ada = try LogBuilder(course: course, start: start)
        ada.advance(after: 120)
        ada.rate(["can": 2, "know": 3], after: 60)
        ada.advance(after: 30)
        var bob = try LogBuilder(course: course, start: start + 1_000)
        bob.advance(after: 400)
        let cy = try LogBuilder(course: course, start: start)
        let report = CohortReport.build(
            records: [ada.record("ada"), bob.record("Bob"), cy.record("cy")], courses: ["demo": course],
            options: ReportOptions(now: start + 1_500))
        return (report, ReportTitles([(course, try ReportGlanceTests.catalog())]))
    }

    @Test func theDashboardHasItsPartsWithTitles() throws {
        let (report, titles) = try report()
        let html = ReportHTML.render(report, titles: titles)
        for part in [
            "class=\"summary\"", "id=\"stops\"", "id=\"participants\"", "id=\"paths\"", "class=\"path\"",
            "id=\"assessment\"", "class=\"legend\"", "class=\"swatch\"", "class=\"funnel\"", "class=\"people\"",
        ] {
            #expect(html.contains(part), "\(part)")
        }
        #expect(html.components(separatedBy: "<article class=\"path\"").count - 1 == 1, "one funnel per path")
        #expect(html.contains("<span lang=\"fr\">Principal</span>"), "the path's title, in its language")
        for title in ["Introduction", "Quiz", "Rattrapage", "Fin", "Savoir-faire"] {
            #expect(html.contains(title), "\(title)")
        }
        #expect(!html.contains(">intro<") && !html.contains(">skill<"), "titles, not ids")
        #expect(html.contains("@media print"))
        #expect(html.contains("@media (max-width:"))
        #expect(!html.contains("<script"))
        #expect(!html.contains("<link") && !html.contains("src="), "self-contained")
    }

    @Test func everyColumnSortsWithoutAScript() throws {
        let (report, titles) = try report()
        let html = ReportHTML.render(report, titles: titles)
        let columns = ReportHTML.participantColumns(report, titles: titles)
        #expect(columns.map(\.header) == ["Name", "State", "Progress", "Step", "Path", "Time", "Last activity"])
        for index in columns.indices {
            #expect(html.contains("id=\"sort-\(index)-a\"") && html.contains("id=\"sort-\(index)-d\""))
            #expect(html.contains("#sort-\(index)-a:checked~.scroll tbody tr{order:var(--k\(index))}"))
            #expect(html.contains("#sort-\(index)-d:checked~.scroll tbody tr{order:calc(0 - var(--k\(index)))}"))
            #expect(html.contains("<label for=\"sort-\(index)-a\""))
        }
        #expect(html.contains("id=\"sort-0-a\" class=\"sorter\" aria-label=\"Sort by Name, ascending\" checked"))
        let ranks = ReportHTML.sortRanks(count: report.participants.count, columns: columns)
        let names = report.participants.map(\.name)
        func order(_ column: Int) -> [String] {
            names.indices.sorted { ranks[$0][column] < ranks[$1][column] }.map { names[$0] }
        }
        #expect(order(0) == ["ada", "Bob", "cy"], "names without case")
        #expect(order(2) == ["cy", "Bob", "ada"], "progress, least first")
        #expect(order(1) == ["Bob", "ada", "cy"], "behind first, not started after those under way")
        #expect(ranks.allSatisfy { Set($0).isSubset(of: Set(1...names.count)) })
        for (index, row) in ranks.enumerated() {
            let style = row.enumerated().map { "--k\($0.offset):\($0.element)" }.joined(separator: ";")
            #expect(html.contains("style=\"\(style)\""), "\(names[index])")
        }
    }

    @Test func attributesKeepOnlyFixedWords() {
        let node = ReportHTML.element("div", [("class", "a\" onload=\"x<y>&z'`\\")], [ReportHTML.text("<b>")])
        let html = ReportHTML.rendered(node)
        #expect(html == "<div class=\"a onload=xyz\">&lt;b&gt;</div>", "\(html)")
    }

    @Test func hostileTitlesStayText() throws {
        let course = try Courses.fixture()
        let locale = Fixture.locale("fr")
            .replacingOccurrences(of: "title: Introduction", with: "title: \"<script>alert(1)</script>\"")
            .replacingOccurrences(of: "title: Principal", with: "title: \"<img src=x onerror=alert(1)>\"")
        let titles = ReportTitles([(course, try ReportGlanceTests.catalog(locale))])
        var log = try LogBuilder(course: course, start: start)
        log.advance(after: 30)
        let report = CohortReport.build(
            records: [log.record("ada")], courses: ["demo": course], options: ReportOptions(now: start + 60))
        let html = ReportHTML.render(report, titles: titles)
        #expect(!html.contains("<script") && !html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test(arguments: [(0, "0:00"), (59, "0:59"), (250, "4:10"), (3_599, "59:59"), (3_900, "1:05:00")])
    func stepClock(seconds: Int, expected: String) {
        #expect(ReportTable.clock(seconds) == expected)
    }
}
