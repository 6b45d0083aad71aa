import Foundation

/// RFC 3339 times in UTC: the one writer and reader of the times parcours puts in files
/// and reads from options.
///
/// Two precisions, written without ICU and without `String(format:)`:
/// - `.milliseconds` (`2026-01-01T00:00:00.123Z`): the store's times, exactly (bundles, xAPI,
///   messages). The digits come from the integer milliseconds: `ISO8601DateFormatter` goes
///   through `Double` seconds and can print `.122` for a time stored as `.123`. The calendar
///   is the proleptic Gregorian one over all of `Int64`, as `gmtime` gives it (a year past
///   9999 takes more digits, one before year 0 a sign, as `%04d` writes them).
/// - `.seconds` (`2026-05-28T20:26:42Z`): the report's, the very text of
///   `ISO8601DateFormatter` with `.withInternetDateTime` (milliseconds since 1970 rounded to
///   the nearest, the time of day truncated to the second), checked against the formatter by
///   a test. A report prints two per participant, and the formatter cost about as much per
///   call as folding a whole log. Outside years 1600 to 9999 (ICU's calendar is Julian
///   before 1582) it hands over to the formatter.
///
/// ```swift
/// RFC3339.string(milliseconds: 1_767_225_600_123)  // "2026-01-01T00:00:00.123Z"
/// RFC3339.parse("2026-01-01T01:00:00.123+01:00")    // 1_767_225_600_123
/// ```
public enum RFC3339 {
    /// How finely a time is written.
    public enum Precision: Sendable {
        case seconds
        case milliseconds
    }

