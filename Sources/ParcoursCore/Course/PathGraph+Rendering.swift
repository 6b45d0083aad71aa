import Foundation

/// Graphviz DOT and Mermaid renderings of a path, for authors and facilitators.
///
/// Nodes carry the step's title, kind and minutes; optional steps are dashed; branch
/// edges carry their condition.
public enum GraphRenderer {
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

    public static func dot(course: Course, path: CoursePath, label: (String) -> NodeLabel) -> String {
        var lines = [
            "digraph \(quote(path.id)) {",
            "  graph [rankdir=TB, fontname=\"Helvetica\", label=\(quote("\(course.id) · \(path.id) · budget \(ClockFormat.hoursMinutes(minutes: path.budgetMinutes))")), labelloc=t];",
            "  node [shape=box, style=\"rounded\", fontname=\"Helvetica\"];",
            "  edge [fontname=\"Helvetica\", fontsize=10];",
        ]
        for node in path.graph.nodes {
            let info = label(node.id)
            var attributes = [
                "label=\(quote("\(info.title)\n\(info.kind.rawValue) · \(info.minutes) min"))",
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
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    public static func mermaid(course: Course, path: CoursePath, label: (String) -> NodeLabel)
        -> String
    {
        var lines = ["flowchart TD"]
        func name(_ index: Int) -> String { "s\(index)" }
        for (position, node) in path.graph.nodes.enumerated() {
            let info = label(node.id)
            let text = mermaidText("\(info.title)<br/>\(info.kind.rawValue) · \(info.minutes) min")
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
