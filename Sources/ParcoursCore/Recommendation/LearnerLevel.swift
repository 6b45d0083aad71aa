/// How far along a learner is, read from their latest self-assessment: recommendations
/// match it to each resource's `ResourceLevel`.
///
/// Each dimension's score (the mean of its items' latest ratings, as conditions read it) is
/// placed on its scale from 0 (the lowest point) to 1 (the highest); the level comes from
/// the mean over the dimensions rated. Below the middle of the scale, a beginner; from three
/// quarters up, an advanced learner; in between, intermediate. On a 4-point scale: ratings
/// of 1 and 2 make a beginner, 3 an intermediate learner, 4 an advanced one.
///
/// ```swift
/// LearnerLevel.of(progress, course: course)   // .beginner, or nil before any rating
/// ```
public enum LearnerLevel: String, Sendable, CaseIterable, Equatable {
    case beginner, intermediate, advanced

    /// 0, 1, 2: compared with `ResourceLevel.rank`.
    public var rank: Int {
        switch self {
        case .beginner: 0
        case .intermediate: 1
        case .advanced: 2
        }
    }

    /// The level of a mean position on the scales, 0…1.
    public init(position: Double) {
        self = position < 0.5 ? .beginner : position < 0.75 ? .intermediate : .advanced
    }

    /// The learner's level from their latest ratings, or nil when they have rated nothing
    /// (then no resource is set aside for its level).
    public static func of(_ progress: LearnerProgress, course: Course) -> LearnerLevel? {
        position(progress.latestRatings, course: course).map(LearnerLevel.init(position:))
    }

    /// The mean over the dimensions of each one's mean position, 0…1; nil without ratings.
    static func position(_ ratings: [String: Int], course: Course) -> Double? {
        var sums: [String: (total: Double, count: Int)] = [:]
        for (item, value) in ratings {
            guard let dimension = course.dimensionOfItem[item], let points = course.pointsOfItem[item], points > 1
            else { continue }
            let position = min(1, max(0, Double(value - 1) / Double(points - 1)))
            sums[dimension, default: (0, 0)].total += position
            sums[dimension, default: (0, 0)].count += 1
        }
        guard !sums.isEmpty else { return nil }
        return sums.values.reduce(0) { $0 + $1.total / Double($1.count) } / Double(sums.count)
    }
}
