/// A validated course: the immutable story a learner walks.
///
/// Built by `CourseBuilder` from a `CourseFile` that lint found clean, so every id it
/// holds resolves. Words live apart, in a `Catalog`.
///
/// ```swift
/// let course = try CourseLoader.load(graph: SourceText(path: "Paths/parcours-tour.yml", text: text))
/// let path = course.path("tour")   // CoursePath, with its PathGraph
/// ```
public struct Course: Sendable {
    public let id: String
    public let version: String
    /// A short hash of the graph file: learner progress records which content it was made on.
    public let contentHash: String
    public let sourceLanguage: String
    public let paths: [CoursePath]
    public let steps: [String: Step]
    public let dimensions: [String]
    public let scales: [String: Scale]
    public let resources: [String: Resource]
    /// The resource ids in catalogue order.
    public let resourceOrder: [String]
    /// The dimension each assessment item measures, computed once for conditions and scores.
    public let dimensionOfItem: [String: String]
    /// The points of the scale each assessment item is rated on (`LearnerLevel`).
    public let pointsOfItem: [String: Int]

    public init(
        id: String, version: String, contentHash: String, sourceLanguage: String,
        paths: [CoursePath],
        steps: [String: Step], dimensions: [String], scales: [String: Scale], resources: [Resource]
    ) {
        self.id = id
        self.version = version
        self.contentHash = contentHash
        self.sourceLanguage = sourceLanguage
        self.paths = paths
        self.steps = steps
        self.dimensions = dimensions
        self.scales = scales
        self.resources = Dictionary(
            resources.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        self.resourceOrder = resources.map(\.id)
        var dimensionOfItem: [String: String] = [:]
        var pointsOfItem: [String: Int] = [:]
        for step in steps.values {
            let points = step.scale.flatMap { scales[$0]?.points }
            for item in step.items {
                dimensionOfItem[item.id] = item.dimension
                pointsOfItem[item.id] = points
            }
        }
        self.dimensionOfItem = dimensionOfItem
        self.pointsOfItem = pointsOfItem
    }

    public func path(_ id: String) -> CoursePath? {
        paths.first { $0.id == id }
    }
}

/// One way through a course, with a time budget.
public struct CoursePath: Sendable {
    public let id: String
    public let budgetMinutes: Int
    public let tolerancePercent: Int
    public let stepIDs: [String]
    public let graph: PathGraph
    /// Resources the path itself covers (an official course of which it is a version):
    /// never recommended to its learners.
    public let uses: [String]
    /// The scaled score (0…1) the path's graded questions must reach for the path to be
    /// passed (`masteryScore`); nil: the path is only completed, never passed or failed.
    public let masteryScore: Double?

    public init(
        id: String, budgetMinutes: Int, tolerancePercent: Int, stepIDs: [String], graph: PathGraph,
        uses: [String] = [], masteryScore: Double? = nil
    ) {
        self.id = id
        self.budgetMinutes = budgetMinutes
        self.tolerancePercent = tolerancePercent
        self.stepIDs = stepIDs
        self.graph = graph
        self.uses = uses
        self.masteryScore = masteryScore
    }

    public var budgetSeconds: Int { budgetMinutes * 60 }
}

/// A scale for assessment items: ratings run from 1 to `points`.
public struct Scale: Sendable, Hashable {
    public let id: String
    public let points: Int
}

/// An entry of the resource catalogue.
public struct Resource: Sendable, Hashable {
    public let id: String
    public let kind: ResourceKind
    public let url: String
    public let minutes: Int
    /// Whom it suits: nil for any learner. Recommendations match it to the learner's level.
    public let level: ResourceLevel?

    public init(id: String, kind: ResourceKind, url: String, minutes: Int, level: ResourceLevel? = nil) {
        self.id = id
        self.kind = kind
        self.url = url
        self.minutes = minutes
        self.level = level
    }
}
