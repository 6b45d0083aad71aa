import Foundation
import ParcoursCore
import Plot

/// The participants' table of the HTML report, sortable by any column without a script.
///
/// Each row carries its rank in every column's order (`--k0`, `--k1`… in its `style`, all
/// computed here as numbers). A pair of radio buttons per column (ascending, descending)
/// sits before the table; the header's labels check them, and a CSS rule per button gives
/// the rows that column's rank as their `order` in the table's grid. The table keeps its
/// roles (`role="row"`…), which a grid layout would otherwise hide from screen readers.
extension ReportHTML {
    struct Column {
        var header: String
        var isNumeric = false
        /// Whether the participant at `lhs` comes before the one at `rhs` (their places in the
        /// report) in this column's ascending order; keys that cost anything are drawn once.
        var before: (Int, Int) -> Bool
        var cell: (ParticipantSummary) -> [BodyNode]
    }

    static func participantColumns(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> [Column] {
        let position = Dictionary(
            report.steps.enumerated().map {
                ("\($0.element.courseID)/\($0.element.pathID)/\($0.element.step)", $0.offset)
            },
            uniquingKeysWith: { first, _ in first })
        func stepRank(_ p: ParticipantSummary) -> Int {
            guard let step = p.currentStep else { return p.status == .finished ? Int.max - 1 : Int.max }
            return position["\(p.courseID)/\(p.pathID)/\(step)"] ?? Int.max - 2
        }
        let severity: [String: Int] = [
            "stalled": 0, "behind": 1, "on track": 2, "ahead": 3, "in progress": 4, "not started": 5, "finished": 6,
        ]
        let people = report.participants
        let names = people.map { folded($0.name) }
        let states = people.map { severity[ReportTable.state($0)] ?? 9 }
        let steps = people.map(stepRank)
        var columns = [
            Column(header: "Name", before: { names[$0] < names[$1] }, cell: { [text($0.name)] })
        ]
        columns += [
            Column(
                header: "State",
                before: { states[$0] < states[$1] },
                cell: { p in
                    [element("span", [("class", "state")], [ReportSVG.swatch(tone(p)), text(ReportTable.state(p))])]
                }
            ),
            Column(
                header: "Progress",
                before: {
                    (people[$0].percent, people[$0].completedRequired) < (
                        people[$1].percent, people[$1].completedRequired
                    )
                },
                cell: { p in
                    [
                        ReportSVG.bar(
                            [
                                .init(
                                    start: 0, length: Double(p.percent),
                                    tone: p.status == .finished ? "c-done" : "c-way")
                            ],
                            height: 10, label: "\(p.percent)%"),
                        text("\(p.completedRequired)/\(p.required) · \(p.percent)%"),
                    ]
                }),
            Column(
                header: "Step", before: { steps[$0] < steps[$1] },
                cell: { p in
                    [
                        p.currentStep.map {
                            title(titles.step($0, course: p.courseID), course: p.courseID, titles: titles)
                        } ?? text("—")
                    ]
                }),
            Column(
                header: "Path",
                before: { (people[$0].pathID, people[$0].attempt) < (people[$1].pathID, people[$1].attempt) },
                cell: { p in
                    guard !p.pathID.isEmpty else { return [text("—")] }
                    return [
                        title(titles.path(p.pathID, course: p.courseID), course: p.courseID, titles: titles),
                        element("small", [], [text("\(p.pathID) · attempt \(p.attempt)")]),
                    ]
                }),
        ]
        if Set(report.participants.map { $0.cohort ?? "" }).count > 1 {
            columns.append(
                Column(
                    header: "Cohort", before: { (people[$0].cohort ?? "") < (people[$1].cohort ?? "") },
                    cell: { [text($0.cohort ?? "—")] }))
        }
        columns += [
            Column(
                header: "Time", isNumeric: true, before: { people[$0].activeSeconds < people[$1].activeSeconds },
                cell: { p in
                    [
                        text(
                            ClockFormat.hoursMinutes(seconds: p.activeSeconds) + " / "
                                + ClockFormat.hoursMinutes(seconds: p.budgetSeconds))
                    ]
                }),
            Column(
                header: "Last activity", isNumeric: true,
                before: {
                    (people[$0].lastActivity ?? .distantPast) < (people[$1].lastActivity ?? .distantPast)
                },
                cell: { p in
                    [text(p.lastActivity.map { ReportTable.ago($0, now: report.generatedAt) + " ago" } ?? "—")]
                }),
        ]
        return columns
    }

    static func participants(_ report: CohortReport, titles: ReportTitles) -> BodyNode {
        let columns = participantColumns(report, titles: titles)
        let people = report.participants
        let ranks = sortRanks(count: people.count, columns: columns)
        let sorters: [BodyNode] = columns.indices.flatMap { column in
            ["a", "d"].map { direction in
                voidElement(
                    "input",
                    [
                        ("type", "radio"), ("name", "sort"), ("id", "sort-\(column)-\(direction)"), ("class", "sorter"),
                        (
                            "aria-label",
                            "Sort by \(columns[column].header), \(direction == "a" ? "ascending" : "descending")"
                        ),
                    ] + (column == 0 && direction == "a" ? [("checked", "checked")] : []))
            }
        }
        let header = element(
            "tr", [("role", "row")],
            columns.enumerated().map { index, column in
                element(
                    "th", [("role", "columnheader")] + (column.isNumeric ? [("class", "num")] : []),
                    [
                        element("label", [("for", "sort-\(index)-a"), ("class", "a")], [text(column.header)]),
                        element("label", [("for", "sort-\(index)-d"), ("class", "d")], [text(column.header)]),
                    ])
            })
        let rows = people.indices.map { index in
            let p = people[index]
            let keys = ranks[index].enumerated().map { "--k\($0.offset):\($0.element)" }.joined(separator: ";")
            return element(
                "tr", [("role", "row"), ("class", toneClass(ReportTable.tone(p))), ("style", keys)],
                columns.map { column in
                    element("td", [("role", "cell")] + (column.isNumeric ? [("class", "num")] : []), column.cell(p))
                })
        }
        return element(
            "section", [("id", "participants")],
            [
                element("h2", [], [text("Participants")]),
                element(
                    "p", [("class", "muted")],
                    [text("One row per attempt. Click a column's name to sort by it; click again to reverse.")]),
                stateLegend,
            ] + sorters + [
                element(
                    "div", [("class", "scroll")],
                    [
                        element(
                            "table", [("class", "people"), ("role", "table")],
                            [
                                element("thead", [("role", "rowgroup")], [header]),
                                element("tbody", [("role", "rowgroup")], rows),
                            ])
                    ])
            ])
    }

    /// Each row's rank (from 1) in each column's ascending order, ties in the report's order.
    static func sortRanks(count: Int, columns: [Column]) -> [[Int]] {
        var ranks = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: count)
        for (column, definition) in columns.enumerated() {
            let order = (0..<count).sorted { lhs, rhs in
                if definition.before(lhs, rhs) { return true }
                if definition.before(rhs, lhs) { return false }
                return lhs < rhs
            }
            for (rank, index) in order.enumerated() { ranks[index][column] = rank + 1 }
        }
        return ranks
    }

