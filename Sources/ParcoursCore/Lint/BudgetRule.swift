/// Each path must fit its budget: the shortest walk may not exceed it, and the typical walk
/// should stay within the path's tolerance.
struct BudgetRule: LintRule {
    static let ids = ["over-budget", "budget-drift"]

    func check(_ context: LintContext) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for (path, graph) in context.graphs {
            guard let budget = path.budgetMinutes, !graph.nodes.isEmpty else { continue }
            let bounds = graph.timeBounds()
            if let shortest = bounds.shortest, shortest > budget.value {
                diagnostics.append(
                    .error(
                        "over-budget", at: budget.location,
                        "path '\(path.id.value)': even the shortest walk takes \(shortest) min, over the budget of \(budget.value) min"
                    ))
            }
            let drift = Double(bounds.typical - budget.value) / Double(budget.value) * 100
            if abs(drift) > Double(path.tolerancePercent) {
                let direction = drift > 0 ? "over" : "under"
                diagnostics.append(
                    .warning(
                        "budget-drift", at: budget.location,
                        "path '\(path.id.value)': the typical walk takes \(bounds.typical) min, \(Int(abs(drift).rounded()))% \(direction) the budget of \(budget.value) min (tolerance \(path.tolerancePercent)%)"
                    ))
            }
        }
        return diagnostics
    }
}
