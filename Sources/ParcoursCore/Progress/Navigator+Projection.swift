/// The walk the navigator predicts from a learner's answers so far: what the step count,
/// the walk's adaptation to the budget and `plan` all look at.
extension Navigator {
    /// The projected walk: the steps seen so far, then the route ahead as things stand
    /// (known answers take their branches, unknown ones the default), steps set aside or
    /// waived ahead of time left out.
    public struct Projection: Sendable, Equatable {
        /// Every step of the walk, in order: what the prompt's `n/N` counts.
        public var steps: [String]
        /// The estimates of the walk's steps, done or ahead, waived steps left out: the time
        /// the adaptation holds against the budget, whatever the learner's speed.
        public var minutes: Int
        /// The estimates of the steps not yet done from the current one (included) onwards.
        public var remainingMinutes: Int
        /// The optional steps after the current one, not done nor seen yet, in walk order:
        /// what may be set aside.
        public var optionalAhead: [String]
    }

    /// The walk predicted from `progress`. Linear in the walk's length.
    public func projection(_ progress: LearnerProgress) -> Projection {
        let facts = LearnerFacts(progress: progress, course: course)
        let nodes = self.nodes(of: progress)
        let graph = path.graph
        let walk = walkIndices(progress, facts: facts, nodes: nodes)
        var minutes = 0
        for index in walk {
            let id = graph.nodes[index].id
            // A step waived and never completed is not part of the walk's time.
            if progress.waived.isEmpty || progress.waived[id] == nil || progress.hasCompleted(id) {
                minutes += graph.nodes[index].minutes
            }
        }
        var remaining = 0
        var optionalAhead: [String] = []
        if nodes.current >= 0 {
            var seen = [Bool](repeating: false, count: graph.nodes.count)
            for index in nodes.visited where index >= 0 { seen[index] = true }
            let route = self.route(from: nodes.current, progress: progress, facts: facts)
            for (position, index) in route.enumerated() {
                let node = graph.nodes[index]
                guard !progress.isDone(node.id) else { continue }
                remaining += node.minutes
                if position > 0, node.isOptional, !seen[index] { optionalAhead.append(node.id) }
            }
        }
        return Projection(
            steps: walk.map { graph.nodes[$0].id }, minutes: minutes, remainingMinutes: remaining,
            optionalAhead: optionalAhead)
    }
}
