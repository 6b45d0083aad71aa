/// Durations as people read them on screen: `h:mm`.
public enum ClockFormat {
    /// 125 minutes → `2:05`; negative values are shown as 0:00.
    public static func hoursMinutes(minutes: Int) -> String {
        let clamped = max(0, minutes)
        let rest = clamped % 60
        return "\(clamped / 60):\(rest < 10 ? "0" : "")\(rest)"
    }

    public static func hoursMinutes(seconds: Int) -> String {
        hoursMinutes(minutes: max(0, seconds) / 60)
    }
}
