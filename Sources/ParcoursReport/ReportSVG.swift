import Foundation
import Plot

/// The drawings of the HTML report: inline SVG bars and legend swatches, built as Plot nodes.
///
/// Bars are drawn on a 0…100 scale stretched to the width of their cell
/// (`preserveAspectRatio="none"`), so a chart follows the page from a phone to a desk and
/// prints as drawn (a fill in SVG is printed, a CSS background often is not). Every
/// attribute is a number or a fixed word (`ReportHTML.attribute`); the words of a tooltip
/// are a `<title>` text node, which Plot escapes.
enum ReportSVG {
    typealias SVGNode = Node<HTML.BodyContext>

    /// One segment of a bar: where it starts and how long it is, on 0…100.
    struct Segment {
        var start: Double
        var length: Double
        /// A class of the page's palette (`ReportHTML.css`): `c-done`, `c-reached`…
        var tone: String
        /// Which band of the bar: 0 the upper (or only) one, 1 the lower one.
        var band = 0
        /// A line through the middle of its band rather than the whole band (a whisker).
        var isThin = false
    }

    /// A horizontal bar, `height` pixels high, of one band or two (`bands`), over a track.
    static func bar(_ segments: [Segment], bands: Int = 1, height: Int = 14, label: String) -> SVGNode {
        let band = Double(height) / Double(bands)
        var nodes: [SVGNode] = [
            ReportHTML.attribute("class", "bar"),
            ReportHTML.attribute("viewBox", "0 0 100 \(height)"),
            ReportHTML.attribute("preserveAspectRatio", "none"),
            ReportHTML.attribute("height", String(height)),
            ReportHTML.attribute("role", "img"),
            .element(named: "title", nodes: [ReportHTML.text(label)]),
            rect(x: 0, y: 0, width: 100, height: Double(height), tone: "c-track"),
        ]
        for segment in segments where segment.length > 0 {
            let top = band * Double(segment.band)
            nodes.append(
                rect(
                    x: clamp(segment.start), y: segment.isThin ? top + band / 2 - 1 : top + 1,
                    width: clamp(segment.length, to: 100 - clamp(segment.start)),
                    height: segment.isThin ? 2 : band - 2, tone: segment.tone))
        }
        return .element(named: "svg", nodes: [ReportHTML.attribute("xmlns", "http://www.w3.org/2000/svg")] + nodes)
    }

    /// A square of a palette colour, for legends and states.
    static func swatch(_ tone: String) -> SVGNode {
        .element(
            named: "svg",
            nodes: [
                ReportHTML.attribute("class", "swatch"),
                ReportHTML.attribute("viewBox", "0 0 10 10"),
                ReportHTML.attribute("width", "10"),
                ReportHTML.attribute("height", "10"),
                ReportHTML.attribute("aria-hidden", "true"),
                rect(x: 0, y: 0, width: 10, height: 10, tone: tone),
            ])
    }

    /// A legend: one swatch and its words per entry.
    static func legend(_ entries: [(tone: String, words: String)]) -> SVGNode {
        ReportHTML.element(
            "ul", [("class", "legend")],
            entries.map { entry in ReportHTML.element("li", [], [swatch(entry.tone), ReportHTML.text(entry.words)]) })
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, tone: String) -> SVGNode {
        .element(
            named: "rect",
            nodes: [
                ReportHTML.attribute("x", number(x)),
                ReportHTML.attribute("y", number(y)),
                ReportHTML.attribute("width", number(max(width, 0))),
                ReportHTML.attribute("height", number(max(height, 0))),
                ReportHTML.attribute("class", tone),
            ])
    }

    /// A share as a length on 0…100; 0 for nothing out of nothing.
    static func share(_ part: Double, of whole: Double) -> Double {
        whole > 0 ? max(0, min(100, part * 100 / whole)) : 0
    }

    static func clamp(_ value: Double, to top: Double = 100) -> Double {
        max(0, min(top, value))
    }

    /// A coordinate with at most two decimals, no exponent: `12.5`, `0`, `33.33`.
    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(format: "%.2f", rounded)
    }
}
