import Foundation
import ParcoursCore
import Plot

/// One funnel per path, each step with its observed time against the estimate, and the
/// self-assessment per dimension, for the HTML report.
extension ReportHTML {
    static func paths(_ report: CohortReport, titles: ReportTitles) -> BodyNode {
        let sections = report.pathSections()
        return element(
            "section", [("id", "paths")],
            [
                element("h2", [], [text("Paths")]),
                element(
                    "p", [("class", "muted")],
                    [
                        text(
                            "Each path's steps in order: how many learners reached, completed and waived each "
                                + "one, and the time those who completed it took against the author's estimate.")
                    ]),
                ReportSVG.legend([
                    ("c-done", "completed"), ("c-reached", "reached, not completed"), ("c-waived", "waived"),
                    ("c-estimate", "estimate"), ("c-median", "median time"),
                    ("c-slow", "median over 1.5 × the estimate"),
                    ("c-p80", "up to the 80th percentile"),
                ]),
            ]
                + (sections.isEmpty
                    ? [element("p", [("class", "muted")], [text("No step reached yet.")])]
                    : sections.map { path($0, titles: titles) }))
    }

    static func path(_ section: CohortReport.PathSection, titles: ReportTitles) -> BodyNode {
        let pathTitle = titles.path(section.pathID, course: section.courseID)
        let longest =
            section.steps.map { max($0.estimateSeconds, $0.medianSeconds ?? 0, $0.p80Seconds ?? 0) }.max() ?? 0
        let attempts = Double(max(section.attempts, 1))
        let rows = section.steps.enumerated().map { index, step in
            let reached = ReportSVG.share(Double(step.reached), of: attempts)
            let completed = ReportSVG.share(Double(step.completed), of: attempts)
            let learners = ReportSVG.bar(
                [
                    .init(start: 0, length: completed, tone: "c-done"),
                    .init(start: completed, length: max(reached - completed, 0), tone: "c-reached"),
                    .init(
                        start: 0, length: ReportSVG.share(Double(step.waived), of: attempts), tone: "c-waived", band: 1),
                ], bands: 2, height: 16,
                label: "\(step.reached) reached, \(step.completed) completed, \(step.waived) waived")
            let top = Double(max(longest, 1))
            let median = step.medianSeconds.map { ReportSVG.share(Double($0), of: top) } ?? 0
            let p80 = step.p80Seconds.map { ReportSVG.share(Double($0), of: top) } ?? 0
            let slow = ReportTable.isSlow(step)
            let time = ReportSVG.bar(
                [
                    .init(start: 0, length: ReportSVG.share(Double(step.estimateSeconds), of: top), tone: "c-estimate"),
                    .init(start: 0, length: median, tone: slow ? "c-slow" : "c-median", band: 1),
                    .init(start: median, length: max(p80 - median, 0), tone: "c-p80", band: 1, isThin: true),
                ], bands: 2, height: 16, label: timeWords(step))
            var stepCell: [BodyNode] = [
                element("span", [("class", "pos")], [text(String(index + 1))]),
                title(titles.step(step.step, course: step.courseID), course: step.courseID, titles: titles),
            ]
            if step.isOptional { stepCell.append(element("span", [("class", "tag")], [text("optional")])) }
            if slow { stepCell.append(element("span", [("class", "tag slow")], [text("slow")])) }
            let counts = "\(step.reached) → \(step.completed)" + (step.waived > 0 ? " · \(step.waived) waived" : "")
            return element(
                "tr", [("class", slow ? "attention" : "plain")],
                [
                    element("td", [("class", "step")], stepCell),
                    element(
                        "td", [("class", "chart learners")],
                        [element("div", [], [learners, element("span", [("class", "fig")], [text(counts)])])]),
                    element(
                        "td", [("class", "chart time")],
                        [element("div", [], [time, element("span", [("class", "fig")], [text(timeFigures(step))])])]),
                ])
        }
        return element(
            "article", [("class", "path")],
            [
                element(
                    "h3", [],
                    [
                        title(pathTitle, course: section.courseID, titles: titles),
                        element("small", [], [text(section.pathID)]),
                    ]),
                element(
                    "p", [("class", "muted")],
                    [
                        text(
                            "\(section.attempts) attempt(s), \(section.finished) finished · \(section.steps.count) steps"
                        )
                    ]),
                element(
                    "table", [("class", "funnel")],
                    [
                        element(
                            "thead", [],
                            [
                                element(
                                    "tr", [],
                                    [
                                        "Step", "Learners: reached → completed",
                                        "Time (min:s): median against the estimate",
                                    ].map { element("th", [], [text($0)]) })
                            ]),
                        element("tbody", [], rows),
                    ]),
            ])
    }

