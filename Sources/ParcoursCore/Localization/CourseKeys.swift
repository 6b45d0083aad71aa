/// The locale keys a course's words live under, derived from its graph.
///
/// Lint uses this to report missing and unused translations; the runtime reads the same
/// keys through `Catalog`.
public enum CourseKeys {
    public struct Expectation: Sendable, Equatable {
        public var isRequired: Bool
        /// For scales: how many labels the list must hold.
        public var listCount: Int?
    }

    public static func title() -> String { "title" }
    /// One optional line about the course, shown under the table of `parcours list`.
    public static func notice() -> String { "notice" }
    public static func pathTitle(_ path: String) -> String { "paths." + path + ".title" }
    public static func pathSummary(_ path: String) -> String { "paths." + path + ".summary" }
    public static func dimension(_ id: String) -> String { "dimensions." + id }
    public static func scale(_ id: String) -> String { "scales." + id }
    public static func resourceTitle(_ id: String) -> String { "resources." + id + ".title" }
    public static func resourceSummary(_ id: String) -> String { "resources." + id + ".summary" }
    public static func reason(_ id: String) -> String { "reasons." + id }
    public static func step(_ id: String, _ field: String) -> String { "steps." + id + "." + field }
    public static func choiceLabel(_ step: String, _ choice: String) -> String {
        "steps.\(step).choices.\(choice).label"
    }
    public static func choiceFeedback(_ step: String, _ choice: String) -> String {
        "steps.\(step).choices.\(choice).feedback"
    }
    public static func item(_ step: String, _ item: String) -> String {
        "steps.\(step).items.\(item)"
    }
    public static func selfCheck(_ step: String, _ item: String) -> String {
        "steps.\(step).selfCheck.\(item)"
    }

    /// Every key the course's words may use, and whether each is required.
    public static func expected(for course: CourseFile) -> [String: Expectation] {
        expectations(for: course).keys
    }

    /// The expected keys, and the steps whose kind is unknown (their words cannot be judged).
    public static func expectations(for course: CourseFile) -> (
        keys: [String: Expectation], unknownKindSteps: Set<String>
    ) {
        var unknownKindSteps = Set<String>()
        var keys: [String: Expectation] = [:]
        func require(_ key: String, count: Int? = nil) {
            keys[key] = Expectation(isRequired: true, listCount: count)
        }
        func allow(_ key: String) {
            keys[key] = keys[key] ?? Expectation(isRequired: false, listCount: nil)
        }
        require(title())
        allow(notice())
        for path in course.paths {
            require(pathTitle(path.id.value))
            require(pathSummary(path.id.value))
        }
        for dimension in course.dimensions { require(self.dimension(dimension.value)) }
        for scale in course.scales { require(self.scale(scale.id.value), count: scale.points) }
        for resource in course.resources {
            require(resourceTitle(resource.id.value))
            require(resourceSummary(resource.id.value))
        }
        var seen = Set<String>()
        for step in course.steps where seen.insert(step.id.value).inserted {
            let id = step.id.value
            require(self.step(id, "title"))
            switch step.kind {
            case .lesson, .activity: require(self.step(id, "body"))
            case .question, .assessment, .resources, .checkpoint: allow(self.step(id, "body"))
            case nil: unknownKindSteps.insert(id)
            }
            if step.kind == .question {
                require(self.step(id, "prompt"))
                for choice in step.choices {
                    require(choiceLabel(id, choice.id.value))
                    require(choiceFeedback(id, choice.id.value))
                }
            }
            for item in step.items { require(self.item(id, item.id.value)) }
            if step.kind == .activity, step.hasDeliverable {
                require(self.step(id, "deliverable"))
                if step.hasTemplate { require(self.step(id, "template")) }
            }
            if step.kind == .activity {
                for item in step.selfCheck { require(selfCheck(id, item.value)) }
            }
            for recommendation in step.recommendations {
                require(reason(recommendation.reason.value))
            }
        }
        return (keys, unknownKindSteps)
    }
}
