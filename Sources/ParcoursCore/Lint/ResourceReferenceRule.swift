/// A recommendation must name a resource of the course's catalogue.
struct ResourceReferenceRule: LintRule {
    static let ids = ["unknown-resource"]

    func check(_ context: LintContext) -> [Diagnostic] {
        let catalogue = Set(context.course.resources.map(\.id.value))
        return context.course.steps.flatMap(\.recommendations).filter {
            !catalogue.contains($0.resource.value)
        }.map {
            .error(
                "unknown-resource", at: $0.resource.location,
                "unknown resource '\($0.resource.value)'"
                    + Suggestion.didYouMean($0.resource.value, among: catalogue.sorted()))
        }
    }
}
