/// A one-line progress bar for long work: `[████░░░░] 42%`.
///
/// The percentage is rounded down, so the bar never claims `100%` before the work is
/// done; any fraction outside 0…1 (or not a number) is clamped rather than trusted.
public enum ProgressBar {
    /// The bar with `cells` cells (at least 1) and the percentage after it.
    public static func render(fraction: Double, cells: Int = 20, style: Style = .plain) -> String {
        let clamped = fraction.isFinite ? min(max(fraction, 0), 1) : 0
        let count = max(1, cells)
        let filled = Int((clamped * Double(count)).rounded(.down))
        let percent = Int((clamped * 100).rounded(.down))
        guard style.drawsGlyphs else { return "\(percent)%" }
        let bar =
            style.accent(String(repeating: "█", count: filled))
            + style.dim(String(repeating: "░", count: count - filled))
        return "[\(bar)] \(percent)%"
    }

    /// The bar sized so the whole line fits in `width` columns.
    public static func render(fraction: Double, width: Int, style: Style = .plain) -> String {
        render(fraction: fraction, cells: min(max(width - 7, 1), 40), style: style)
    }
}
