import ParcoursReport
import ParcoursTerminal

/// Draws the report's grids for a terminal: fitted to the width, coloured only on a TTY.
///
/// By default a glance: the participants, where people stop, and the self-assessment per
/// dimension; the step funnel of each path with `steps`. Given a `height` (a watch on a
/// terminal), the view is cut to fit it, the participants who need a word kept first.
/// Every cell goes through `TextTable`, which sanitises it, so a name holding `ESC [ 2 J`
/// is shown, not obeyed. Colour is applied to whole rendered lines, after measuring.
enum ReportScreen {
    /// What the view holds; `fit` takes away from it until it fits a height.
    struct Layout {
        var steps = false
        var stops = 5
        var assessments = true
        /// How many participants to show (nil: all).
        var participants: Int?
        /// At most this many lines of notices (nil: all).
        var notices: Int?
    }

    static func render(
        _ report: CohortReport, titles: ReportTitles = ReportTitles(), width: Int, height: Int? = nil,
        steps: Bool = false, style: Style
    ) -> String {
        let full = Layout(steps: steps)
        guard let height else { return compose(report, titles: titles, layout: full, width: width, style: style) }
        return fit(report, titles: titles, layout: full, lines: max(height - 1, 1), width: width, style: style)
    }

    /// The view in at most `lines` lines: fewer stops, no self-assessment, fewer participants
    /// (those who need a word kept first), in that order; the step funnels (`--steps`) are cut
    /// at the end.
    static func fit(
        _ report: CohortReport, titles: ReportTitles, layout: Layout, lines: Int, width: Int, style: Style
    ) -> String {
        var glance = layout
        glance.steps = false
        glance.notices = 3
        let shrink: [(inout Layout) -> Void] = [
            { $0.stops = min($0.stops, 3) }, { $0.assessments = false }, { $0.stops = min($0.stops, 1) },
        ]
        var text = compose(report, titles: titles, layout: glance, width: width, style: style)
        for step in shrink where count(text) > lines {
            step(&glance)
            text = compose(report, titles: titles, layout: glance, width: width, style: style)
        }
        if count(text) > lines {
            // Without any participant row, then with as many as the lines left allow.
            glance.participants = 0
            let bare = count(compose(report, titles: titles, layout: glance, width: width, style: style))
            glance.participants = max(lines - bare, 1)
            text = compose(report, titles: titles, layout: glance, width: width, style: style)
        }
        if layout.steps {
            glance.steps = true
            text = compose(report, titles: titles, layout: glance, width: width, style: style)
        }
        var all = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if all.last == "" { all.removeLast() }
        guard all.count > lines else { return text }
        return (all.prefix(lines - 1) + [style.dim("… more below: a taller terminal shows it")])
            .joined(separator: "\n") + "\n"
    }

    static func compose(
        _ report: CohortReport, titles: ReportTitles, layout: Layout, width: Int, style: Style
    ) -> String {
        var parts = wrap(Sanitizer.plain(ReportTable.headline(report)), width: width).map(style.bold)
        var notices = report.notices.flatMap { wrap(Sanitizer.plain($0), width: width) }
        if let most = layout.notices, notices.count > most {
            let hidden = report.notices.count
            notices =
                Array(notices.prefix(most - 1)) + ["\(hidden) notice(s): run the report without --watch to read them"]
        }
        parts.append(contentsOf: notices.map(style.warning))
        parts.append("")
        parts.append(style.bold(Sanitizer.plain(ReportTable.participantsTitle(report, titles: titles))))
        parts.append(
            contentsOf: participants(report, titles: titles, limit: layout.participants, width: width, style: style))
        let stops = ReportTable.stops(report, titles: titles, limit: layout.stops)
        if layout.stops > 0 {
            parts.append("")
            parts.append(style.bold("Where people stop"))
            parts.append(
                stops.rows.isEmpty
                    ? (report.participants.isEmpty
                        ? "No attempt yet." : "Nobody is on a step: every attempt is finished.")
                    : draw(stops, width: width, style: style))
        }
        let assessments = ReportTable.assessments(report, titles: titles)
        if layout.assessments, !assessments.rows.isEmpty {
            parts.append("")
            parts.append(style.bold("Self-assessment, mean per dimension"))
            parts.append(draw(assessments, width: width, style: style))
        }
        if layout.steps {
            for (title, grid) in ReportTable.funnels(report, titles: titles) {
                parts.append("")
                parts.append(contentsOf: wrap(Sanitizer.plain(title), width: width).map(style.bold))
                parts.append(draw(grid, width: width, style: style))
            }
            let waivers = ReportTable.waivers(report, titles: titles)
            if !waivers.isEmpty {
                parts.append("")
                parts.append(style.bold("Waived steps"))
                parts.append(contentsOf: waivers.map { TextWidth.truncate(Sanitizer.plain($0), to: width) })
            }
        }
        return parts.joined(separator: "\n") + "\n"
    }

