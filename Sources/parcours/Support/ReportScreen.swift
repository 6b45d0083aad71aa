import ParcoursReport
import ParcoursTerminal

/// Draws the report's grids for a terminal: fitted to the width, coloured only on a TTY.
///
/// Every cell goes through `TextTable`, which sanitises it, so a name holding `ESC [ 2 J`
/// is shown, not obeyed. Colour is applied to whole rendered lines, after measuring.
enum ReportScreen {
    static func render(_ report: CohortReport, width: Int, style: Style) -> String {
        var parts = wrap(Sanitizer.plain(ReportTable.headline(report)), width: width).map(style.bold)
        for notice in report.notices {
            parts.append(contentsOf: wrap(Sanitizer.plain(notice), width: width).map(style.warning))
        }
        parts.append("")
        parts.append(draw(ReportTable.participants(report), width: width, style: style))
        if !report.steps.isEmpty {
            parts.append("")
            parts.append(draw(ReportTable.funnel(report), width: width, style: style))
        }
        let details = ReportTable.details(report)
        if !details.isEmpty {
            parts.append("")
            parts.append(
                contentsOf: details.map { TextWidth.truncate(Sanitizer.plain($0), to: width) })
        }
        return parts.joined(separator: "\n") + "\n"
    }

    /// The grid as a table no wider than `width`, dropping the least useful columns first.
    static func draw(_ grid: ReportTable.Grid, width: Int, style: Style) -> String {
        var columns = Array(grid.headers.indices)
        var droppable = grid.droppable
        // Columns that repeat one value go before anything is shortened; then TextTable
        // shortens the widest cells, and only if that is not enough are columns dropped.
        if widest(table(grid, columns: columns, width: nil, style: style)) > width {
            columns.removeAll { grid.redundant.contains($0) }
        }
        var text = table(grid, columns: columns, width: width, style: style)
        while widest(text) > width, !droppable.isEmpty {
            let drop = droppable.removeFirst()
            columns.removeAll { $0 == drop }
            text = table(grid, columns: columns, width: width, style: style)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, style.isEnabled else { return text }
        lines[0] = style.bold(lines[0])
        for (index, tone) in grid.tones.enumerated() where index + 2 < lines.count {
            switch tone {
            case .plain: break
            case .good: lines[index + 2] = style.success(lines[index + 2])
            case .attention: lines[index + 2] = style.warning(lines[index + 2])
            case .muted: lines[index + 2] = style.dim(lines[index + 2])
            }
        }
        return lines.joined(separator: "\n")
    }

    static func table(_ grid: ReportTable.Grid, columns: [Int], width: Int?, style: Style) -> String {
        let right = Set(columns.enumerated().filter { grid.rightAligned.contains($0.element) }.map(\.offset))
        return TextTable.render(
            headers: columns.map { grid.headers[$0] },
            rows: grid.rows.map { row in columns.map { row[$0] } }, rightAligned: right,
            maxWidth: width, style: style)
    }

    /// Breaks a sentence at spaces so no line is wider than `width`.
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && TextWidth.of(line) + 1 + TextWidth.of(word) > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty { lines.append(line) }
        return lines.map { TextWidth.truncate($0, to: width) }
    }

    static func widest(_ text: String) -> Int {
        text.split(separator: "\n").map { TextWidth.of($0) }.max() ?? 0
    }
}
