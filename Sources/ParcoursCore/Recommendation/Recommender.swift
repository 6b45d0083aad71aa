/// Chooses the resources to offer from a learner's answers and scores, each with its reason.
public enum Recommender {
    public struct Offer: Sendable, Equatable {
        public var resource: String
        /// A key under `reasons.` in the course's locale files.
        public var reason: String
    }

    /// The offers of one resources step: recommendations whose condition holds (or has none).
    public static func offers(for step: Step, progress: LearnerProgress, course: Course) -> [Offer] {
        let facts = LearnerFacts(progress: progress, course: course)
        var seen = Set<String>()
        return step.recommendations.filter { recommendation in
            (recommendation.condition?.holds(in: facts, course: course) ?? true)
                && course.resources[recommendation.resource] != nil
                && seen.insert(recommendation.resource).inserted
        }.map { Offer(resource: $0.resource, reason: $0.reason) }
    }

    /// Every offer of the resources steps the learner has reached on this path.
    public static func offersSoFar(progress: LearnerProgress, navigator: Navigator) -> [Offer] {
        var seen = Set<String>()
        var result: [Offer] = []
        for id in navigator.walk(progress) where progress.visited.contains(id) {
            guard let step = navigator.course.steps[id], step.kind == .resources else { continue }
            for offer in offers(for: step, progress: progress, course: navigator.course)
            where seen.insert(offer.resource).inserted {
                result.append(offer)
            }
        }
        return result
    }
}
