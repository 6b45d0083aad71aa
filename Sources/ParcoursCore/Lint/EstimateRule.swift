/// Every step needs a time estimate: pacing and budgets are computed from them.
struct EstimateRule: LintRule {
    static let ids = ["missing-estimate"]

    func check(_ context: LintContext) -> [Diagnostic] {
        context.course.steps.filter { !$0.hasMinutesKey }.map {
            .error(
                "missing-estimate", at: $0.id.location,
                "step '\($0.id.value)' has no time estimate ('minutes')")
        }
    }
}
