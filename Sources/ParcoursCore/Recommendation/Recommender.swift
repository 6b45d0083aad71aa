/// Chooses the resources to offer from a learner's answers, scores and walk, each with its
/// reason, best first.
///
/// A resources step lists candidate recommendations; the learner is offered at most the
/// step's `limit` (5 by default) of those that:
/// - hold: their condition is true (or they have none);
/// - are new to the learner: not a resource their path covers (the path's `uses`), nor one
///   they worked through on a step they completed (the step's `uses`);
/// - suit their level (`LearnerLevel`): never two levels apart (research for a beginner,
///   discovery material for an advanced learner).
///
/// Ranked by, in turn:
/// 1. the level: a resource of the learner's own level first, then one without a level,
///    then one a level away;
/// 2. the reason: a recommendation whose condition holds (chosen for this learner) before
///    one offered to everyone;
/// 3. the order the author wrote them in.
///
/// A learner who has rated nothing has no level: only 2 and 3 rank the offers.
public enum Recommender {
    public struct Offer: Sendable, Equatable {
        public var resource: String
        /// A key under `reasons.` in the course's locale files.
        public var reason: String

        public init(resource: String, reason: String) {
            self.resource = resource
            self.reason = reason
        }
    }

    /// How many resources a resources step offers when it sets no `limit`.
    public static let defaultLimit = 5

    /// The offers of one resources step, best first.
    public static func offers(
        for step: Step, progress: LearnerProgress, course: Course, path: CoursePath?
    ) -> [Offer] {
        let facts = LearnerFacts(progress: progress, course: course)
        let used = usedResources(progress, course: course, path: path)
        let level = LearnerLevel.of(progress, course: course)
        var seen = Set<String>()
        var ranked: [(offer: Offer, distance: Int, general: Int, index: Int)] = []
        for (index, recommendation) in step.recommendations.enumerated() {
            guard let resource = course.resources[recommendation.resource], !used.contains(resource.id),
                recommendation.condition?.holds(in: facts, course: course) ?? true,
                seen.insert(resource.id).inserted,
                let distance = distance(resource.level, from: level)
            else { continue }
            ranked.append(
                (
                    Offer(resource: resource.id, reason: recommendation.reason), distance,
                    recommendation.condition == nil ? 1 : 0, index
                ))
        }
        ranked.sort { ($0.distance, $0.general, $0.index) < ($1.distance, $1.general, $1.index) }
        return ranked.prefix(step.recommendationLimit).map(\.offer)
    }

    /// How far a resource's level is from the learner's, in half levels (0: the same; 1: a
    /// resource for anyone; 2: a level away), or nil when it is two levels away.
    static func distance(_ resource: ResourceLevel?, from learner: LearnerLevel?) -> Int? {
        guard let learner, let resource else { return learner == nil ? 0 : 1 }
        let levels = abs(resource.rank - learner.rank)
        return levels > 1 ? nil : levels * 2
    }

    /// The resources the learner has no need to be offered: those their path covers, and
    /// those of the steps they completed.
    public static func usedResources(
        _ progress: LearnerProgress, course: Course, path: CoursePath?
    ) -> Set<String> {
        var used = Set(path?.uses ?? [])
        for id in progress.completed {
            if let uses = course.steps[id]?.uses { used.formUnion(uses) }
        }
        return used
    }

    /// Every offer of the resources steps the learner has reached on this path.
    public static func offersSoFar(progress: LearnerProgress, navigator: Navigator) -> [Offer] {
        var seen = Set<String>()
        var result: [Offer] = []
        for id in navigator.walk(progress) where progress.visited.contains(id) {
            guard let step = navigator.course.steps[id], step.kind == .resources else { continue }
            for offer in offers(for: step, progress: progress, course: navigator.course, path: navigator.path)
            where seen.insert(offer.resource).inserted {
                result.append(offer)
            }
        }
        return result
    }
}
