import Foundation
import ParcoursCore
import ParcoursTestSupport
import Testing

/// The one RFC 3339 codec: the store's millisecond times exactly, the report's seconds as
/// `ISO8601DateFormatter` writes them, each checked against what it replaced.
@Suite("RFC 3339")
struct RFC3339Tests {
    /// What the store wrote and read before (`Timestamp`): `gmtime_r`, `String(format:)`, `timegm`.
    enum Legacy {
        static func format(milliseconds: Int64) -> String {
            var seconds = milliseconds / 1000
            var fraction = milliseconds % 1000
            if fraction < 0 {
                fraction += 1000
                seconds -= 1
            }
            var time = time_t(seconds)
            var parts = tm()
            gmtime_r(&time, &parts)
            return String(
                format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1,
                Int(parts.tm_mday), Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec), Int(fraction))
        }

        static func format(_ date: Date) -> String {
            let milliseconds = Int64(exactly: (date.timeIntervalSince1970 * 1000).rounded())
            return format(milliseconds: milliseconds ?? (date.timeIntervalSince1970 > 0 ? .max : .min))
        }

        /// `timegm` of the fields, as `Timestamp.parse` computed it.
        static func milliseconds(
            year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int, fraction: Int
        ) -> Int64 {
            var parts = tm()
            parts.tm_year = Int32(year - 1900)
            parts.tm_mon = Int32(month - 1)
            parts.tm_mday = Int32(day)
            parts.tm_hour = Int32(hour)
            parts.tm_min = Int32(minute)
            parts.tm_sec = Int32(second)
            return (Int64(timegm(&parts)) - Int64(offset)) * 1000 + Int64(fraction)
        }
    }

    @Test(arguments: [
        (Int64(1_767_225_600_123), "2026-01-01T00:00:00.123Z"),
        (Int64(0), "1970-01-01T00:00:00.000Z"),
        (Int64(-1), "1969-12-31T23:59:59.999Z"),
        (Int64(951_782_400_007), "2000-02-29T00:00:00.007Z"),
    ])
    func millisecondsRoundTrip(milliseconds: Int64, text: String) {
        #expect(RFC3339.string(milliseconds: milliseconds) == text)
        #expect(RFC3339.parse(text) == milliseconds)
    }

    /// Every `Int64`, the bounds and the calendar's edges included, is written as `gmtime`
    /// and `%04d` wrote it.
    @Test func millisecondsAreWrittenAsBefore() {
        var random = SeededGenerator(seed: 3_339)
        var values: [Int64] = [
            .min, .max, .min + 999, .max - 999, 0, -1, 1, 86_400_000, -86_400_000,
            -62_135_596_800_000, -62_135_596_800_001, -62_167_219_200_000, -62_167_219_200_001,
            253_402_300_799_999, 253_402_300_800_000, -11_676_096_000_000, 951_868_800_000, 4_107_542_400_000,
        ]
        for _ in 0..<20_000 { values.append(Int64(bitPattern: random.next())) }
        for _ in 0..<20_000 { values.append(Int64(bitPattern: random.next()) % 400_000_000_000_000) }
        for value in values {
            #expect(RFC3339.string(milliseconds: value) == Legacy.format(milliseconds: value), "\(value)")
        }
    }

    /// A `Date` is rounded to the nearest millisecond and held at the bounds, as the store does.
    @Test func datesAreRoundedAndHeldAtTheBounds() {
        for seconds in [
            0, 1_767_225_600.123_456_7, 1_767_225_600.000_5, -0.000_5, -1.5e-3, 1e300, -1e300, .infinity, -.infinity,
            .nan, 9.3e15, -9.3e15,
        ] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.string(date, precision: .milliseconds) == Legacy.format(date), "\(seconds)")
        }
    }

    /// Reading gives back what was written, over years 0 to 9999.
    @Test func readingGivesBackWhatWasWritten() {
        var random = SeededGenerator(seed: 9_562)
        for _ in 0..<20_000 {
            let value = Int64(random.below(315_537_897_600_000)) - 62_167_219_200_000
            #expect(RFC3339.parse(RFC3339.string(milliseconds: value)) == value, "\(value)")
        }
    }

    /// Any fields the grammar takes, days past the month's end and a 60th second included,
    /// give the time `timegm` gave.
    @Test func readingAgreesWithTimegm() {
        var random = SeededGenerator(seed: 4_122)
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        for _ in 0..<20_000 {
            let (year, month, day) = (random.below(10_000), 1 + random.below(12), 1 + random.below(31))
            let (hour, minute, second) = (random.below(24), random.below(60), random.below(61))
            let fraction = random.below(1_000)
            let offset = random.below(3) == 0 ? 0 : (random.below(2) == 0 ? 1 : -1) * random.below(24 * 60) * 60
            var text = String(repeating: "0", count: 4 - "\(year)".count) + "\(year)-\(two(month))-\(two(day))"
            text += "T\(two(hour)):\(two(minute)):\(two(second)).\(String(fraction + 1_000).dropFirst())"
            let zone = abs(offset) / 60
            text += offset == 0 ? "Z" : "\(offset < 0 ? "-" : "+")\(two(zone / 60)):\(two(zone % 60))"
            let expected = Legacy.milliseconds(
                year: year, month: month, day: day, hour: hour, minute: minute, second: second, offset: offset,
                fraction: fraction)
            #expect(RFC3339.parse(text) == expected, "\(text)")
        }
    }

    @Test(arguments: [
        ("2026-01-01T01:00:00.5+01:00", Int64(1_767_225_600_500)),
        ("2026-01-01T00:00:00Z", Int64(1_767_225_600_000)),
        ("2026-01-01t00:00:00.1239z", Int64(1_767_225_600_123)),
        ("2025-12-31T23:30:00.000-00:30", Int64(1_767_225_600_000)),
        ("2026-02-29T00:00:00Z", Int64(1_772_323_200_000)),
        ("2016-12-31T23:59:60Z", Int64(1_483_228_800_000)),
    ])
    func readingTakesOffsetsAndOtherPrecisions(text: String, milliseconds: Int64) {
        #expect(RFC3339.parse(text) == milliseconds)
    }

    @Test(arguments: [
        "", "2026-01-01", "2026-13-01T00:00:00Z", "2026-01-01T00:00:00", "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00Zjunk", "2026-01-01 00:00:00Z", " 2026-01-01T00:00:00Z", "2026-01-01T24:00:00Z",
        "2026-01-01T00:00:00+0100", "2026-01-01T00:00:00+01", "2026-00-01T00:00:00Z", "2026-01-32T00:00:00Z",
        "2026-01-01T00:60:00Z", "2026-01-01T00:00:61Z", "+2026-01-01T00:00:00Z", "2026-1-01T00:00:00Z",
    ])
    func anythingElseIsRefused(text: String) {
        #expect(RFC3339.parse(text) == nil)
        #expect(RFC3339.date(text) == nil)
    }

    /// `--now` reads the times the formatter read as the same instant.
    @Test func datesAreTheFormattersForWholeSeconds() {
        let formatter = ISO8601DateFormatter()
        var random = SeededGenerator(seed: 77)
        for _ in 0..<2_000 {
            let seconds = Double(random.below(253_402_300_800)) - 11_676_096_000
            let text = formatter.string(from: Date(timeIntervalSince1970: seconds))
            #expect(RFC3339.date(text) == formatter.date(from: text), "\(text)")
        }
    }

    /// To the second, the formatter's text, fractions and years before 1970 included, and
    /// its own text outside the years written here.
    @Test func secondsAreTheFormattersText() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        var state: UInt64 = 12_345
        for index in 0..<5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let milliseconds = Int64(bitPattern: state >> 1) % 8_000_000_000_000 - 2_000_000_000_000
            let fraction = index % 2 == 0 ? 0 : Double(state % 1_000) / 1_000_000
            let date = Date(timeIntervalSince1970: Double(milliseconds) / 1_000 + fraction)
            #expect(RFC3339.string(date, precision: .seconds) == formatter.string(from: date), "\(date)")
        }
        for seconds in [
            0.0, -0.001, -1, 0.9995, 951_782_400, 4_107_542_399.999, 4_107_542_399.9996, -62_135_596_800,
            -11_676_096_000, -11_676_096_000.001, 253_402_300_799.999, 253_402_300_800, -30_000_000_000, 1e12,
        ] {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(RFC3339.string(date, precision: .seconds) == formatter.string(from: date), "\(seconds)")
        }
    }

    @Test func writingAppendsTheSameBytes() {
        let date = Date(timeIntervalSince1970: 1_767_225_600.123)
        for precision in [RFC3339.Precision.seconds, .milliseconds] {
            var bytes = Array("at ".utf8)
            RFC3339.write(date, precision: precision, into: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == "at " + RFC3339.string(date, precision: precision))
        }
    }
}