    static var stateLegend: BodyNode {
        ReportSVG.legend([
            ("c-done", "finished"), ("c-way", "under way: ahead or on track"), ("c-late", "behind"),
            ("c-stall", "stalled"), ("c-idle", "not started"),
        ])
    }

    /// The palette class of an attempt's state.
    static func tone(_ p: ParticipantSummary) -> String {
        switch (p.status, p.visiblePace) {
        case (.finished, _): "c-done"
        case (.notStarted, _): "c-idle"
        case (_, .behind): "c-late"
        case (_, .stalled): "c-stall"
        default: "c-way"
        }
    }

    static func toneClass(_ tone: ReportTable.Tone) -> String {
        switch tone {
        case .plain: "plain"
        case .good: "good"
        case .attention: "attention"
        case .muted: "muted"
        }
    }

    /// A name as it sorts: without case or accents.
    static func folded(_ name: String) -> String {
        name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
    }

    /// The rules that sort the participants by the column whose button is checked, and
    /// show which column and which way.
    static func sortingCSS(columns: Int) -> String {
        var css = ".people{grid-template-columns:repeat(\(max(columns, 1)),auto)}\n"
        for column in 0..<columns {
            let a = "#sort-\(column)-a"
            let d = "#sort-\(column)-d"
            let th = "~.scroll th:nth-child(\(column + 1))"
            css += """
                \(a):checked~.scroll tbody tr{order:var(--k\(column))}
                \(d):checked~.scroll tbody tr{order:calc(0 - var(--k\(column)))}
                \(a):checked\(th) .a,\(d):checked\(th) .d{display:none}
                \(a):checked\(th) .d{display:inline}
                \(a):checked\(th) .d::after{content:" \\25B2"}
                \(d):checked\(th) .a::after{content:" \\25BC"}
                \(a):focus-visible\(th),\(d):focus-visible\(th){outline:2px solid #1f5f99}

                """
        }
        return css
    }
}
