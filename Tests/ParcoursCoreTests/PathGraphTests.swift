import ParcoursCore
import Testing

@Suite("Path graph: reachability, loops and time bounds")
struct PathGraphTests {
    /// start(5) → quiz(2) ─branch→ deep(30, optional) → end(3, final)
    ///                  └─default→ short(4) ──────────→ end
    /// plus an optional loop: short → review(6) → short.
    static func graph() -> PathGraph {
        let shapes: [String: PathGraph.StepShape] = [
            "start": .init(
                minutes: 5, isOptional: false, isFinal: false, next: nil, branchTargets: []),
            "quiz": .init(
                minutes: 2, isOptional: false, isFinal: false, next: "short",
                branchTargets: ["deep"]),
            "deep": .init(
                minutes: 30, isOptional: true, isFinal: false, next: "end", branchTargets: []),
            "short": .init(
                minutes: 4, isOptional: false, isFinal: false, next: "end",
                branchTargets: ["review"]),
            "review": .init(
                minutes: 6, isOptional: false, isFinal: false, next: "short", branchTargets: []),
            "end": .init(
                minutes: 3, isOptional: false, isFinal: true, next: nil, branchTargets: []),
        ]
        return PathGraph(stepIDs: ["start", "quiz", "deep", "short", "review", "end"]) {
            shapes[$0]
        }
    }

    @Test func successorsFollowBranchesThenNext() {
        let graph = Self.graph()
        let quiz = graph.nodes[graph.index["quiz"] ?? -1]
        #expect(quiz.successors.map { graph.nodes[$0].id } == ["deep", "short"])
        #expect(graph.nodes[graph.index["end"] ?? -1].successors.isEmpty)
    }

    @Test func timeBounds() {
        let bounds = Self.graph().timeBounds()
        // Shortest: start, quiz, deep skipped (optional, 0), end = 5 + 2 + 0 + 3.
        #expect(bounds.shortest == 10)
        // Typical: start, quiz, short, end = 5 + 2 + 4 + 3.
        #expect(bounds.typical == 14)
        // Longest: start, quiz, deep, then end = 40, or via {short, review} once = 5+2+10+3 = 20.
        #expect(bounds.longest == 40)
    }

    @Test func loopWithExitIsOneComponent() {
        let graph = Self.graph()
        let loops = graph.components().filter { $0.count > 1 }
        #expect(loops.count == 1)
        #expect(Set(loops[0].map { graph.nodes[$0].id }) == ["short", "review"])
    }

    @Test func branchTargetsOffThePathAreInactive() {
        let shapes: [String: PathGraph.StepShape] = [
            "a": .init(
                minutes: 1, isOptional: false, isFinal: false, next: nil,
                branchTargets: ["only-on-long"]),
            "b": .init(minutes: 1, isOptional: false, isFinal: true, next: nil, branchTargets: []),
        ]
        let graph = PathGraph(stepIDs: ["a", "b"]) { shapes[$0] }
        #expect(graph.nodes[0].successors == [1])
        #expect(graph.reachable() == [true, true])
    }

    @Test func noFinalStepMeansNoShortestWalk() {
        let shapes: [String: PathGraph.StepShape] = [
            "a": .init(minutes: 1, isOptional: false, isFinal: false, next: "b", branchTargets: []),
            "b": .init(minutes: 1, isOptional: false, isFinal: false, next: "a", branchTargets: []),
        ]
        let graph = PathGraph(stepIDs: ["a", "b"]) { shapes[$0] }
        #expect(graph.shortestMinutes() == nil)
        #expect(graph.longestMinutes() == nil)
        #expect(graph.typicalMinutes() == 2)
    }

    @Test func largeChainStaysLinear() {
        let count = 20_000
        let ids = (0..<count).map { "s\($0)" }
        let graph = PathGraph(stepIDs: ids) { id in
            .init(
                minutes: 1, isOptional: false, isFinal: id == "s\(count - 1)", next: nil,
                branchTargets: [])
        }
        #expect(graph.timeBounds() == .init(shortest: count, typical: count, longest: count))
        #expect(graph.components().count == count)
    }
}
