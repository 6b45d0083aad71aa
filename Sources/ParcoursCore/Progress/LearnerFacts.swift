/// What conditions may look at, drawn from a learner's progress on a course.
///
/// The latest score of each dimension is worked out once, when the facts are drawn: a walk
/// ahead asks for it at every branch on a score (`Navigator.route` draws the facts once
/// per walk).
public struct LearnerFacts: ConditionFacts {
    /// The latest answer to each question (only what conditions read is kept: a report
    /// draws facts for 10,000 learners, and copying a whole progress retains its every array).
    private let answers: [String: LearnerProgress.Answer]
    private let dimensionOfItem: [String: String]
    /// The mean of the latest ratings of each dimension's items: `scores(progress.latestRatings)`.
    public let latestScores: [String: Double]

    public init(progress: borrowing LearnerProgress, course: borrowing Course) {
        self.answers = progress.answers
        self.dimensionOfItem = course.dimensionOfItem
        self.latestScores =
            progress.ratingsByStep.isEmpty
            ? [:] : Self.scores(progress.latestRatings, dimensionOfItem: course.dimensionOfItem)
    }

    public func latestChoices(for question: String) -> Set<String>? {
        answers[question].map { Set($0.choices) }
    }

    public func score(of dimension: String) -> Double? {
        latestScores[dimension]
    }

    /// Mean rating per dimension for a set of item ratings.
    public func scores(_ ratings: [String: Int]) -> [String: Double] {
        Self.scores(ratings, dimensionOfItem: dimensionOfItem)
    }

    private static func scores(_ ratings: [String: Int], dimensionOfItem: [String: String]) -> [String: Double] {
        var sums: [String: (total: Int, count: Int)] = [:]
        for (item, value) in ratings {
            guard let dimension = dimensionOfItem[item] else { continue }
            sums[dimension, default: (0, 0)].total += value
            sums[dimension, default: (0, 0)].count += 1
        }
        return sums.mapValues { Double($0.total) / Double($0.count) }
    }
}
