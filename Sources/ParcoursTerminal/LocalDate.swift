import Foundation
import ParcoursCore

/// A moment as the learner's clock shows it, written in the words of the UI catalog.
///
/// The resume recap says when the last sitting was ("27 novembre 2026 à 11:40"). The month
/// names and the order of the parts come from the catalog (`date.months`, `date.long`,
/// `date.day.first`), so a new language needs no code; the local time comes from the C
/// library (`localtime_r`, which follows `TZ`). Foundation's `DateFormatter` would load ICU
/// and its data before the first prompt for this one line.
public struct LocalDate: Equatable, Sendable {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int

    public init(year: Int, month: Int, day: Int, hour: Int, minute: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
    }

    /// `date` in the process's time zone.
    public init(_ date: Date) {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        localtime_r(&seconds, &parts)
        self.init(
            year: Int(parts.tm_year) + 1900, month: Int(parts.tm_mon) + 1, day: Int(parts.tm_mday),
            hour: Int(parts.tm_hour), minute: Int(parts.tm_min))
    }

    /// The long form: day, month name, year and 24-hour time, as `date.long` orders them.
    public func long(in words: Catalog) -> String {
        let months = words.text("date.months").split(separator: " ")
        let monthName = months.count == 12 ? String(months[month - 1]) : String(month)
        let dayText = day == 1 && words.has("date.day.first") ? words.text("date.day.first") : String(day)
        return words.text(
            "date.long",
            [
                "day": dayText, "month": monthName, "year": String(year),
                "time": Self.twoDigits(hour) + ":" + Self.twoDigits(minute),
            ])
    }

    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0" + String(value) : String(value)
    }
}
