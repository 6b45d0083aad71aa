/// Horizontal bar charts of scores per dimension, drawn to fit a width.
///
/// Used for self-assessments: one bar per dimension (`Clarté  ███████░░░  3.5/5`), or two
/// bars side by side to show a change (`avant ███░░ 2.0 → après ████░ 4.0`). Words such as
/// "avant"/"après" come from the locale catalog, so the caller passes them in; this type
/// holds no language. Narrow screens get the two bars on two lines instead of one.
public struct BarChart: Sendable {
    /// One dimension with a single value.
    public struct Row: Sendable, Equatable {
        public var label: String
        public var value: Double?
        public init(label: String, value: Double?) {
            self.label = label
            self.value = value
        }
    }

    /// One dimension measured twice.
    public struct Comparison: Sendable, Equatable {
        public var label: String
        public var before: Double?
        public var after: Double?
        public init(label: String, before: Double?, after: Double?) {
            self.label = label
            self.before = before
            self.after = after
        }
    }

    /// The value a full bar stands for (the top of the scale, e.g. 5).
    public let maximum: Double
    public let width: Int
    public let style: Style
    /// `"."` or `","`: the locale's decimal separator.
    public let decimalSeparator: String

    /// Longest bar drawn, however wide the screen: a calm chart, not a wall of blocks.
    static let longestBar = 30
    static let shortestBar = 5

    public init(maximum: Double, width: Int, style: Style, decimalSeparator: String = ".") {
        self.maximum = maximum
        self.width = width
        self.style = style
        self.decimalSeparator = decimalSeparator
    }

    /// `label  bar  value/maximum`, one line per row.
    public func render(_ rows: [Row]) -> String {
        let labelWidth = labelColumn(rows.map(\.label))
        let valueWidth = rows.map { TextWidth.of(scored($0.value)) }.max() ?? 0
        let barWidth = clampBar(width - labelWidth - valueWidth - 4)
        return rows.map { row in
            let label = TextWidth.pad(TextWidth.truncate(Sanitizer.plain(row.label), to: labelWidth), to: labelWidth)
            return "\(label)  \(bar(row.value, width: barWidth, highlighted: true))  \(scored(row.value))"
        }.joined(separator: "\n")
    }

    /// Two bars per dimension: `label  before ███░░ 2.0 → after ████░ 4.0`.
    ///
    /// `beforeLabel` and `afterLabel` are the caller's localised words.
    public func render(_ rows: [Comparison], beforeLabel: String, afterLabel: String) -> String {
        let before = Sanitizer.plain(beforeLabel)
        let after = Sanitizer.plain(afterLabel)
        let valueWidth = rows.flatMap { [TextWidth.of(number($0.before)), TextWidth.of(number($0.after))] }.max() ?? 0
        let tagWidth = max(TextWidth.of(before), TextWidth.of(after))
        let labelWidth = labelColumn(rows.map(\.label))
        // label  before BAR value → after BAR value
        let fixed = labelWidth + 2 + 2 * (tagWidth + 1 + 1 + valueWidth) + 3
        let sideBySide = (width - fixed) / 2 >= Self.shortestBar
        let barWidth = clampBar(sideBySide ? (width - fixed) / 2 : width - 4 - tagWidth - 2 - valueWidth)
        func half(_ tag: String, _ value: Double?, highlighted: Bool) -> String {
            let shown = TextWidth.pad(number(value), to: valueWidth, right: true)
            return
                "\(TextWidth.pad(tag, to: tagWidth)) \(bar(value, width: barWidth, highlighted: highlighted)) \(shown)"
        }
        return rows.map { row in
            let label = Sanitizer.plain(row.label)
            let first = half(before, row.before, highlighted: false)
            let second = half(after, row.after, highlighted: true)
            if sideBySide {
                let padded = TextWidth.pad(TextWidth.truncate(label, to: labelWidth), to: labelWidth)
                return "\(padded)  \(first) → \(second)"
            }
            return [TextWidth.truncate(label, to: width), "  " + first, "  " + second].joined(separator: "\n")
        }.joined(separator: "\n")
    }

    /// A bar of `█` for the value and `░` for the rest; empty when there is no value.
    func bar(_ value: Double?, width: Int, highlighted: Bool) -> String {
        let filled = filledCells(value, width: width)
        let full = String(repeating: "█", count: filled)
        let empty = String(repeating: "░", count: width - filled)
        return (highlighted ? style.accent(full) : full) + style.dim(empty)
    }

    func filledCells(_ value: Double?, width: Int) -> Int {
        guard let value, value.isFinite, maximum > 0 else { return 0 }
        let ratio = min(max(value / maximum, 0), 1)
        return Int((ratio * Double(width)).rounded())
    }

    /// `3.5/5`, or `–/5` when there is no value.
    func scored(_ value: Double?) -> String {
        "\(number(value))/\(maximumText)"
    }

    /// The top of the scale: `5`, or `7.5` when it is not whole.
    var maximumText: String { format(maximum, decimals: maximum.rounded() == maximum ? 0 : 1) }

    /// One decimal (`2.0`), or `–` for a missing value.
    func number(_ value: Double?) -> String {
        guard let value, value.isFinite else { return "–" }
        return format(value, decimals: 1)
    }

    private func format(_ value: Double, decimals: Int) -> String {
        let scale = decimals == 0 ? 1.0 : 10.0
        let scaled = Int((abs(value) * scale).rounded())
        let sign = value < 0 && scaled > 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(scaled) }
        return "\(sign)\(scaled / 10)\(decimalSeparator)\(scaled % 10)"
    }

    private func labelColumn(_ labels: [String]) -> Int {
        let longest = labels.map { TextWidth.of(Sanitizer.plain($0)) }.max() ?? 0
        return min(longest, max(8, width / 3))
    }

    private func clampBar(_ proposed: Int) -> Int {
        min(max(proposed, Self.shortestBar), Self.longestBar)
    }
}
