import Foundation
import Plot

/// Inline SVG bar charts for the HTML report, built as Plot nodes.
///
/// Every attribute is a number or a fixed word; every name is a text node, which Plot
/// escapes, so a learner named `<script>` is drawn as those eight characters.
enum ReportSVG {
    typealias SVGNode = Node<HTML.BodyContext>

    static let labelWidth = 180
    static let barWidth = 400
    static let rowHeight = 20

    /// Completion per participant: one bar per attempt, coloured by status.
    static func completion(_ report: CohortReport) -> SVGNode {
        let rows = report.participants
        var nodes: [SVGNode] = []
        for (index, p) in rows.enumerated() {
            let y = index * rowHeight
            let width = barWidth * p.percent / 100
            let fill = p.status == .finished ? "#2e8b57" : (p.status == .notStarted ? "#bbb" : "#4682b4")
            nodes.append(label(p.name, y: y))
            nodes.append(
                rect(x: labelWidth, y: y + 3, width: barWidth, height: rowHeight - 6, fill: "#eee"))
            nodes.append(
                rect(
                    x: labelWidth, y: y + 3, width: width, height: rowHeight - 6, fill: fill,
                    title: "\(p.name): \(p.completedRequired)/\(p.required) (\(p.percent)%)"))
            nodes.append(
                text("\(p.percent)%", x: labelWidth + barWidth + 6, y: y + 14, anchor: "start"))
        }
        return svg(
            label: "Completion per participant", width: labelWidth + barWidth + 50,
            height: max(rows.count, 1) * rowHeight, nodes: nodes)
    }

    /// The step funnel: reached, completed and waived per step, on one scale.
    static func funnel(_ report: CohortReport) -> SVGNode {
        let steps = report.steps
        let top = max(steps.map(\.reached).max() ?? 0, 1)
        let band = rowHeight * 3 / 2
        var nodes: [SVGNode] = []
        for (index, step) in steps.enumerated() {
            let y = index * band
            nodes.append(label(step.step, y: y))
            let series = [
                ("reached", step.reached, "#9ecae1", 0),
                ("completed", step.completed, "#2e8b57", 10),
                ("waived", step.waived, "#e6a23c", 20),
            ]
            for (name, value, fill, offset) in series {
                nodes.append(
                    rect(
                        x: labelWidth, y: y + offset / 2 + 2, width: barWidth * value / top,
                        height: 5, fill: fill, title: "\(step.step): \(value) \(name)"))
            }
        }
        nodes.append(text("reached", x: labelWidth, y: steps.count * band + 14, anchor: "start"))
        nodes.append(
            text("completed", x: labelWidth + 80, y: steps.count * band + 14, anchor: "start"))
        nodes.append(
            text("waived", x: labelWidth + 170, y: steps.count * band + 14, anchor: "start"))
        return svg(
            label: "Step funnel", width: labelWidth + barWidth + 20,
            height: steps.count * band + 20, nodes: nodes)
    }

    /// Self-assessment: per dimension, the cohort's mean first and latest score.
    static func assessments(_ report: CohortReport) -> SVGNode {
        var firsts: [String: [Double]] = [:]
        var latests: [String: [Double]] = [:]
        var order: [String] = []
        for p in report.participants {
            for a in p.assessments {
                if firsts[a.dimension] == nil { order.append(a.dimension) }
                firsts[a.dimension, default: []].append(a.first)
                latests[a.dimension, default: []].append(a.latest)
            }
        }
        guard !order.isEmpty else {
            return .p(.class("muted"), .text("No self-assessment yet."))
        }
        func mean(_ values: [Double]) -> Double { values.reduce(0, +) / Double(max(values.count, 1)) }
        let top = max(5, (firsts.values.flatMap { $0 } + latests.values.flatMap { $0 }).max() ?? 5)
        var nodes: [SVGNode] = []
        for (index, dimension) in order.enumerated() {
            let y = index * rowHeight * 2
            let first = mean(firsts[dimension] ?? [])
            let latest = mean(latests[dimension] ?? [])
            nodes.append(label(dimension, y: y + rowHeight / 2))
            nodes.append(
                rect(
                    x: labelWidth, y: y + 2, width: Int(Double(barWidth) * first / top),
                    height: rowHeight - 6, fill: "#bbb",
                    title: "\(dimension): first \(ReportCSV.score(first))"))
            nodes.append(
                rect(
                    x: labelWidth, y: y + rowHeight, width: Int(Double(barWidth) * latest / top),
                    height: rowHeight - 6, fill: "#4682b4",
                    title: "\(dimension): latest \(ReportCSV.score(latest))"))
            nodes.append(
                text(
                    "\(ReportCSV.score(first)) → \(ReportCSV.score(latest))",
                    x: labelWidth + barWidth + 6, y: y + rowHeight + 4, anchor: "start"))
        }
        return svg(
            label: "Self-assessment, first and latest (mean per dimension)",
            width: labelWidth + barWidth + 90, height: order.count * rowHeight * 2, nodes: nodes)
    }

    // MARK: - Elements

    static func svg(label: String, width: Int, height: Int, nodes: [SVGNode]) -> SVGNode {
        .element(
            named: "svg",
            nodes: [
                .attribute(named: "xmlns", value: "http://www.w3.org/2000/svg"),
                .attribute(named: "width", value: String(width)),
                .attribute(named: "height", value: String(height)),
                .attribute(named: "viewBox", value: "0 0 \(width) \(height)"),
                .attribute(named: "role", value: "img"),
                .element(named: "title", nodes: [.text(label)]),
            ] + nodes)
    }

    static func rect(
        x: Int, y: Int, width: Int, height: Int, fill: String, title: String? = nil
    ) -> SVGNode {
        var nodes: [SVGNode] = [
            .attribute(named: "x", value: String(x)),
            .attribute(named: "y", value: String(y)),
            .attribute(named: "width", value: String(max(width, 0)), ignoreIfValueIsEmpty: false),
            .attribute(named: "height", value: String(height)),
            .attribute(named: "fill", value: fill),
        ]
        if let title { nodes.append(.element(named: "title", nodes: [.text(ReportHTML.visible(title))])) }
        return .element(named: "rect", nodes: nodes)
    }

    static func label(_ value: String, y: Int) -> SVGNode {
        text(value, x: labelWidth - 6, y: y + 14, anchor: "end")
    }

    static func text(_ value: String, x: Int, y: Int, anchor: String) -> SVGNode {
        .element(
            named: "text",
            nodes: [
                .attribute(named: "x", value: String(x)),
                .attribute(named: "y", value: String(y)),
                .attribute(named: "text-anchor", value: anchor),
                .text(ReportHTML.visible(String(value.prefix(40)))),
            ])
    }
}
