/// A step that is not final must lead somewhere on each path that includes it.
struct DeadEndRule: LintRule {
    static let ids = ["dead-end"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        for (path, graph) in context.graphs {
            for node in graph.nodes where !node.isFinal && node.successors.isEmpty {
                guard let step = context.steps[node.id], reported.insert(node.id).inserted else {
                    continue
                }
                // Unknown `next` targets are reported by their own rule.
                if let next = step.next, context.steps[next.value] == nil { continue }
                diagnostics.append(
                    .error(
                        "dead-end", at: step.id.location,
                        "step '\(node.id)' is a dead end on path '\(path.id.value)': it is not final and leads nowhere (add `final: true`, `next` or more steps)"
                    ))
            }
        }
        return diagnostics
    }
}
