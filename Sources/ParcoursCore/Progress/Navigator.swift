/// Decides where a learner goes on a path, from the course and their progress.
///
/// Pure: the same course, path and progress always give the same answer, which is what
/// lets resume, reports and tests agree.
///
/// Walks run on the path's graph by node index (its `minutes`, `isOptional`, `isFinal` and
/// `defaultNext` are the course's own, copied when the path was built), and draw the
/// learner's `LearnerFacts` once per walk: a cohort report walks 10,000 learners.
public struct Navigator: Sendable {
    public let course: Course
    public let path: CoursePath
    /// Per node, the branches of its step that lead to a node of this path, in the order
    /// they are tried: a walk looks no step up by name.
    private let branches: [[(target: Int, condition: Condition)]]

    public init(course: Course, path: CoursePath) {
        self.course = course
        self.path = path
        branches = path.graph.nodes.map { node in
            guard !node.branchTargets.isEmpty, let definition = course.steps[node.id] else { return [] }
            return definition.branches.compactMap { branch in
                path.graph.index[branch.target].map { (target: $0, condition: branch.condition) }
            }
        }
    }

    public var firstStep: String? { path.graph.nodes.first?.id }

    /// Where to go after `step`: the first branch that holds and lies on the path, else the
    /// default next. Steps already waived ahead of time (by the planner) are passed over.
    public func successor(of step: String, progress: LearnerProgress) -> String? {
        guard let index = path.graph.index[step] else { return nil }
        let facts = LearnerFacts(progress: progress, course: course)
        return successor(of: index, facts: facts, passedOver: passedOver(progress)).map { path.graph.nodes[$0].id }
    }

    /// The nodes a walk passes over: waived ahead of time and not completed since. Empty
    /// when nothing is waived, as it mostly is.
    func passedOver(_ progress: LearnerProgress) -> [Bool] {
        guard !progress.waived.isEmpty else { return [] }
        var passed = [Bool](repeating: false, count: path.graph.nodes.count)
        for step in progress.waived.keys where !progress.hasCompleted(step) {
            if let index = path.graph.index[step] { passed[index] = true }
        }
        return passed
    }

    /// A learner's steps looked up on this path once, for the walk, the pace and a report's
    /// funnel, which would otherwise each look them up again (a report sums up 10,000
    /// learners, about 150 lookups each). For the report's hot path only: the public walks
    /// draw them themselves.
    package struct StepNodes: Sendable {
        /// The node of each entry of `progress.visited`, in order; -1 for a step the path
        /// does not have.
        package let visited: [Int]
        /// The node of each entry of `progress.completed`, in order; -1 likewise.
        package let completed: [Int]
        /// The node of the current step; -1 when there is none or the path does not have it.
        package let current: Int
    }

    /// `progress`'s visited, completed and current steps as nodes of this path.
    package func nodes(of progress: LearnerProgress) -> StepNodes {
        let index = path.graph.index
        return StepNodes(
            visited: progress.visited.map { index[$0] ?? -1 },
            completed: progress.completed.map { index[$0] ?? -1 },
            current: progress.currentStep.flatMap { index[$0] } ?? -1)
    }

    /// `successor(of:progress:)` by node index, with the learner's facts and the nodes to
    /// pass over drawn once for a whole walk.
    func successor(of index: Int, facts: LearnerFacts, passedOver: [Bool]) -> Int? {
        var candidate = immediateSuccessor(of: index, facts: facts)
        guard !passedOver.isEmpty else { return candidate }
        var guardCount = 0
        while let next = candidate, passedOver[next], guardCount < path.graph.nodes.count {
            candidate = immediateSuccessor(of: next, facts: facts)
            guardCount += 1
        }
        return candidate
    }

    /// The first branch of the node's step that holds and lies on the path, else its default
    /// next.
    func immediateSuccessor(of index: Int, facts: LearnerFacts) -> Int? {
        // The node's fields read in place: a copy of the node retains and releases each of
        // its texts, at every step of every walk (a report walks 10,000 learners).
        if path.graph.nodes[index].isFinal { return nil }
        for branch in branches[index] where branch.condition.holds(in: facts, course: course) {
            return branch.target
        }
        return path.graph.nodes[index].defaultNext
    }

    public func isFinal(_ step: String) -> Bool {
        path.graph.index[step].map { path.graph.nodes[$0].isFinal } ?? false
    }

    /// The walk still ahead from `step` (included) as things stand, until a final step.
    public func route(from step: String?, progress: LearnerProgress) -> [String] {
        guard let step else { return [] }
        guard let start = path.graph.index[step] else { return [step] }
        return route(from: start, progress: progress).map { path.graph.nodes[$0].id }
    }

    /// `route(from:progress:)` as node indices, facts drawn once (or given).
    func route(from start: Int, progress: LearnerProgress, facts: LearnerFacts? = nil) -> [Int] {
        let facts = facts ?? LearnerFacts(progress: progress, course: course)
        let passedOver = passedOver(progress)
        var seen = [Bool](repeating: false, count: path.graph.nodes.count)
        var route: [Int] = []
        // Room for the rest of the path at once: grown step by step, a walk reallocated its
        // array about six times, for each of a report's 10,000 learners.
        route.reserveCapacity(path.graph.nodes.count - start)
        var current = start
        while !seen[current] {
            seen[current] = true
            route.append(current)
            guard let next = successor(of: current, facts: facts, passedOver: passedOver) else { break }
            current = next
        }
        return route
    }

