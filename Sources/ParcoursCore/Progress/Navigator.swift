/// Decides where a learner goes on a path, from the course and their progress.
///
/// Pure: the same course, path and progress always give the same answer, which is what
/// lets resume, reports and tests agree.
public struct Navigator: Sendable {
    public let course: Course
    public let path: CoursePath

    public init(course: Course, path: CoursePath) {
        self.course = course
        self.path = path
    }

    public var firstStep: String? { path.graph.nodes.first?.id }

    /// Where to go after `step`: the first branch that holds and lies on the path, else the
    /// default next. Steps already waived ahead of time (by the planner) are passed over.
    public func successor(of step: String, progress: LearnerProgress) -> String? {
        var candidate = immediateSuccessor(of: step, progress: progress)
        var guardCount = 0
        while let next = candidate, progress.waived[next] != nil,
            !progress.completed.contains(next),
            guardCount < path.graph.nodes.count
        {
            candidate = immediateSuccessor(of: next, progress: progress)
            guardCount += 1
        }
        return candidate
    }

    func immediateSuccessor(of step: String, progress: LearnerProgress) -> String? {
        guard let index = path.graph.index[step] else { return nil }
        let node = path.graph.nodes[index]
        if node.isFinal { return nil }
        if let definition = course.steps[step] {
            let facts = LearnerFacts(progress: progress, course: course)
            for branch in definition.branches where path.graph.index[branch.target] != nil {
                if branch.condition.holds(in: facts, course: course) { return branch.target }
            }
        }
        return node.defaultNext.map { path.graph.nodes[$0].id }
    }

    public func isFinal(_ step: String) -> Bool {
        path.graph.index[step].map { path.graph.nodes[$0].isFinal } ?? false
    }

    /// The walk still ahead from `step` (included) as things stand, until a final step.
    public func route(from step: String?, progress: LearnerProgress) -> [String] {
        guard var current = step else { return [] }
        var seen = Set<String>()
        var route: [String] = []
        while seen.insert(current).inserted {
            route.append(current)
            guard let next = successor(of: current, progress: progress) else { break }
            current = next
        }
        return route
    }

    /// The steps that make up this learner's walk: those seen so far, then those ahead.
    public func walk(_ progress: LearnerProgress) -> [String] {
        var seen = Set<String>()
        var steps: [String] = []
        for step in progress.visited + route(from: progress.currentStep, progress: progress)
        where path.graph.index[step] != nil && seen.insert(step).inserted {
            steps.append(step)
        }
        return steps
    }

    /// Core (non-optional) steps of the learner's walk, not waived in advance.
    public func requiredSteps(_ progress: LearnerProgress) -> [String] {
        walk(progress).filter { course.steps[$0]?.isOptional == false }
    }

    public func completedRequired(_ progress: LearnerProgress) -> Int {
        let completed = Set(progress.completed)
        return requiredSteps(progress).filter(completed.contains).count
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
        var seen = Set<String>()
        return progress.visited.filter { $0 != progress.currentStep && seen.insert($0).inserted }
            .reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
    }

    /// Minutes the author planned for the walk still ahead, the current step included.
    public func remainingMinutes(_ progress: LearnerProgress) -> Int {
        route(from: progress.currentStep, progress: progress).filter { !progress.isDone($0) }
            .reduce(0) { $0 + (course.steps[$1]?.minutes ?? 0) }
    }
}
