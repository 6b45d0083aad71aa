/// A recommendation, and a step's or path's `uses`, must name a resource of the course's
/// catalogue.
struct ResourceReferenceRule: LintRule {
    static let ids = ["unknown-resource"]

    func check(_ context: LintContext) -> [Diagnostic] {
        let course = context.course
        let catalogue = Set(course.resources.map(\.id.value))
        let named =
            course.steps.flatMap { step in step.recommendations.map(\.resource) + step.uses }
            + course.paths.flatMap(\.uses)
        return named.filter { !catalogue.contains($0.value) }.map {
            .error(
                "unknown-resource", at: $0.location,
                "unknown resource '\($0.value)'" + Suggestion.didYouMean($0.value, among: catalogue.sorted()))
        }
    }
}