    /// `2026-01-01T00:00:00.123Z` for a time in milliseconds since 1970.
    public static func string(milliseconds: Int64) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(milliseconds: milliseconds, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `date` written to the given precision.
    public static func string(_ date: Date, precision: Precision) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(24)
        write(date, precision: precision, into: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `string(date, precision:)`'s bytes, appended to `bytes`.
    public static func write(_ date: Date, precision: Precision, into bytes: inout [UInt8]) {
        switch precision {
        case .milliseconds: write(milliseconds: milliseconds(date), into: &bytes)
        case .seconds: writeSeconds(date, into: &bytes)
        }
    }

    /// `string(milliseconds:)`'s bytes, appended to `bytes`.
    public static func write(milliseconds: Int64, into bytes: inout [UInt8]) {
        var days = milliseconds / 86_400_000
        var time = milliseconds % 86_400_000
        if time < 0 {
            days -= 1
            time += 86_400_000
        }
        let (year, month, day) = civil(Int(days))
        let seconds = Int(time / 1_000)
        writeDate(year: year, month: month, day: day, secondOfDay: seconds, into: &bytes)
        bytes.append(UInt8(ascii: "."))
        digits(Int(time % 1_000), 3, into: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    /// A time as the store keeps it: the nearest millisecond, held at the bounds of `Int64`
    /// (a date read from a damaged row must not stop an export).
    public static func milliseconds(_ date: Date) -> Int64 {
        let milliseconds = (date.timeIntervalSince1970 * 1_000).rounded()
        if let exact = Int64(exactly: milliseconds) { return exact }
        return date.timeIntervalSince1970 > 0 ? .max : .min
    }

    /// `ISO8601DateFormatter`'s text for `.withInternetDateTime`, by its own arithmetic.
    private static func writeSeconds(_ date: Date, into bytes: inout [UInt8]) {
        // What Foundation hands ICU: milliseconds since 1970, rounded to the nearest one.
        let milliseconds = ((date.timeIntervalSinceReferenceDate + 978_307_200) * 1_000 + 0.5).rounded(.down)
        let dayLength = 86_400_000.0
        let day = (milliseconds / dayLength).rounded(.down)
        // ICU's calendar is Julian before October 1582: from 1600 to 9999 only.
        guard day >= -135_140, day <= 2_932_896 else { return bytes.append(contentsOf: fallback(date).utf8) }
        let (year, month, dayOfMonth) = civil(Int(day))
        let secondOfDay = Int(milliseconds - day * dayLength) / 1_000
        writeDate(year: year, month: month, day: dayOfMonth, secondOfDay: secondOfDay, into: &bytes)
        bytes.append(UInt8(ascii: "Z"))
    }

    private static func fallback(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// `YYYY-MM-DDTHH:MM:SS`, the year as `%04d` writes it.
    private static func writeDate(year: Int, month: Int, day: Int, secondOfDay: Int, into bytes: inout [UInt8]) {
        if year < 0 {
            bytes.append(UInt8(ascii: "-"))
            digits(-year, 3, into: &bytes)
        } else {
            digits(year, 4, into: &bytes)
        }
        bytes.append(UInt8(ascii: "-"))
        digits(month, 2, into: &bytes)
        bytes.append(UInt8(ascii: "-"))
        digits(day, 2, into: &bytes)
        bytes.append(UInt8(ascii: "T"))
        digits(secondOfDay / 3_600, 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay / 60 % 60, 2, into: &bytes)
        bytes.append(UInt8(ascii: ":"))
        digits(secondOfDay % 60, 2, into: &bytes)
    }

    /// `value` (not negative) in decimal, with at least `count` digits.
    private static func digits(_ value: Int, _ count: Int, into bytes: inout [UInt8]) {
        var divisor = 1
        var width = 1
        while width < count || divisor <= value / 10 {
            divisor *= 10
            width += 1
        }
        while divisor > 0 {
            bytes.append(UInt8(ascii: "0") + UInt8(value / divisor % 10))
            divisor /= 10
        }
    }

    // MARK: Reading

    /// Milliseconds since 1970 for `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, `T` and `Z` in
    /// either case; digits past the millisecond are dropped. A day past its month's end or a
    /// 60th second rolls over into the next, as `timegm` does. Nil for anything else.
    public static func parse(_ text: String) -> Int64? {
        var text = text
        return text.withUTF8 { parse(utf8: $0) }
    }

    /// The time `parse` reads, as a `Date`.
    public static func date(_ text: String) -> Date? {
        parse(text).map { Date(timeIntervalSince1970: Double($0) / 1_000) }
    }

    private static func parse(utf8 chars: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= chars.count else { return nil }
            var value = 0
            for char in chars[index..<index + count] {
                guard char >= UInt8(ascii: "0"), char <= UInt8(ascii: "9") else { return nil }
                value = value * 10 + Int(char - UInt8(ascii: "0"))
            }
            index += count
            return value
        }
        func expect(_ allowed: UInt8, or other: UInt8? = nil) -> Bool {
            guard index < chars.count, chars[index] == allowed || chars[index] == other else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(UInt8(ascii: "-")), let month = number(2), expect(UInt8(ascii: "-")),
            let day = number(2), expect(UInt8(ascii: "T"), or: UInt8(ascii: "t")), let hour = number(2),
            expect(UInt8(ascii: ":")), let minute = number(2), expect(UInt8(ascii: ":")), let second = number(2),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var milliseconds = 0
        if expect(UInt8(ascii: ".")) {
            var digits = 0
            while index < chars.count, chars[index] >= UInt8(ascii: "0"), chars[index] <= UInt8(ascii: "9") {
                if digits < 3 { milliseconds = milliseconds * 10 + Int(chars[index] - UInt8(ascii: "0")) }
                digits += 1
                index += 1
            }
            guard digits > 0 else { return nil }
            for _ in digits..<max(digits, 3) { milliseconds *= 10 }
        }
        var offsetSeconds = 0
        if expect(UInt8(ascii: "Z"), or: UInt8(ascii: "z")) {
        } else if index < chars.count, chars[index] == UInt8(ascii: "+") || chars[index] == UInt8(ascii: "-") {
            let sign = chars[index] == UInt8(ascii: "-") ? -1 : 1
            index += 1
            guard let hours = number(2), expect(UInt8(ascii: ":")), let minutes = number(2), hours < 24, minutes < 60
            else { return nil }
            offsetSeconds = sign * (hours * 3_600 + minutes * 60)
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        let seconds = days(year: year, month: month, day: day) * 86_400 + hour * 3_600 + minute * 60 + second
        return Int64(seconds - offsetSeconds) * 1_000 + Int64(milliseconds)
    }

    // MARK: The calendar

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

    /// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Hinnant's
    /// `days_from_civil`); linear in `day`, so a day past the month's end rolls over.
    static func days(year: Int, month: Int, day: Int) -> Int {
        let year = month <= 2 ? year - 1 : year
        let era = (year >= 0 ? year : year - 399) / 400
        let yearOfEra = year - era * 400
        let dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}