    /// The steps that make up this learner's walk: those seen so far, then those ahead.
    public func walk(_ progress: LearnerProgress) -> [String] {
        walkIndices(progress).map { path.graph.nodes[$0].id }
    }

    /// `walk(_:)` as node indices: steps the path no longer has are left out. `nodes`, when
    /// given, must be `nodes(of: progress)`.
    func walkIndices(_ progress: LearnerProgress, facts: LearnerFacts? = nil, nodes: StepNodes? = nil) -> [Int] {
        let nodes = nodes ?? self.nodes(of: progress)
        var seen = [Bool](repeating: false, count: path.graph.nodes.count)
        var steps: [Int] = []
        steps.reserveCapacity(path.graph.nodes.count)
        for index in nodes.visited where index >= 0 && !seen[index] {
            seen[index] = true
            steps.append(index)
        }
        if nodes.current >= 0 {
            for index in route(from: nodes.current, progress: progress, facts: facts) where !seen[index] {
                seen[index] = true
                steps.append(index)
            }
        }
        return steps
    }

    /// Core (non-optional) steps of the learner's walk, not waived in advance.
    public func requiredSteps(_ progress: LearnerProgress) -> [String] {
        walkIndices(progress).filter { !path.graph.nodes[$0].isOptional }.map { path.graph.nodes[$0].id }
    }

    public func completedRequired(_ progress: LearnerProgress) -> Int {
        requiredCounts(progress).completed
    }

    /// How many required steps the learner's walk holds, and how many of them are completed:
    /// `completedRequired` and `requiredSteps(_:).count` from one walk.
    ///
    /// `facts`, when given, must be `LearnerFacts(progress: progress, course: course)`, and
    /// `nodes` must be `nodes(of: progress)`: a caller that needs them too (the report) draws
    /// them once.
    package func requiredCounts(_ progress: LearnerProgress, facts: LearnerFacts? = nil, nodes: StepNodes? = nil)
        -> (completed: Int, required: Int)
    {
        let nodes = nodes ?? self.nodes(of: progress)
        var completed = [Bool](repeating: false, count: path.graph.nodes.count)
        for index in nodes.completed where index >= 0 { completed[index] = true }
        var count = (completed: 0, required: 0)
        for index in walkIndices(progress, facts: facts, nodes: nodes) where !path.graph.nodes[index].isOptional {
            count.required += 1
            if completed[index] { count.completed += 1 }
        }
        return count
    }

    /// Place in the walk for the prompt: (position of the current step, length of the walk).
    public func position(_ progress: LearnerProgress) -> (current: Int, total: Int) {
        let steps = walk(progress)
        let index = progress.currentStep.flatMap { steps.firstIndex(of: $0) } ?? 0
        return (index + 1, steps.count)
    }

    /// The step before the current one, for `back`.
    public func previous(_ progress: LearnerProgress) -> String? {
        guard let current = progress.currentStep,
            let firstVisit = progress.visited.firstIndex(of: current)
        else { return nil }
        // What came before the step's first visit: going back twice must not bounce forward.
        return progress.visited[..<firstVisit].last { path.graph.index[$0] != nil }
    }

    /// Where to resume after the course may have changed: the current step if it still
    /// exists, else the first step of the path not yet done. Also lists the steps of the
    /// old progress that the path no longer has.
    public func resumePoint(_ progress: LearnerProgress) -> (step: String?, removed: [String]) {
        var seen = Set<String>()
        let removed = (progress.visited + progress.completed).filter {
            path.graph.index[$0] == nil && seen.insert($0).inserted
        }
        if let current = progress.currentStep, path.graph.index[current] != nil {
            return (current, removed)
        }
        let next =
            path.stepIDs.first { path.graph.index[$0] != nil && !progress.isDone($0) } ?? firstStep
        return (next, removed)
    }

    /// Minutes the author planned for the steps already behind the learner.
    public func plannedMinutesSoFar(_ progress: LearnerProgress) -> Int {
        plannedMinutesSoFar(progress, nodes: nodes(of: progress))
    }

    /// `plannedMinutesSoFar(_:)` with the learner's nodes drawn by the caller: `nodes` must be
    /// `nodes(of: progress)`.
    package func plannedMinutesSoFar(_ progress: LearnerProgress, nodes: StepNodes) -> Int {
        var seen = [Bool](repeating: false, count: path.graph.nodes.count)
        var seenElsewhere = Set<String>()
        var minutes = 0
        for (step, index) in zip(progress.visited, nodes.visited) where step != progress.currentStep {
            if index >= 0 {
                guard !seen[index] else { continue }
                seen[index] = true
                minutes += path.graph.nodes[index].minutes
            } else if seenElsewhere.insert(step).inserted {
                // A step this path no longer has: the course may still know its minutes.
                minutes += course.steps[step]?.minutes ?? 0
            }
        }
        return minutes
    }

    /// Minutes the author planned for the walk still ahead, the current step included.
    public func remainingMinutes(_ progress: LearnerProgress) -> Int {
        route(from: progress.currentStep, progress: progress).filter { !progress.isDone($0) }
            .reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
    }
}
