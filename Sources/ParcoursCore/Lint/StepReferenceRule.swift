/// Every step named by a path, a `next` or a `goto` must exist, and an explicit `next` must
/// stay on every path that includes the step.
struct StepReferenceRule: LintRule {
    static let ids = ["unknown-step", "next-outside-path"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        func unknown(_ id: Located<String>, _ role: String) {
            diagnostics.append(
                .error(
                    "unknown-step", at: id.location,
                    "\(role) names unknown step '\(id.value)'"
                        + Suggestion.didYouMean(id.value, among: context.steps.keys.sorted())))
        }
        for step in context.course.steps {
            if let next = step.next, context.steps[next.value] == nil {
                unknown(next, "'next' of step '\(step.id.value)'")
            }
            for branch in step.branches where context.steps[branch.target.value] == nil {
                unknown(branch.target, "a branch of step '\(step.id.value)'")
            }
        }
        for (path, graph) in context.graphs {
            for id in path.steps where context.steps[id.value] == nil {
                unknown(id, "path '\(path.id.value)'")
            }
            for node in graph.nodes {
                guard let step = context.steps[node.id], !step.isFinal, let next = step.next,
                    context.steps[next.value] != nil, graph.index[next.value] == nil
                else { continue }
                diagnostics.append(
                    .error(
                        "next-outside-path", at: next.location,
                        "'next' of step '\(node.id)' goes to '\(next.value)', which path '\(path.id.value)' does not include"
                    ))
            }
        }
        return diagnostics
    }
}
