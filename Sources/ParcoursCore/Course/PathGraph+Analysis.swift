/// Reachability, strongly connected components and time bounds, all linear or
/// `O(E log V)`, so that lint stays fast on courses of tens of thousands of steps.
extension PathGraph {
    /// Which nodes a walk from the start can reach.
    public func reachable() -> [Bool] {
        var seen = [Bool](repeating: false, count: nodes.count)
        guard let start else { return seen }
        var stack = [start]
        seen[start] = true
        while let node = stack.popLast() {
            for next in nodes[node].successors where !seen[next] {
                seen[next] = true
                stack.append(next)
            }
        }
        return seen
    }

    /// Strongly connected components (Tarjan, iterative), sinks first.
    public func components() -> [[Int]] {
        let count = nodes.count
        var order = [Int](repeating: -1, count: count)
        var low = [Int](repeating: 0, count: count)
        var onStack = [Bool](repeating: false, count: count)
        var stack: [Int] = []
        var result: [[Int]] = []
        var counter = 0
        for root in 0..<count where order[root] < 0 {
            var work: [(node: Int, edge: Int)] = [(root, 0)]
            order[root] = counter
            low[root] = counter
            counter += 1
            stack.append(root)
            onStack[root] = true
            while let (node, edge) = work.last {
                let successors = nodes[node].successors
                if edge < successors.count {
                    work[work.count - 1].edge += 1
                    let next = successors[edge]
                    if order[next] < 0 {
                        order[next] = counter
                        low[next] = counter
                        counter += 1
                        stack.append(next)
                        onStack[next] = true
                        work.append((next, 0))
                    } else if onStack[next] {
                        low[node] = min(low[node], order[next])
                    }
                    continue
                }
                work.removeLast()
                if let parent = work.last?.node {
                    low[parent] = min(low[parent], low[node])
                }
                if low[node] == order[node] {
                    var component: [Int] = []
                    while let member = stack.popLast() {
                        onStack[member] = false
                        component.append(member)
                        if member == node { break }
                    }
                    result.append(component)
                }
            }
        }
        return result
    }

    /// Minutes of the three walks lint reports for a path.
    public struct TimeBounds: Sendable, Equatable {
        /// The cheapest walk from the start to a final step, skipping optional steps; nil when
        /// no final step can be reached.
        public var shortest: Int?
        /// The default walk: no branch taken, optional steps included.
        public var typical: Int
        /// Every reachable step on the way to a final step, each loop counted once.
        public var longest: Int?

        public init(shortest: Int?, typical: Int, longest: Int?) {
            self.shortest = shortest
            self.typical = typical
            self.longest = longest
        }
    }

    /// `condensation`, when given, must be `condensation()`.
    public func timeBounds(condensation: Condensation? = nil) -> TimeBounds {
        TimeBounds(
            shortest: shortestMinutes(), typical: typicalMinutes(),
            longest: longestMinutes(condensation: condensation))
    }

    /// The steps of the default walk from `from`, until a final step, a dead end or a loop.
    public func defaultWalk(from: Int? = nil) -> [Int] {
        guard var node = from ?? start else { return [] }
        var seen = Set<Int>()
        var walk: [Int] = []
        while seen.insert(node).inserted {
            walk.append(node)
            guard let next = nodes[node].defaultNext else { break }
            node = next
        }
        return walk
    }

    public func typicalMinutes() -> Int {
        defaultWalk().reduce(0) { $0 + nodes[$1].minutes }
    }

    private func cost(_ node: Int) -> Int {
        nodes[node].isOptional ? 0 : nodes[node].minutes
    }

    /// Dijkstra with node weights; optional steps cost nothing because they can be skipped.
    public func shortestMinutes() -> Int? {
        guard let start else { return nil }
        var best = [Int](repeating: .max, count: nodes.count)
        var heap = MinHeap()
        best[start] = cost(start)
        heap.push(best[start], start)
        while let (distance, node) = heap.pop() {
            guard distance == best[node] else { continue }
            if nodes[node].isFinal { return distance }
            for next in nodes[node].successors {
                let candidate = distance + cost(next)
                if candidate < best[next] {
                    best[next] = candidate
                    heap.push(candidate, next)
                }
            }
        }
        return nil
    }

    /// Longest walk over the condensation: each component counts all of its steps once.
    /// `condensation`, when given, must be `condensation()`.
    public func longestMinutes(condensation: Condensation? = nil) -> Int? {
        guard let start else { return nil }
        let condensation = condensation ?? self.condensation()
        let components = condensation.components
        let componentOf = condensation.componentOf
        // Tarjan emits sinks first, so every successor component is done before its parent.
        var best = [Int?](repeating: nil, count: components.count)
        for (number, members) in components.enumerated() {
            let weight = members.reduce(0) { $0 + nodes[$1].minutes }
            var tail: Int? = members.contains { nodes[$0].isFinal } ? 0 : nil
            for member in members {
                for next in nodes[member].successors where componentOf[next] != number {
                    if let after = best[componentOf[next]] { tail = max(tail ?? 0, after) }
                }
            }
            best[number] = tail.map { $0 + weight }
        }
        return best[componentOf[start]]
    }
}

/// A small binary min-heap of (priority, value) pairs for Dijkstra.
struct MinHeap {
    private var items: [(Int, Int)] = []

    mutating func push(_ priority: Int, _ value: Int) {
        items.append((priority, value))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].0 < items[parent].0 else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            let right = left + 1
            var smallest = parent
            if left < items.count, items[left].0 < items[smallest].0 { smallest = left }
            if right < items.count, items[right].0 < items[smallest].0 { smallest = right }
            guard smallest != parent else { break }
            items.swapAt(parent, smallest)
            parent = smallest
        }
        return top
    }
}
