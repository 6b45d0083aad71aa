/// A plain text table with aligned columns, measured in terminal columns.
public enum TextTable {
    /// The table; `style` without glyphs (plain mode) leaves out the rule under the headers.
    /// To fit `maxWidth`, the widest column is shortened, down to 8 columns, one at a time;
    /// the columns in `keepWhole` (an id, a figure) never are.
    public static func render(
        headers: [String], rows: [[String]], rightAligned: Set<Int> = [], maxWidth: Int? = nil, style: Style = .plain,
        keepWhole: Set<Int> = []
    ) -> String {
        let cleanRows = rows.map { $0.map(Sanitizer.plain) }
        var widths = headers.map(TextWidth.of)
        for row in cleanRows {
            for (column, cell) in row.enumerated() where column < widths.count {
                widths[column] = max(widths[column], TextWidth.of(cell))
            }
        }
        if let maxWidth {
            // Shrink the widest column until the table fits.
            let total = { widths.reduce(0, +) + 2 * (widths.count - 1) }
            while total() > maxWidth,
                let widest = widths.indices.filter({ !keepWhole.contains($0) }).max(by: { widths[$0] < widths[$1] }),
                widths[widest] > 8
            {
                widths[widest] -= 1
            }
        }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { column, cell in
                let fitted = TextWidth.truncate(cell, to: widths[column])
                return TextWidth.pad(fitted, to: widths[column], right: rightAligned.contains(column))
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(headers)] + (style.drawsGlyphs ? [rule] : []) + cleanRows.map(line)).joined(separator: "\n")
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
