/// The steps of one path as a directed graph, in the path's order.
///
/// Lint builds it from the file model and the runtime from the validated course, with the
/// same rules for successors:
/// - a final step has none;
/// - otherwise the targets of branches that lie on the path, then the explicit `next`
///   (when on the path), else the following step of the path's list.
public struct PathGraph: Sendable {
    /// What the graph needs to know of a step.
    public struct StepShape: Sendable {
        public var minutes: Int
        public var isOptional: Bool
        public var isFinal: Bool
        public var next: String?
        public var branchTargets: [String]

        public init(
            minutes: Int, isOptional: Bool, isFinal: Bool, next: String?, branchTargets: [String]
        ) {
            self.minutes = minutes
            self.isOptional = isOptional
            self.isFinal = isFinal
            self.next = next
            self.branchTargets = branchTargets
        }
    }

    public struct Node: Sendable {
        public let id: String
        public let minutes: Int
        public let isOptional: Bool
        public let isFinal: Bool
        /// Where the walk goes when no branch is taken.
        public let defaultNext: Int?
        /// Branch targets that lie on this path, in the order the branches are tried.
        public let branchTargets: [Int]

        /// Every step reachable in one move, branches first.
        public var successors: [Int] {
            defaultNext.map { branchTargets + [$0] } ?? branchTargets
        }
    }

    public let nodes: [Node]
    /// Node index by step id.
    public let index: StepIndex

    /// Builds the graph of `stepIDs`; ids that `shape` does not know are left out.
    public init(stepIDs: [String], shape: (String) -> StepShape?) {
        var index: [String: Int] = [:]
        var kept: [(String, StepShape)] = []
        for id in stepIDs where index[id] == nil {
            guard let found = shape(id) else { continue }
            index[id] = kept.count
            kept.append((id, found))
        }
        var nodes: [Node] = []
        nodes.reserveCapacity(kept.count)
        for (position, (id, step)) in kept.enumerated() {
            var defaultNext: Int?
            if !step.isFinal {
                // A `next` that leaves the path is a lint error; the walk then keeps to the list.
                if let next = step.next, let target = index[next] {
                    defaultNext = target
                } else if position + 1 < kept.count {
                    defaultNext = position + 1
                }
            }
            let targets = step.isFinal ? [] : step.branchTargets.compactMap { index[$0] }
            nodes.append(
                Node(
                    id: id, minutes: step.minutes, isOptional: step.isOptional,
                    isFinal: step.isFinal,
                    defaultNext: defaultNext, branchTargets: targets))
        }
        self.nodes = nodes
        self.index = StepIndex(kept.map(\.0))
    }

    public var start: Int? { nodes.isEmpty ? nil : 0 }
}