    /// "median 4:10, 80th percentile 6:00, estimate 3:00, +38%", or what is known of it.
    static func timeWords(_ step: StepFunnel) -> String {
        var words: [String] = []
        if let median = step.medianSeconds { words.append("median \(ReportTable.clock(median))") }
        if let p80 = step.p80Seconds { words.append("80th percentile \(ReportTable.clock(p80))") }
        words.append("estimate \(ReportTable.clock(step.estimateSeconds))")
        if let off = step.offByPercent { words.append(ReportTable.signedPercent(off)) }
        if step.medianSeconds == nil { words.append("nobody completed it yet") }
        return words.joined(separator: ", ")
    }

    /// "median 4:10 · est. 3:00 · +38%", beside the bar.
    static func timeFigures(_ step: StepFunnel) -> String {
        guard let median = step.medianSeconds else {
            return "est. \(ReportTable.clock(step.estimateSeconds)) · not completed yet"
        }
        return "median \(ReportTable.clock(median)) · est. \(ReportTable.clock(step.estimateSeconds))"
            + (step.offByPercent.map { " · " + ReportTable.signedPercent($0) } ?? "")
    }

    static func assessments(_ report: CohortReport, titles: ReportTitles) -> BodyNode {
        let averages = report.dimensionAverages()
        let rows = averages.map { average in
            // The scale the dimension is rated on; without the course, at least 1…4.
            let observed = Int(max(average.before, average.after).rounded(.up))
            let top = Double(titles.scalePoints(average.dimension, course: average.courseID) ?? max(4, observed))
            let chart = ReportSVG.bar(
                [
                    .init(start: 0, length: ReportSVG.share(average.before, of: top), tone: "c-before"),
                    .init(start: 0, length: ReportSVG.share(average.after, of: top), tone: "c-after", band: 1),
                ], bands: 2, height: 16,
                label: "before \(ReportTable.score(average.before)), after \(ReportTable.score(average.after)) "
                    + "on a scale of 1 to \(Int(top))")
            return element(
                "tr", [],
                [
                    element(
                        "td", [],
                        [
                            title(
                                titles.dimension(average.dimension, course: average.courseID), course: average.courseID,
                                titles: titles)
                        ]),
                    element(
                        "td", [("class", "chart")],
                        [
                            element(
                                "div", [],
                                [
                                    chart,
                                    element(
                                        "span", [("class", "fig")],
                                        [
                                            text(
                                                "\(ReportTable.score(average.before)) → "
                                                    + "\(ReportTable.score(average.after)) of \(Int(top)) "
                                                    + "(\(ReportTable.signedScore(average.after - average.before)))")
                                        ]),
                                ])
                        ]),
                    element(
                        "td", [("class", "num")],
                        [text(String(average.learners)), element("span", [("class", "unit")], [text(" learners")])]),
                ])
        }
        return element(
            "section", [("id", "assessment")],
            [
                element("h2", [], [text("Self-assessment")]),
                element(
                    "p", [("class", "muted")],
                    [
                        text(
                            "The cohort's mean score per dimension at each learner's first full assessment (before) "
                                + "and at their latest (after).")
                    ]),
            ]
                + (rows.isEmpty
                    ? [element("p", [("class", "muted")], [text("No self-assessment yet.")])]
                    : [
                        ReportSVG.legend([("c-before", "before"), ("c-after", "after")]),
                        element(
                            "table", [("class", "dims")],
                            [
                                element(
                                    "thead", [],
                                    [
                                        element(
                                            "tr", [],
                                            [
                                                element("th", [], [text("Dimension")]),
                                                element("th", [], [text("Before → after (change)")]),
                                                element("th", [("class", "num")], [text("Learners")]),
                                            ])
                                    ]),
                                element("tbody", [], rows),
                            ]),
                    ]))
    }
}
