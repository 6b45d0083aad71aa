/// ISO 8601 durations as course files write budgets (`PT2H`, `PT1H30M`, `P1DT2H`).
///
/// Only days, hours, minutes and seconds are accepted: a course budget in months or years
/// would have no fixed length.
public enum ISODuration {
    /// The duration in seconds, or nil when `text` is not a day-time ISO 8601 duration.
    public static func seconds(_ text: String) -> Int? {
        var rest = Substring(text)
        guard rest.first == "P" else { return nil }
        rest = rest.dropFirst()
        var total = 0
        var inTime = false
        var sawValue = false
        var number = ""
        for character in rest {
            if character == "T" {
                guard !inTime, number.isEmpty else { return nil }
                inTime = true
                continue
            }
            if character.isASCII, character.isNumber {
                number.append(character)
                continue
            }
            guard let value = Int(number) else { return nil }
            number = ""
            sawValue = true
            switch (character, inTime) {
            case ("D", false): total += value * 86_400
            case ("H", true): total += value * 3_600
            case ("M", true): total += value * 60
            case ("S", true): total += value
            default: return nil
            }
        }
        guard number.isEmpty, sawValue else { return nil }
        return total
    }

    /// Formats seconds as an ISO 8601 duration: 7200 → `PT2H`, 5400 → `PT1H30M`.
    public static func format(seconds: Int) -> String {
        guard seconds > 0 else { return "PT0S" }
        var text = "PT"
        let hours = seconds / 3_600
        let minutes = seconds % 3_600 / 60
        let rest = seconds % 60
        if hours > 0 { text += "\(hours)H" }
        if minutes > 0 { text += "\(minutes)M" }
        if rest > 0 { text += "\(rest)S" }
        return text
    }
}
