import Foundation
import ParcoursCore
import Plot

/// The report as one self-contained HTML page: tables and inline SVG charts, no external
/// asset, no script.
///
/// Built with Plot, which escapes every text node by construction. Plot does not escape
/// attribute values, so attributes only ever hold numbers and fixed words computed here;
/// names and step ids always go into text nodes (`<td>`, `<text>`, `<title>`).
public enum ReportHTML {
    public static func render(_ report: CohortReport) -> String {
        let headline = ReportTable.headline(report)
        let html = HTML(
            .lang(.english),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .title("parcours: cohort report"),
                .style(css)
            ),
            .body(
                .h1("Cohort report"),
                .p(.text(visible(headline))),
                .p(.class("muted"), .text("Generated \(ReportJSON.timestamp(report.generatedAt))")),
                .forEach(report.notices) { .p(.class("notice"), .text(visible($0))) },
                .h2("Participants"),
                table(ReportTable.participants(report)),
                .h2("Completion"),
                ReportSVG.completion(report),
                .h2("Step funnel"),
                ReportSVG.funnel(report),
                table(ReportTable.funnel(report)),
                .h2("Self-assessment"),
                ReportSVG.assessments(report),
                .if(
                    !ReportTable.details(report).isEmpty,
                    .group(
                        .h2("Waivers and assessments"),
                        .ul(.forEach(ReportTable.details(report)) { .li(.text(visible($0))) })
                    ))
            )
        )
        return html.render(indentedBy: .spaces(1)) + "\n"
    }

    static func table(_ grid: ReportTable.Grid) -> Node<HTML.BodyContext> {
        .table(
            .thead(.tr(.forEach(grid.headers) { .th(.text($0)) })),
            .tbody(
                .forEach(Array(zip(grid.rows, grid.tones))) { row, tone in
                    .tr(
                        .class(toneClass(tone)),
                        .forEach(Array(row.enumerated())) { column, cell in
                            .td(
                                .if(grid.rightAligned.contains(column), .class("num")),
                                .text(visible(cell)))
                        })
                })
        )
    }

    /// Text as it may appear in the page: control characters (an `ESC`, a NUL) that HTML
    /// and XML forbid, and bidi controls that would disguise a name, become U+FFFD, so the
    /// page stays well-formed and shows the data (`UnsafeScalars`).
    static func visible(_ text: String) -> String {
        UnsafeScalars.replaced(text)
    }

    static func toneClass(_ tone: ReportTable.Tone) -> String {
        switch tone {
        case .plain: "plain"
        case .good: "good"
        case .attention: "attention"
        case .muted: "muted"
        }
    }

    static let css = """
        body{font-family:system-ui,sans-serif;margin:2rem;color:#222;max-width:70rem}
        table{border-collapse:collapse;margin:1rem 0}
        th,td{padding:.2rem .6rem;border-bottom:1px solid #ddd;text-align:left}
        td.num{text-align:right;font-variant-numeric:tabular-nums}
        tr.good td{color:#1a6b2f}tr.attention td{color:#8a5a00;font-weight:600}
        tr.muted td,.muted{color:#777}.notice{color:#8a5a00}
        svg{display:block;margin:1rem 0;font-size:12px}
        """
}
