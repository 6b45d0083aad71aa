/// The walks a path's branches allow, and their time once the walk adapts to the budget.
///
/// A *walk* is a route from the start to a final step that the branches allow, conditions
/// on different questions taken as independent: a route over the graph's condensation
/// (each loop counted once), never an enumeration of answer combinations.
///
/// *Adaptation*, as lint models it (conservatively): the optional steps of a walk up to its
/// last branch point count as taken (they may be done by the time the branch is known);
/// those after it may be set aside, down to the budget. A walk of `total` minutes, of which
/// `fixed` cannot be set aside, then takes `min(total, max(budget, fixed))`.
///
/// Every figure is computed in one pass over the condensation, `O(V + E)`: the walk's
/// time after adaptation only grows with the minutes before its last branch point, so the
/// heaviest (lightest) walk whose last branch point is a component `c`, followed by the
/// branch-free tail from its successor `s`, is the heaviest (lightest) route to `c`
/// followed by that tail.
extension PathGraph {
    /// The strongly connected components, computed once and shared by the analyses.
    public struct Condensation: Sendable {
        /// The components, sinks first (Tarjan's order: a reverse topological order).
        public let components: [[Int]]
        /// The component of each node.
        public let componentOf: [Int]
    }

    public func condensation() -> Condensation {
        let components = components()
        var componentOf = [Int](repeating: 0, count: nodes.count)
        for (number, members) in components.enumerated() {
            for member in members { componentOf[member] = number }
        }
        return Condensation(components: components, componentOf: componentOf)
    }

    /// The walks of a path, after adaptation to its budget.
    public struct WalkBounds: Sendable, Equatable {
        /// The lightest walk's minutes after adaptation; nil when no final step is reachable.
        public var lightest: Int?
        /// The default walk (no branch taken, optional steps included) after adaptation.
        public var typical: Int
        /// The heaviest walk's minutes after adaptation; nil when no final step is reachable.
        public var heaviest: Int?
        /// The fewest and the most steps a walk offers (before any is set aside).
        public var fewestSteps: Int?
        public var mostSteps: Int?

        public init(lightest: Int?, typical: Int, heaviest: Int?, fewestSteps: Int?, mostSteps: Int?) {
            self.lightest = lightest
            self.typical = typical
            self.heaviest = heaviest
            self.fewestSteps = fewestSteps
            self.mostSteps = mostSteps
        }
    }

    /// A walk's minutes after adaptation: `total`, or down to the budget but never below
    /// `fixed` (what cannot be set aside). Without a budget, nothing adapts.
    public static func adapted(total: Int, fixed: Int, budget: Int?) -> Int {
        guard let budget else { return total }
        return min(total, max(budget, fixed))
    }

    /// The default walk's minutes after adaptation to `budget`.
    public func typicalAdaptedMinutes(budget: Int?) -> Int {
        let walk = defaultWalk()
        let lastBranch = walk.lastIndex { !nodes[$0].branchTargets.isEmpty } ?? -1
        var total = 0
        var fixed = 0
        for (position, node) in walk.enumerated() {
            total += nodes[node].minutes
            if position <= lastBranch || !nodes[node].isOptional { fixed += nodes[node].minutes }
        }
        return Self.adapted(total: total, fixed: fixed, budget: budget)
    }

    /// The lightest, typical and heaviest walks after adaptation to `budget`, and the range
    /// of step counts. `condensation`, when given, must be `condensation()`.
    public func walkBounds(budget: Int?, condensation: Condensation? = nil) -> WalkBounds {
        var bounds = WalkBounds(
            lightest: nil, typical: typicalAdaptedMinutes(budget: budget), heaviest: nil, fewestSteps: nil,
            mostSteps: nil)
        guard let start else { return bounds }
        let condensation = condensation ?? self.condensation()
        let components = condensation.components
        let componentOf = condensation.componentOf
        let count = components.count
        // Per component: all its minutes, its required minutes, its steps, whether a step of
        // it branches, whether it is a final step.
        var weight = [Int](repeating: 0, count: count)
        var required = [Int](repeating: 0, count: count)
        var isBranch = [Bool](repeating: false, count: count)
        var isFinal = [Bool](repeating: false, count: count)
        for (number, members) in components.enumerated() {
            for member in members {
                let node = nodes[member]
                weight[number] += node.minutes
                if !node.isOptional { required[number] += node.minutes }
                if !node.branchTargets.isEmpty { isBranch[number] = true }
                if node.isFinal { isFinal[number] = true }
            }
        }
        // The branch-free tail from each component to a final step: (minutes, required
        // minutes, steps), or nil. Branch-free, a step has one way on: its default next (a
        // branch-free loop has no way out). Successors come first in Tarjan's order.
        var tail = [(total: Int, required: Int, steps: Int)?](repeating: nil, count: count)
        for number in 0..<count where !isBranch[number] {
            let members = components[number]
            if isFinal[number] {
                tail[number] = (weight[number], required[number], members.count)
            } else if members.count == 1, let next = nodes[members[0]].defaultNext,
                componentOf[next] != number, let after = tail[componentOf[next]]
            {
                tail[number] = (
                    after.total + weight[number], after.required + required[number], after.steps + 1
                )
            }
        }
        // The heaviest and lightest routes from the start to each component (its own
        // minutes and steps included), in topological order.
        var heavy = [Int](repeating: .min, count: count)
        var light = [Int](repeating: .max, count: count)
        var most = [Int](repeating: .min, count: count)
        var fewest = [Int](repeating: .max, count: count)
        let first = componentOf[start]
        heavy[first] = weight[first]
        light[first] = weight[first]
        most[first] = components[first].count
        fewest[first] = components[first].count
        func record(minutes: (heavy: Int, light: Int), steps: (most: Int, fewest: Int)) {
            bounds.heaviest = max(bounds.heaviest ?? .min, minutes.heavy)
            bounds.lightest = min(bounds.lightest ?? .max, minutes.light)
            bounds.mostSteps = max(bounds.mostSteps ?? .min, steps.most)
            bounds.fewestSteps = min(bounds.fewestSteps ?? .max, steps.fewest)
        }
        // No branch point at all: the one walk is the start's tail, nothing counts as taken.
        if !isBranch[first], let only = tail[first] {
            let minutes = Self.adapted(total: only.total, fixed: only.required, budget: budget)
            record(minutes: (minutes, minutes), steps: (only.steps, only.steps))
        }
        for number in stride(from: count - 1, through: 0, by: -1) where heavy[number] != .min {
            for member in components[number] {
                for next in nodes[member].successors where componentOf[next] != number {
                    let target = componentOf[next]
                    heavy[target] = max(heavy[target], heavy[number] + weight[target])
                    light[target] = min(light[target], light[number] + weight[target])
                    most[target] = max(most[target], most[number] + components[target].count)
                    fewest[target] = min(fewest[target], fewest[number] + components[target].count)
                    // `number` as the walk's last branch point, the tail from `target` after it.
                    guard isBranch[number], !isBranch[target], let after = tail[target] else { continue }
                    record(
                        minutes: (
                            Self.adapted(
                                total: heavy[number] + after.total, fixed: heavy[number] + after.required,
                                budget: budget),
                            Self.adapted(
                                total: light[number] + after.total, fixed: light[number] + after.required,
                                budget: budget)
                        ),
                        steps: (most[number] + after.steps, fewest[number] + after.steps))
                }
            }
        }
        return bounds
    }
}
