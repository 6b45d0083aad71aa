import Foundation
import ParcoursCore
import Testing

@testable import ParcoursTerminal

/// The recap's date, written with the real UI catalogs' words rather than ICU.
@Suite("Local dates")
struct LocalDateTests {
    /// The UI catalog of `language`, read from the repository's Locales/.
    private func words(_ language: String) throws -> Catalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let path = root.appendingPathComponent("Locales/\(language)/ui.yml").path
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let file = try #require(LocaleFileDecoder.decodeUICatalog(text, file: path).0)
        return Catalog(language: language, files: [file.entries], fallbackFiles: [])
    }

    @Test(arguments: [
        ("fr", LocalDate(year: 2026, month: 11, day: 27, hour: 11, minute: 40), "27 novembre 2026 à 11:40"),
        ("fr", LocalDate(year: 2027, month: 2, day: 1, hour: 9, minute: 5), "1er février 2027 à 09:05"),
        ("fr", LocalDate(year: 2027, month: 8, day: 15, hour: 0, minute: 0), "15 août 2027 à 00:00"),
        ("en", LocalDate(year: 2026, month: 11, day: 27, hour: 11, minute: 40), "27 November 2026 at 11:40"),
        ("en", LocalDate(year: 2027, month: 2, day: 1, hour: 21, minute: 5), "1 February 2027 at 21:05"),
    ])
    func theLongFormUsesTheCatalogsWords(language: String, date: LocalDate, expected: String) throws {
        #expect(date.long(in: try words(language)) == expected)
    }

    @Test func aDateIsBrokenDownInTheProcesssTimeZone() {
        // Whatever TZ the tests run in, the C library and Foundation's calendar agree.
        for seconds in [0.0, 1_795_777_200.5, 1_800_000_000, 2_000_000_000] {
            let date = Date(timeIntervalSince1970: seconds)
            let parts = Calendar.current.dateComponents([.year, .month, .day, .hour, .minute], from: date)
            #expect(
                LocalDate(date)
                    == LocalDate(
                        year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: parts.hour ?? 0,
                        minute: parts.minute ?? 0))
        }
    }

    @Test func aCatalogWithoutMonthNamesFallsBackToNumbers() {
        let words = Catalog(
            language: "xx", entries: ["date.long": .text("{day}/{month}/{year} {time}")])
        #expect(LocalDate(year: 2026, month: 3, day: 1, hour: 7, minute: 30).long(in: words) == "1/3/2026 07:30")
    }
}
