import ParcoursCore
import ParcoursTestSupport
import Testing

@Suite("Path graph: walks after adaptation to the budget")
struct PathGraphWalkTests {
    /// start(5) → quiz(2) ─branch→ deep(30, optional) → end(3, final)
    ///                  └─default→ short(4) → extra(6, optional) → end
    static func graph() -> PathGraph {
        let shapes: [String: PathGraph.StepShape] = [
            "start": .init(minutes: 5, isOptional: false, isFinal: false, next: nil, branchTargets: []),
            "quiz": .init(minutes: 2, isOptional: false, isFinal: false, next: "short", branchTargets: ["deep"]),
            "deep": .init(minutes: 30, isOptional: true, isFinal: false, next: "end", branchTargets: []),
            "short": .init(minutes: 4, isOptional: false, isFinal: false, next: nil, branchTargets: []),
            "extra": .init(minutes: 6, isOptional: true, isFinal: false, next: nil, branchTargets: []),
            "end": .init(minutes: 3, isOptional: false, isFinal: true, next: nil, branchTargets: []),
        ]
        return PathGraph(stepIDs: ["start", "quiz", "deep", "short", "extra", "end"]) { shapes[$0] }
    }

    @Test func withoutBudgetNothingAdapts() {
        let walks = Self.graph().walkBounds(budget: nil)
        // Default: 5 + 2 + 4 + 6 + 3 = 20; branch: 5 + 2 + 30 + 3 = 40.
        #expect(walks == .init(lightest: 20, typical: 20, heaviest: 40, fewestSteps: 4, mostSteps: 5))
    }

    @Test func optionalStepsAfterTheLastBranchGoDownToTheBudget() {
        let walks = Self.graph().walkBounds(budget: 15)
        // Default: quiz is its last branch point; extra (after it) may go: 20 → 14 (not
        // below the 14 that cannot go), so max(15, 14) = 15.
        #expect(walks.typical == 15)
        // Branch: deep comes after quiz and may go: down to the budget, 15.
        #expect(walks.heaviest == 15)
        #expect(walks.lightest == 15)
    }

    @Test func optionalStepsBeforeTheLastBranchCountAsTaken() {
        // An optional step before a later branch point may be done by the time that branch
        // is known: it counts.
        let shapes: [String: PathGraph.StepShape] = [
            "a": .init(minutes: 10, isOptional: true, isFinal: false, next: nil, branchTargets: []),
            "q": .init(minutes: 1, isOptional: false, isFinal: false, next: nil, branchTargets: ["z"]),
            "b": .init(minutes: 5, isOptional: false, isFinal: false, next: nil, branchTargets: []),
            "z": .init(minutes: 1, isOptional: false, isFinal: true, next: nil, branchTargets: []),
        ]
        let graph = PathGraph(stepIDs: ["a", "q", "b", "z"]) { shapes[$0] }
        let walks = graph.walkBounds(budget: 8)
        #expect(walks.heaviest == 17)  // a, q, b, z: nothing after q is optional
        #expect(walks.lightest == 12)  // a, q, z
        #expect(walks.typical == 17)
    }

    @Test func loopsCountOnceAndNoFinalMeansNoWalk() {
        let looping: [String: PathGraph.StepShape] = [
            "a": .init(minutes: 1, isOptional: false, isFinal: false, next: "b", branchTargets: []),
            "b": .init(minutes: 1, isOptional: false, isFinal: false, next: "a", branchTargets: []),
        ]
        let closed = PathGraph(stepIDs: ["a", "b"]) { looping[$0] }.walkBounds(budget: 10)
        #expect(closed.heaviest == nil && closed.lightest == nil && closed.mostSteps == nil)
        // short ⇄ review is one component: counted once, as `longestMinutes` does.
        let graph = PathGraphTests.graph()
        let walks = graph.walkBounds(budget: nil)
        #expect(walks.heaviest == graph.longestMinutes())
        #expect(walks.heaviest == 40)
        #expect(walks.lightest == 20)
    }

