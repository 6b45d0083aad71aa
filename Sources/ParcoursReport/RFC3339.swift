import Foundation

/// RFC 3339 times in UTC, to the second (`2026-05-28T20:26:42Z`), written without ICU.
///
/// A report prints two times per participant; `ISO8601DateFormatter` (through ICU) cost
/// about as much per call as folding a whole log. This gives the formatter's text for
/// `.withInternetDateTime`: the same arithmetic (milliseconds since 1970, rounded to the
/// nearest, days by floor division, the time of day truncated to the second), checked
/// against the formatter by a test. Outside years 1600 to 9999 (ICU's calendar is Julian
/// before 1582) it hands over to the formatter.
enum RFC3339 {
    static func string(_ date: Date) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(20)
        write(date, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `string(date)`'s bytes, appended to `bytes` (a report writes two per participant).
    static func write(_ date: Date, into bytes: inout [UInt8]) {
        // What Foundation hands ICU: milliseconds since 1970, rounded to the nearest one.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1_000 + 0.5).rounded(.down)
        let dayLength = 86_400_000.0
        let day = (milliseconds / dayLength).rounded(.down)
        // ICU's calendar is Julian before October 1582: from 1600 to 9999 only.
        guard day >= -135_140, day <= 2_932_896 else { return bytes.append(contentsOf: fallback(date).utf8) }
        let days = Int(day)
        let secondOfDay = Int(milliseconds - day * dayLength) / 1_000
        let (year, month, dayOfMonth) = civil(days)
        func digits(_ value: Int, _ count: Int) {
            var divisor = 1
            for _ in 1..<count { divisor *= 10 }
            while divisor > 0 {
                bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
                divisor /= 10
            }
        }
        digits(year, 4)
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2)
        bytes.append(UInt8(ascii: "-"))
        digits(dayOfMonth, 2)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// Year, month and day of a count of days since 1970-01-01 in the proleptic Gregorian
    /// calendar (Howard Hinnant's `civil_from_days`).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func fallback(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
