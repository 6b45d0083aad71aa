import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursReport

/// Seeded hostile strings through the report's cell renderers: CSV, HTML, JSON.
@Suite struct HostileReportStringTests {
    static let strings = HostileStrings.make(count: 2_000, seed: 20_261_204)

    @Test func csvCellsAreInertAndReadBack() {
        for text in Self.strings {
            let cell = ReportCSV.text(text)
            #expect(!HostileStrings.carriesUnsafe(cell), "\(text.debugDescription)")
            let lead = cell.unicodeScalars.first { !$0.properties.isWhitespace }
            if let lead, ReportCSV.formulaStarts.contains(lead) || cell.first == "\t" || cell.first == "\n" {
                Issue.record("a formula start left in \(cell.debugDescription)")
            }
            let line = ReportCSV.field(cell) + ",x"
            let parsed = CSVParser.parse(line + "\r\n")
            #expect(parsed?.first == [cell, "x"], "\(text.debugDescription)")
        }
    }

    @Test func htmlAndJSONCarryNoControl() {
        for text in Self.strings {
            #expect(!HostileStrings.carriesUnsafe(ReportHTML.visible(text)), "\(text.debugDescription)")
            var writer = JSONWriter(pretty: false)
            writer.string(text)
            let json = String(decoding: writer.bytes, as: UTF8.self)
            #expect(!HostileStrings.carriesUnsafe(json, allowing: []), "\(text.debugDescription)")
            let back = try? JSONDecoder().decode(String.self, from: Data(json.utf8))
            #expect(back == text, "\(text.debugDescription)")
        }
    }
}
