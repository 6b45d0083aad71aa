import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// Every format, with names that try to be code.
@Suite("Report renderers")
struct RendererTests {
    static let hostile = [
        "<script>alert(1)</script>", "=cmd|' /C calc'!A0", "\u{1B}[2Jwipe", "+1,\"two\"\nthree",
        "@SUM(A1)", "-2", "ok & <b>", "\u{202E}gnp.exe", "a\u{2066}b\u{2069}c", "\u{9B}2J", " =1+1",
    ]
    /// The scalars no format may carry raw: C0 (but newline and tab), DEL, C1, bidi controls.
    static let unsafe: [Unicode.Scalar] =
        (0..<0x20).filter { $0 != 0x0A && $0 != 0x09 }.compactMap { Unicode.Scalar($0) }
        + (0x7F...0x9F).compactMap { Unicode.Scalar($0) }
        + [0x061C, 0x200E, 0x200F, 0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069]
        .compactMap { Unicode.Scalar($0) }

    static func carriesUnsafe(_ text: String) -> Bool {
        text.unicodeScalars.contains { unsafe.contains($0) }
    }
    let start = Date(timeIntervalSince1970: 1_780_000_000)

    func report() throws -> CohortReport {
        let course = try Courses.fixture()
        var records: [CohortRecord] = []
        for (index, name) in Self.hostile.enumerated() {
            var log = try LogBuilder(course: course, start: start)
            for _ in 0..<(index % 3) { log.advance(after: 60) }
            if index == 1 { log.skip(.timeBudget, "<i>late</i>", after: 5) }
            records.append(log.record(name, cohort: "<cohort>"))
        }
        return CohortReport.build(
            records: records, courses: ["demo": course], options: ReportOptions(now: start + 600))
    }

    @Test func csvReadsBackWithFormulasNeutralised() throws {
        let report = try report()
        let csv = ReportCSV.render(report)
        #expect(csv.hasSuffix("\r\n"))
        let rows = try #require(CSVParser.parse(csv))
        #expect(rows.first == ReportCSV.headers)
        #expect(rows.count == Self.hostile.count + 1)
        #expect(rows.allSatisfy { $0.count == ReportCSV.headers.count })
        let names = Set(rows.dropFirst().map { $0[0] })
        for name in Self.hostile {
            let risky = ["=", "+", "-", "@", " ="].contains { name.hasPrefix($0) }
            let shown = String(
                String.UnicodeScalarView(name.unicodeScalars.map { Self.unsafe.contains($0) ? "\u{FFFD}" : $0 }))
            #expect(names.contains(risky ? "'" + shown : shown), "\(name)")
        }
        #expect(!Self.carriesUnsafe(csv.replacingOccurrences(of: "\r\n", with: "\n")))
        for row in rows.dropFirst() {
            for cell in row {
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains { cell.hasPrefix($0) }, "\(cell)")
            }
            let byHeader = Dictionary(uniqueKeysWithValues: zip(ReportCSV.headers, row))
            let summary = try #require(
                report.participants.first { ReportCSV.text($0.name) == row[0] })
            #expect(byHeader["completed_required"] == String(summary.completedRequired))
            #expect(byHeader["active_seconds"] == String(summary.activeSeconds))
            #expect(byHeader["status"] == summary.status.rawValue)
        }
    }

    @Test func jsonHasTheDocumentedShape() throws {
        let report = try report()
        let text = ReportJSON.render(report)
        #expect(!Self.carriesUnsafe(text), "C1 and bidi controls are escaped, not raw")
        #expect(text.contains("\\u202e") && text.contains("\\u009b"))
        let data = Data(text.utf8)
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(root["formatVersion"] as? Int == 1)
        #expect(root["stalledAfterMinutes"] as? Int == 30)
        let participants = try #require(root["participants"] as? [[String: Any]])
        #expect(participants.count == Self.hostile.count)
        let keys: Set<String> = [
            "name", "cohort", "course", "path", "attempt", "status", "completedRequired",
            "required", "percent", "currentStep", "activeSeconds", "budgetSeconds",
            "plannedSeconds", "pace", "waived", "startedAt", "lastActivity", "assessments",
        ]
        for participant in participants {
            #expect(Set(participant.keys) == keys)
            let last = try #require(participant["lastActivity"] as? String)
            #expect(ISO8601DateFormatter().date(from: last) != nil, "RFC 3339: \(last)")
        }
        #expect(Set(participants.compactMap { $0["name"] as? String }) == Set(Self.hostile))
        let steps = try #require(root["steps"] as? [[String: Any]])
        #expect(
            Set(steps.first?.keys.map { $0 } ?? [])
                == [
                    "course", "path", "step", "optional", "reached", "completed", "waived",
                    "medianSeconds", "estimateSeconds", "p80Seconds", "offByPercent",
                ])
    }

    @Test func htmlEscapesEveryNameAndHasNoExternalAsset() throws {
        let html = ReportHTML.render(try report())
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("<i>late"))
        #expect(!Self.carriesUnsafe(html))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;cohort&gt;"))
        #expect(html.contains("<svg"))
        #expect(!html.contains("http://") || !html.contains("src="))
        #expect(!html.contains("<link"))
        #expect(!html.contains("<img"))
        #expect(html.contains("class=\"funnel\""), "the funnel")
        #expect(html.contains("<h1>Cohort report</h1>"))
    }

    @Test func tableGridsHoldRawDataAndTones() throws {
        let report = try report()
        let grid = ReportTable.participants(report)
        #expect(grid.rows.count == Self.hostile.count)
        #expect(grid.rows.allSatisfy { $0.count == grid.headers.count })
        #expect(grid.redundant.contains(1), "one cohort: the column can go")
        #expect(ReportTable.headline(report).contains("\(Self.hostile.count) attempt(s)"))
        #expect(ReportTable.waivers(report).contains { $0.contains("time-budget") })
    }

    @Test(arguments: [
        ("plain", "plain"), ("=1+1", "'=1+1"), ("+33 6", "'+33 6"), ("-x", "'-x"), ("@me", "'@me"),
        ("\tx", "'\tx"), ("\rx", "\u{FFFD}x"), ("a=b", "a=b"), ("", ""), (" =1+1", "' =1+1"),
        ("\u{A0}\u{2003}@SUM(A1)", "'\u{A0}\u{2003}@SUM(A1)"), ("\n-2", "'\n-2"), ("\u{FF1D}1+1", "'\u{FF1D}1+1"),
        ("  plain", "  plain"), ("\u{202E}evil", "\u{FFFD}evil"), ("a\u{2066}b\u{2069}", "a\u{FFFD}b\u{FFFD}"),
    ])
    func formulaNeutralising(input: String, expected: String) {
        #expect(ReportCSV.text(input) == expected)
    }

    @Test(arguments: [
        ("a", "a"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("a\nb", "\"a\nb\""),
        ("a;=b", "\"a;=b\""),
    ])
    func rfc4180Quoting(input: String, expected: String) {
        #expect(ReportCSV.field(input) == expected)
    }
}
