import Foundation

extension Pacing {
    /// The time a person typed, in minutes: "2h", "2 h", "90min", "1h30", "45", "PT2H".
    /// Nil for anything else, and for no time at all.
    public static func minutes(typed text: String) -> Int? {
        let cleaned = text.lowercased().replacingOccurrences(of: " ", with: "")
        if let seconds = ISODuration.seconds(cleaned.uppercased()) { return seconds / 60 }
        if let plain = Int(cleaned) { return plain }
        var hours = 0
        var minutes = 0
        var number = ""
        var sawUnit = false
        for character in cleaned {
            if character.isNumber {
                number.append(character)
            } else if character == "h" {
                hours = Int(number) ?? 0
                number = ""
                sawUnit = true
            } else if "min".contains(character) {
                if !number.isEmpty { minutes = Int(number) ?? 0 }
                number = ""
                sawUnit = true
            } else {
                return nil
            }
        }
        if !number.isEmpty { minutes = Int(number) ?? 0 }
        let total = hours * 60 + minutes
        return sawUnit && total > 0 ? total : nil
    }
}
