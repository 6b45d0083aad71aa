import ParcoursCore

/// Where people get stuck: how many reached, completed and waived one step, and how long
/// it really took against the author's estimate.
public struct StepFunnel: Sendable, Equatable {
    public var courseID: String
    public var pathID: String
    public var step: String
    public var isOptional: Bool
    /// Attempts that entered the step at least once.
    public var reached: Int
    public var completed: Int
    /// Attempts where the step stands waived (a later completion clears the waiver).
    public var waived: Int
    /// The median active time spent on the step by those who completed it; nil if nobody did.
    public var medianSeconds: Int?
    /// The author's estimate.
    public var estimateSeconds: Int

    /// The median of whole seconds; the lower middle for an even count, so it is a real value.
    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        return sorted[(sorted.count - 1) / 2]
    }
}

/// Accumulates funnels attempt by attempt, keyed by course, path and step.
struct FunnelCounter {
    struct Key: Hashable {
        var course: String
        var path: String
    }

    struct Tally {
        var reached = 0
        var completed = 0
        var waived = 0
        var times: [Int] = []
    }

    private var tallies: [Key: [String: Tally]] = [:]
    private var order: [Key] = []

    mutating func add(_ progress: LearnerProgress, course: Course, path: CoursePath) {
        let key = Key(course: course.id, path: path.id)
        if tallies[key] == nil {
            tallies[key] = [:]
            order.append(key)
        }
        let completed = Set(progress.completed)
        for step in Set(progress.visited) {
            tallies[key]?[step, default: Tally()].reached += 1
        }
        for step in completed {
            tallies[key]?[step, default: Tally()].completed += 1
            tallies[key]?[step, default: Tally()].times.append(
                (progress.stepActiveMilliseconds[step] ?? 0) / 1_000)
        }
        for step in progress.waived.keys {
            tallies[key]?[step, default: Tally()].waived += 1
        }
    }

    /// Adds another counter's tallies (from another chunk of attempts).
    mutating func merge(_ other: FunnelCounter) {
        for key in other.order {
            if tallies[key] == nil {
                tallies[key] = [:]
                order.append(key)
            }
            for (step, tally) in other.tallies[key] ?? [:] {
                tallies[key]?[step, default: Tally()].reached += tally.reached
                tallies[key]?[step, default: Tally()].completed += tally.completed
                tallies[key]?[step, default: Tally()].waived += tally.waived
                tallies[key]?[step, default: Tally()].times += tally.times
            }
        }
    }

    /// Every step of every path seen, in the path's order; steps the path no longer has last.
    func funnels(courses: [String: Course]) -> [StepFunnel] {
        var result: [StepFunnel] = []
        for key in order.sorted(by: { ($0.course, $0.path) < ($1.course, $1.path) }) {
            guard let course = courses[key.course], let path = course.path(key.path) else {
                continue
            }
            let tally = tallies[key] ?? [:]
            let known = Set(path.stepIDs)
            for step in path.stepIDs + tally.keys.filter({ !known.contains($0) }).sorted() {
                let counts = tally[step] ?? Tally()
                result.append(
                    StepFunnel(
                        courseID: course.id, pathID: path.id, step: step,
                        isOptional: course.steps[step]?.isOptional ?? false,
                        reached: counts.reached, completed: counts.completed,
                        waived: counts.waived, medianSeconds: StepFunnel.median(counts.times),
                        estimateSeconds: (course.steps[step]?.minutes ?? 0) * 60))
            }
        }
        return result
    }
}
