/// Formats time left as `m:ss`, the way a kitchen timer shows it.
///
/// Minutes are not folded into hours (`75:00`): a countdown is read at a glance, and one
/// number that shrinks is easier to follow than two. Time over the budget shows with a
/// leading minus (`-1:05`), which the caller may style as a gentle warning.
public enum Countdown {
    /// `m:ss` for a whole number of seconds.
    public static func format(seconds: Int) -> String {
        let sign = seconds < 0 ? "-" : ""
        let total = seconds.magnitude
        let minutes = total / 60
        let rest = total % 60
        return "\(sign)\(minutes):\(rest < 10 ? "0" : "")\(rest)"
    }

    /// `m:ss` for a duration, rounded down to the second (so `0:00` means really done).
    public static func format(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        // Round towards zero: -0.5 s still shows as 0:00 rather than -1:00.
        let whole = seconds < 0 && attoseconds > 0 ? seconds + 1 : seconds
        return format(seconds: Int(clamping: whole))
    }
}