    /// The participants' table, or the `limit` rows that most need a word (behind or stalled,
    /// then under way, not started, finished) in the report's order, and a line for the others.
    static func participants(
        _ report: CohortReport, titles: ReportTitles, limit: Int?, width: Int, style: Style
    ) -> [String] {
        var grid = ReportTable.participants(report, titles: titles)
        guard let limit, limit < grid.rows.count else { return [draw(grid, width: width, style: style)] }
        func rank(_ tone: ReportTable.Tone) -> Int {
            switch tone {
            case .attention: 0
            case .plain: 1
            case .muted: 2
            case .good: 3
            }
        }
        let kept = Set(
            grid.rows.indices.sorted { (rank(grid.tones[$0]), $0) < (rank(grid.tones[$1]), $1) }.prefix(limit))
        let shown = grid.rows.indices.filter(kept.contains)
        let hidden = grid.rows.indices.filter { !kept.contains($0) }
        let all = grid
        grid.rows = shown.map { all.rows[$0] }
        grid.tones = shown.map { all.tones[$0] }
        var states: [String: Int] = [:]
        var order: [String] = []
        for index in hidden {
            let state = all.rows[index][4]
            if states[state] == nil { order.append(state) }
            states[state, default: 0] += 1
        }
        let summary =
            "… \(hidden.count) more: " + order.map { "\(states[$0] ?? 0) \($0)" }.joined(separator: ", ")
        return [draw(grid, width: width, style: style), style.dim(TextWidth.truncate(summary, to: width))]
    }

    /// The grid as a table no wider than `width`, dropping the least useful columns first.
    static func draw(_ grid: ReportTable.Grid, width: Int, style: Style) -> String {
        var columns = Array(grid.headers.indices)
        var droppable = grid.droppable
        // Columns that repeat one value go before anything is shortened.
        if widest(table(grid, columns: columns, width: nil, style: style)) > width {
            columns.removeAll { grid.redundant.contains($0) }
        }
        // Then, for a grid that says how narrow a column may comfortably get, droppable
        // columns go before one gets narrower than that.
        if let comfortable = grid.comfortableWidth {
            while !droppable.isEmpty, narrowest(grid, columns: columns, comfortable: comfortable) > width {
                let drop = droppable.removeFirst()
                columns.removeAll { $0 == drop }
            }
        }
        // TextTable shortens the widest cells, and only if that is not enough are columns dropped.
        var text = table(grid, columns: columns, width: width, style: style)
        while widest(text) > width, !droppable.isEmpty {
            let drop = droppable.removeFirst()
            columns.removeAll { $0 == drop }
            text = table(grid, columns: columns, width: width, style: style)
        }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.count >= 2, style.isEnabled else { return text }
        lines[0] = style.bold(lines[0])
        let first = style.drawsGlyphs ? 2 : 1
        for (index, tone) in grid.tones.enumerated() where index + first < lines.count {
            switch tone {
            case .plain: break
            case .good: lines[index + first] = style.success(lines[index + first])
            case .attention: lines[index + first] = style.warning(lines[index + first])
            case .muted: lines[index + first] = style.dim(lines[index + first])
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The width of the table with each shortenable column at most `comfortable` wide.
    static func narrowest(_ grid: ReportTable.Grid, columns: [Int], comfortable: Int) -> Int {
        let widths = columns.map { column in
            let natural =
                ([grid.headers[column]] + grid.rows.map { $0[column] })
                .map { TextWidth.of(Sanitizer.plain($0)) }.max() ?? 0
            return grid.keepWhole.contains(column) ? natural : min(natural, comfortable)
        }
        return widths.reduce(0, +) + 2 * max(widths.count - 1, 0)
    }

    static func table(_ grid: ReportTable.Grid, columns: [Int], width: Int?, style: Style) -> String {
        let positions = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($0.element, $0.offset) })
        return TextTable.render(
            headers: columns.map { grid.headers[$0] },
            rows: grid.rows.map { row in columns.map { row[$0] } },
            rightAligned: Set(grid.rightAligned.compactMap { positions[$0] }), maxWidth: width, style: style,
            keepWhole: Set(grid.keepWhole.compactMap { positions[$0] }))
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

    static func count(_ text: String) -> Int {
        text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
    }
}
