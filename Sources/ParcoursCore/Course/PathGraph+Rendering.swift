import Foundation

/// Graphviz DOT and Mermaid renderings of a path, for authors and facilitators.
///
/// Nodes carry the step's title, kind and minutes; optional steps are dashed; branch
/// edges carry their condition. A legend, in the reader's language, says what the shapes
/// and lines mean.
public enum GraphRenderer {
    /// The words of a drawing, in the reader's language.
    public struct Words: Sendable {
        /// The name of each kind of step ("leçon").
        public var kinds: [StepKind: String]
        public var legend: String
        public var budget: String
        public var optional: String
        public var final: String
        public var branch: String

        public init(
            kinds: [StepKind: String], legend: String, budget: String, optional: String, final: String, branch: String
        ) {
            self.kinds = kinds
            self.legend = legend
            self.budget = budget
            self.optional = optional
            self.final = final
            self.branch = branch
        }

        func kind(_ kind: StepKind) -> String { kinds[kind] ?? kind.rawValue }
    }

    /// What to print on each node.
    public struct NodeLabel: Sendable {
        public var title: String
        public var kind: StepKind
        public var minutes: Int

        public init(title: String, kind: StepKind, minutes: Int) {
            self.title = title
            self.kind = kind
            self.minutes = minutes
        }
    }

    public static func dot(course: Course, path: CoursePath, words: Words, label: (String) -> NodeLabel) -> String {
        let budget =
            "\(course.id) · \(path.id) · \(words.budget) \(ClockFormat.hoursMinutes(minutes: path.budgetMinutes))"
        var lines = [
            "digraph \(quote(path.id)) {",
            "  graph [rankdir=TB, fontname=\"Helvetica\", label=\(quote(budget)), labelloc=t];",
            "  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for node in path.graph.nodes {
            let info = label(node.id)
            var attributes = [
                "label=\(quote("\(info.title)\n\(words.kind(info.kind)) · \(info.minutes) min"))",
                "shape=\(shape(info.kind))",
            ]
            var styles = [info.kind == .checkpoint ? "filled" : "rounded"]
            if node.isOptional { styles.append("dashed") }
            if node.isFinal { attributes.append("peripheries=2") }
            if info.kind == .checkpoint { attributes.append("fillcolor=\"#eeeeee\"") }
            attributes.append("style=\(quote(styles.joined(separator: ",")))")
            lines.append("  \(quote(node.id)) [\(attributes.joined(separator: ", "))];")
        }
        for (from, node) in path.graph.nodes.enumerated() {
            guard let step = course.steps[node.id] else { continue }
            for branch in step.branches {
                guard let target = path.graph.index[branch.target] else { continue }
                lines.append(
                    "  \(quote(node.id)) -> \(quote(path.graph.nodes[target].id)) [label=\(quote(branch.condition.summary)), style=dashed];"
                )
            }
            if let next = node.defaultNext {
                lines.append(
                    "  \(quote(path.graph.nodes[from].id)) -> \(quote(path.graph.nodes[next].id));")
            }
        }
        lines += dotLegend(kinds: path.graph.nodes.map { label($0.id).kind }, words: words)
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A boxed legend: one shape per kind the path uses, then an optional step, the last step
    /// and a branch.
    private static func dotLegend(kinds: [StepKind], words: Words) -> [String] {
        var lines = [
            "  subgraph \"cluster_legend\" {",
            "    label=\(quote(words.legend)); style=\"dashed\"; fontsize=10;",
            "    node [fontsize=10];",
        ]
        var names: [String] = []
        for kind in StepKind.allCases where kinds.contains(kind) {
            let name = "legend_\(kind.rawValue)"
            names.append(name)
            let style = kind == .checkpoint ? "filled" : "rounded"
            let fill = kind == .checkpoint ? ", fillcolor=\"#eeeeee\"" : ""
            lines.append(
                "    \(quote(name)) [label=\(quote(words.kind(kind))), shape=\(shape(kind)), style=\"\(style)\"\(fill)];"
            )
        }
        names += ["legend_optional", "legend_final"]
        lines.append("    \"legend_optional\" [label=\(quote(words.optional)), style=\"rounded,dashed\"];")
        lines.append("    \"legend_final\" [label=\(quote(words.final)), peripheries=2];")
        lines.append("    \"legend_from\" [label=\"\", shape=point];")
        lines.append("    \"legend_to\" [label=\"\", shape=point];")
        lines.append("    \"legend_from\" -> \"legend_to\" [label=\(quote(words.branch)), style=dashed];")
        // Invisible edges stack the legend's entries in one column.
        for (upper, lower) in zip(names, names.dropFirst() + ["legend_from"]) {
            lines.append("    \(quote(upper)) -> \(quote(lower)) [style=invis];")
        }
        lines.append("  }")
        return lines
    }

    public static func mermaid(course: Course, path: CoursePath, words: Words, label: (String) -> NodeLabel)
        -> String
    {
        var lines = ["flowchart TD"]
        func name(_ index: Int) -> String { "s\(index)" }
        for (position, node) in path.graph.nodes.enumerated() {
            let info = label(node.id)
            let text = mermaidText("\(info.title)<br/>\(words.kind(info.kind)) · \(info.minutes) min")
            lines.append(
                node.isFinal
                    ? "  \(name(position))([\"\(text)\"])" : "  \(name(position))[\"\(text)\"]")
            if node.isOptional { lines.append("  class \(name(position)) optional") }
        }
        for (position, node) in path.graph.nodes.enumerated() {
            guard let step = course.steps[node.id] else { continue }
            for branch in step.branches {
                guard let target = path.graph.index[branch.target] else { continue }
                lines.append(
                    "  \(name(position)) -.->|\"\(mermaidText(branch.condition.summary))\"| \(name(target))"
                )
            }
            if let next = node.defaultNext { lines.append("  \(name(position)) --> \(name(next))") }
        }
        // The legend: what a dashed box, a rounded end and a dotted line mean.
        lines += [
            "  subgraph legend[\"\(mermaidText(words.legend))\"]",
            "    legend_optional[\"\(mermaidText(words.optional))\"]",
            "    class legend_optional optional",
            "    legend_final([\"\(mermaidText(words.final))\"])",
            "    legend_from[ ] -.->|\"\(mermaidText(words.branch))\"| legend_to[ ]",
            "  end",
        ]
        lines.append("  classDef optional stroke-dasharray: 5 5")
        return lines.joined(separator: "\n") + "\n"
    }

    private static func shape(_ kind: StepKind) -> String {
        switch kind {
        case .lesson: "box"
        case .question: "diamond"
        case .assessment: "hexagon"
        case .resources: "folder"
        case .activity: "parallelogram"
        case .checkpoint: "octagon"
        }
    }

    /// A DOT string literal: quotes and backslashes escaped, newlines as `\n`.
    static func quote(_ text: String) -> String {
        var result = "\""
        for character in text {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": break
            default: result.append(character)
            }
        }
        return result + "\""
    }

    private static func mermaidText(_ text: String) -> String {
        text.replacingOccurrences(of: "\"", with: "#quot;")
    }
}
