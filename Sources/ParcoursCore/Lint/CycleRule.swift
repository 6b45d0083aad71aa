/// Steps that only lead to each other trap the learner: some step of the loop needs a way out.
struct CycleRule: LintRule {
    static let ids = ["cycle-without-exit"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        var reported = Set<String>()
        for (path, graph) in context.graphs {
            for component in graph.components() {
                let members = Set(component)
                let isLoop =
                    component.count > 1
                    || graph.nodes[component[0]].successors.contains(component[0])
                guard isLoop else { continue }
                let hasExit = component.contains { node in
                    graph.nodes[node].isFinal
                        || graph.nodes[node].successors.contains { !members.contains($0) }
                }
                guard !hasExit else { continue }
                let ordered = component.sorted()
                let first = graph.nodes[ordered[0]].id
                guard let step = context.steps[first], reported.insert(first).inserted else {
                    continue
                }
                let names = ordered.prefix(5).map { "'\(graph.nodes[$0].id)'" }.joined(
                    separator: ", ")
                diagnostics.append(
                    .error(
                        "cycle-without-exit", at: step.id.location,
                        "steps \(names)\(ordered.count > 5 ? ", …" : "") on path '\(path.id.value)' lead only to each other, with no final step and no way out"
                    ))
            }
        }
        return diagnostics
    }
}