    /// Every walk of a DAG, enumerated: the plain definition the linear pass must agree with.
    static func bruteForce(_ graph: PathGraph, budget: Int?) -> (
        lightest: Int?, heaviest: Int?, fewest: Int?, most: Int?
    ) {
        var result: (lightest: Int?, heaviest: Int?, fewest: Int?, most: Int?) = (nil, nil, nil, nil)
        func visit(_ node: Int, _ walk: [Int]) {
            let walk = walk + [node]
            if graph.nodes[node].isFinal {
                let last = walk.lastIndex { !graph.nodes[$0].branchTargets.isEmpty } ?? -1
                var total = 0
                var fixed = 0
                for (position, step) in walk.enumerated() {
                    total += graph.nodes[step].minutes
                    if position <= last || !graph.nodes[step].isOptional { fixed += graph.nodes[step].minutes }
                }
                let adapted = budget.map { min(total, max($0, fixed)) } ?? total
                result.lightest = min(result.lightest ?? .max, adapted)
                result.heaviest = max(result.heaviest ?? .min, adapted)
                result.fewest = min(result.fewest ?? .max, walk.count)
                result.most = max(result.most ?? .min, walk.count)
                return
            }
            for next in graph.nodes[node].successors { visit(next, walk) }
        }
        if !graph.nodes.isEmpty { visit(0, []) }
        return result
    }

    /// A random DAG of a few steps: `next` and branches only point forward.
    static func randomGraph(_ random: inout SeededGenerator) -> PathGraph {
        let count = 2 + random.below(8)
        let ids = (0..<count).map { "s\($0)" }
        var shapes: [String: PathGraph.StepShape] = [:]
        for index in 0..<count {
            let forward = count - index - 1
            let isFinal = index == count - 1 || random.below(6) == 0
            let next = forward > 1 && random.below(3) == 0 ? ids[index + 1 + random.below(forward)] : nil
            let branches =
                forward > 0 ? (0..<random.below(3)).map { _ in ids[index + 1 + random.below(forward)] } : []
            shapes[ids[index]] = .init(
                minutes: random.below(12), isOptional: random.below(2) == 0, isFinal: isFinal, next: next,
                branchTargets: branches)
        }
        return PathGraph(stepIDs: ids) { shapes[$0] }
    }

    @Test("the linear pass equals the enumeration of every walk, on random DAGs")
    func matchesBruteForce() {
        var random = SeededGenerator(seed: 15)
        for round in 0..<3_000 {
            let graph = Self.randomGraph(&random)
            let budget: Int? = round % 4 == 0 ? nil : random.below(60)
            let expected = Self.bruteForce(graph, budget: budget)
            let walks = graph.walkBounds(budget: budget)
            #expect(walks.lightest == expected.lightest, "round \(round)")
            #expect(walks.heaviest == expected.heaviest, "round \(round)")
            #expect(walks.fewestSteps == expected.fewest, "round \(round)")
            #expect(walks.mostSteps == expected.most, "round \(round)")
            if walks.heaviest == nil { continue }
            // Without a budget the heaviest walk is the longest one.
            if budget == nil { #expect(walks.heaviest == graph.longestMinutes(), "round \(round)") }
        }
    }

    @Test func largeBranchingCourseStaysLinear() {
        // 20,000 steps, a question every other step branching two ahead: 2^10,000 walks.
        let count = 20_000
        let ids = (0..<count).map { "s\($0)" }
        let graph = PathGraph(stepIDs: ids) { id in
            let index = Int(id.dropFirst()) ?? 0
            return .init(
                minutes: 1, isOptional: index % 2 == 1, isFinal: index == count - 1, next: nil,
                branchTargets: index % 2 == 0 && index + 2 < count ? [ids[index + 2]] : [])
        }
        let walks = graph.walkBounds(budget: nil)
        #expect(walks.heaviest == count)
        // Every even step, then the final one (s19998 has no branch: s20000 does not exist).
        #expect(walks.lightest == count / 2 + 1)
        #expect(walks.fewestSteps == count / 2 + 1)
    }
}
