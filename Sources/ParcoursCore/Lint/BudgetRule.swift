/// Each path must fit its budget, for every walk its branches allow:
/// - `over-budget`: even the shortest walk (required steps only) exceeds the budget;
/// - `over-budget-walk`: the heaviest walk, after adaptation, exceeds budget + tolerance;
/// - `budget-drift`: the typical walk, after adaptation, drifts beyond the tolerance;
/// - `light-walk`: the lightest walk, after adaptation, is under 75% of the budget.
///
/// Walks and adaptation are defined in `PathGraph+Walks.swift` and docs/authoring.md.
struct BudgetRule: LintRule {
    static let ids = ["over-budget", "over-budget-walk", "budget-drift", "light-walk"]

    /// The share of the budget under which the lightest walk is reported.
    static let lightPercent = 75

    func check(_ context: LintContext) -> [Diagnostic] {
        Self.diagnostics(context, times: Self.times(context))
    }

    /// The time walks of every path of the context, in order: computed once, for the
    /// diagnostics and for lint's summary (`Linter.report`).
    static func times(_ context: LintContext) -> [Linter.PathTimes] {
        context.graphs.map { path, graph in
            Linter.PathTimes(path: path.id.value, budgetMinutes: path.budgetMinutes?.value, graph: graph)
        }
    }

    /// The diagnostics, from `times(context)`.
    static func diagnostics(_ context: LintContext, times: [Linter.PathTimes]) -> [Diagnostic] {
        var diagnostics: [Diagnostic] = []
        for ((path, graph), times) in zip(context.graphs, times) {
            guard let budget = path.budgetMinutes, !graph.nodes.isEmpty else { continue }
            let (bounds, walks) = (times.bounds, times.walks)
            let name = path.id.value
            if let shortest = bounds.shortest, shortest > budget.value {
                diagnostics.append(
                    .error(
                        "over-budget", at: budget.location,
                        "path '\(name)': even the shortest walk takes \(shortest) min, over the budget of \(budget.value) min"
                    ))
            }
            let ceiling = budget.value * (100 + path.tolerancePercent)
            if let heaviest = walks.heaviest, heaviest * 100 > ceiling {
                diagnostics.append(
                    .error(
                        "over-budget-walk", at: budget.location,
                        "path '\(name)': the heaviest walk its branches allow takes \(heaviest) min once optional steps are set aside, over the budget of \(budget.value) min + \(path.tolerancePercent)%"
                    ))
            }
            let drift = Double(walks.typical - budget.value) / Double(budget.value) * 100
            if abs(drift) > Double(path.tolerancePercent) {
                let direction = drift > 0 ? "over" : "under"
                diagnostics.append(
                    .warning(
                        "budget-drift", at: budget.location,
                        "path '\(name)': the typical walk takes \(walks.typical) min, \(Int(abs(drift).rounded()))% \(direction) the budget of \(budget.value) min (tolerance \(path.tolerancePercent)%)"
                    ))
            }
            if let lightest = walks.lightest, lightest * 100 < budget.value * Self.lightPercent {
                diagnostics.append(
                    .warning(
                        "light-walk", at: budget.location,
                        "path '\(name)': the lightest walk its branches allow takes \(lightest) min, under \(Self.lightPercent)% of the budget of \(budget.value) min"
                    ))
            }
        }
        return diagnostics
    }
}
