import Foundation
import ParcoursCore
import Plot

/// The report as a dashboard in one self-contained HTML page: a summary, where people
/// stop, the participants (sortable by any column, without a script), one funnel per path
/// with its steps' observed time against the estimate, and the self-assessment per
/// dimension. No script, no external asset; it prints, and reads at phone width.
///
/// Built with Plot, which escapes every text node by construction. Plot does not escape
/// attribute values, so attributes only ever hold numbers and fixed words computed here,
/// and `attribute` keeps nothing else; names, titles and ids always go into text nodes.
public enum ReportHTML {
    typealias BodyNode = Node<HTML.BodyContext>

    public static func render(_ report: CohortReport, titles: ReportTitles = ReportTitles()) -> String {
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("parcours: cohort report"),
                .style(css + sortingCSS(columns: participantColumns(report).count))
            ),
            .body(
                element(
                    "header", [],
                    [
                        element("h1", [], [text("Cohort report")]),
                        element("p", [("class", "muted")], [text(scope(report))]),
                    ]),
                summary(report),
                .if(
                    !report.notices.isEmpty,
                    element("ul", [("class", "notices")], report.notices.map { element("li", [], [text($0)]) })),
                stops(report, titles: titles),
                participants(report, titles: titles),
                paths(report, titles: titles),
                assessments(report, titles: titles),
                waivers(report, titles: titles)
            )
        )
        return html.render(indentedBy: .spaces(1)) + "\n"
    }

    /// "Cohort A, path alliances-2h · generated … · stalled: no activity for 30 min"; without
    /// a filter, the cohorts the attempts belong to.
    static func scope(_ report: CohortReport) -> String {
        var cohorts: [String] = []
        for p in report.participants {
            if let cohort = p.cohort, !cohorts.contains(cohort) { cohorts.append(cohort) }
        }
        let seen =
            cohorts.isEmpty
            ? "Every attempt"
            : (cohorts.count == 1 ? "Cohort " : "Cohorts ")
                + (cohorts.count > 6
                    ? cohorts.prefix(5).joined(separator: ", ") + "…" : cohorts.joined(separator: ", "))
        let filter = [report.cohort.map { "Cohort \($0)" }, report.pathID.map { "path \($0)" }]
            .compactMap { $0 }.joined(separator: ", ")
        return (filter.isEmpty ? seen : filter)
            + " · generated \(ReportJSON.timestamp(report.generatedAt))"
            + " · stalled: no activity for \(report.stalledAfterMinutes) min"
    }

    /// The counts at the top: attempts, then each state with its swatch, and one bar of the
    /// shares.
    static func summary(_ report: CohortReport) -> BodyNode {
        let total = report.participants.count
        let underWay = report.count(.inProgress) - ReportTable.behind(report) - ReportTable.stalled(report)
        let parts: [(count: Int, words: String, tone: String)] = [
            (report.count(.finished), "finished", "c-done"),
            (underWay, "under way", "c-way"),
            (ReportTable.behind(report), "behind", "c-late"),
            (ReportTable.stalled(report), "stalled", "c-stall"),
            (report.count(.notStarted), "not started", "c-idle"),
        ]
        var start = 0.0
        var segments: [ReportSVG.Segment] = []
        for part in parts {
            let length = ReportSVG.share(Double(part.count), of: Double(total))
            segments.append(.init(start: start, length: length, tone: part.tone))
            start += length
        }
        let tiles =
            [element("div", [("class", "tile")], [element("strong", [], [text(String(total))]), text("attempts")])]
            + parts.map { part in
                element(
                    "div", [("class", "tile")],
                    [
                        element("strong", [], [text(String(part.count))]),
                        element("span", [], [ReportSVG.swatch(part.tone), text(part.words)]),
                    ])
            }
        return element(
            "section", [("class", "summary"), ("aria-label", "Summary")],
            [
                element("div", [("class", "tiles")], tiles),
                ReportSVG.bar(
                    segments, height: 12,
                    label: parts.map { "\($0.count) \($0.words)" }.joined(separator: ", ")),
            ])
    }

    /// Where people stop: the steps where most unfinished learners are behind or stalled.
    static func stops(_ report: CohortReport, titles: ReportTitles) -> BodyNode {
        let stops = report.stops(limit: 5)
        let several = report.pathSections().count > 1
        let none = report.participants.isEmpty ? "No attempt yet." : "Nobody is on a step: every attempt is finished."
        let headers = ["Step"] + (several ? ["Path"] : []) + ["On it", "Behind", "Stalled"]
        let body: BodyNode =
            stops.isEmpty
            ? element("p", [("class", "muted")], [text(none)])
            : element(
                "div", [("class", "scroll")],
                [
                    element(
                        "table", [("class", "stops")],
                        [
                            element(
                                "thead", [],
                                [
                                    element(
                                        "tr", [],
                                        headers.enumerated().map { index, header in
                                            element(
                                                "th", index > (several ? 1 : 0) ? [("class", "num")] : [],
                                                [text(header)])
                                        })
                                ]),
                            element(
                                "tbody", [],
                                stops.map { stop in
                                    let figures = [stop.learners, stop.behind, stop.stalled].map {
                                        element("td", [("class", "num")], [text(String($0))])
                                    }
                                    return element(
                                        "tr", [("class", stop.needingAttention > 0 ? "attention" : "plain")],
                                        [
                                            element(
                                                "td", [],
                                                [
                                                    title(
                                                        titles.step(stop.step, course: stop.courseID),
                                                        course: stop.courseID, titles: titles)
                                                ])
                                        ]
                                            + (several ? [element("td", [], [text(stop.pathID)])] : []) + figures)
                                }),
                        ])
                ])
        return element(
            "section", [("id", "stops")],
            [
                element("h2", [], [text("Where people stop")]),
                element(
                    "p", [("class", "muted")],
                    [text("The steps unfinished learners are on, those with most learners behind or stalled first.")]),
                body,
            ])
    }

    /// The waived steps, one line each, with the reason and the learner's words.
    static func waivers(_ report: CohortReport, titles: ReportTitles) -> BodyNode {
        let lines = ReportTable.waivers(report, titles: titles)
        return .if(
            !lines.isEmpty,
            element(
                "section", [("id", "waivers")],
                [
                    element("h2", [], [text("Waived steps")]),
                    element("ul", [], lines.map { element("li", [], [text($0)]) }),
                ]))
    }

    // MARK: - Building blocks

    /// An element with attributes (numbers and fixed words only) and children.
    static func element(_ name: String, _ attributes: [(String, String)], _ children: [BodyNode]) -> BodyNode {
        .element(named: name, nodes: attributes.map { attribute($0.0, $0.1) } + children)
    }

    /// An element with no content and no end tag (`<input …/>`), attributes as for `element`.
    static func voidElement(_ name: String, _ attributes: [(String, String)]) -> BodyNode {
        .selfClosedElement(
            named: name,
            attributes: attributes.map {
                Attribute<HTML.BodyContext>(name: $0.0, value: fixed($0.1), ignoreIfValueIsEmpty: false)
            })
    }

    /// An attribute whose value is made of numbers and fixed words: any character that could
    /// end or escape the value (quotes, `<`, `>`, `&`) is dropped, so nothing a person wrote
    /// can ever become markup here, whatever a caller passes.
    static func attribute(_ name: String, _ value: String) -> BodyNode {
        .attribute(named: name, value: fixed(value), ignoreIfValueIsEmpty: false)
    }

    /// `value` without the characters that could end or escape an attribute value.
    static func fixed(_ value: String) -> String {
        let safe = value.unicodeScalars.filter { scalar in
            scalar.isASCII && !"\"'<>&`\\".unicodeScalars.contains(scalar)
                && scalar.value >= 0x20 && scalar.value != 0x7F
        }
        return String(String.UnicodeScalarView(safe))
    }

    /// A course's title (of a step, a path, a dimension): a text node, marked with the
    /// course's language when it is not the page's English, so a screen reader speaks it in
    /// the right voice.
    static func title(_ words: String, course: String, titles: ReportTitles) -> BodyNode {
        guard let language = titles.language(ofCourse: course), language != "en", !language.isEmpty else {
            return text(words)
        }
        return element("span", [("lang", language)], [text(words)])
    }

    /// A text node: escaped by Plot, its unsafe characters replaced (`visible`).
    static func text(_ words: String) -> BodyNode {
        .text(visible(words))
    }

    /// One node as HTML, for tests.
    static func rendered(_ node: BodyNode) -> String {
        node.render()
    }

    /// Text as it may appear in the page: control characters (an `ESC`, a NUL) that HTML
    /// and XML forbid, and bidi controls that would disguise a name, become U+FFFD, so the
    /// page stays well-formed and shows the data (`UnsafeScalars`).
    static func visible(_ text: String) -> String {
        UnsafeScalars.replaced(text)
    }
}
