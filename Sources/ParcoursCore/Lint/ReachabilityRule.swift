/// A step listed in a path that no walk from the path's start reaches is dead weight, and
/// usually a missing `next` or branch.
struct ReachabilityRule: LintRule {
    static let ids = ["unreachable-step"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (path, graph) in context.graphs {
            let reachable = graph.reachable()
            let listed = Dictionary(
                path.steps.map { ($0.value, $0.location) }, uniquingKeysWith: { first, _ in first })
            for (position, node) in graph.nodes.enumerated() where !reachable[position] {
                guard let location = listed[node.id] else { continue }
                diagnostics.append(
                    .error(
                        "unreachable-step", at: location,
                        "step '\(node.id)' cannot be reached from the start of path '\(path.id.value)'"
                    ))
            }
        }
        return diagnostics
    }
}
