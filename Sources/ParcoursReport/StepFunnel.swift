import Foundation
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
    /// The 80th percentile of the same times (nearest rank); nil if nobody completed it.
    public var p80Seconds: Int?
    /// The author's estimate.
    public var estimateSeconds: Int

    /// How far the median lies from the estimate, in whole percent of the estimate, rounded
    /// towards zero (`+50`: half again as long); nil without a median or an estimate.
    public var offByPercent: Int? {
        guard let medianSeconds, estimateSeconds > 0 else { return nil }
        return (medianSeconds - estimateSeconds) * 100 / estimateSeconds
    }

    /// The median of whole seconds: the nearest-rank median, the ⌈n/2⌉-th smallest value
    /// (the lower middle for an even count), so it is a real value.
    ///
    /// Found by selection (quickselect with a three-way partition, which many equal times
    /// cannot slow down), not by sorting: a cohort's funnel holds one time per completion.
    static func median(_ values: [Int]) -> Int? {
        quantiles(values)?.median
    }

    /// The nearest-rank median and 80th percentile: the ⌈n/2⌉-th and the ⌈4n/5⌉-th smallest
    /// values (1-based), nil for no value. No interpolation: both are times someone took.
    ///
    /// One copy of the values, selected twice: once the 80th percentile is in place, every
    /// value before it is no greater, so the median is selected among those alone.
    static func quantiles(_ values: [Int]) -> (median: Int, p80: Int)? {
        guard !values.isEmpty else { return nil }
        var values = values
        let count = values.count
        let p80Rank = (4 * count + 4) / 5 - 1
        let p80 = select(&values, rank: p80Rank, upTo: count - 1)
        let median = select(&values, rank: (count - 1) / 2, upTo: p80Rank)
        return (median, p80)
    }

    /// The value of 0-based `rank` among `values[0...high]`, which it partly reorders: after
    /// it, no value before `rank` is greater than the one returned.
    private static func select(_ values: inout [Int], rank: Int, upTo high: Int) -> Int {
        var low = 0
        var high = high
        while low < high {
            let pivot = middle(values[low], values[low + (high - low) / 2], values[high])
            // [low, less) < pivot, [less, index) == pivot, (greater, high] > pivot.
            var less = low
            var index = low
            var greater = high
            while index <= greater {
                if values[index] < pivot {
                    values.swapAt(less, index)
                    less += 1
                    index += 1
                } else if values[index] > pivot {
                    values.swapAt(index, greater)
                    greater -= 1
                } else {
                    index += 1
                }
            }
            if rank < less {
                high = less - 1
            } else if rank > greater {
                low = greater + 1
            } else {
                return pivot
            }
        }
        return values[rank]
    }

    private static func middle(_ a: Int, _ b: Int, _ c: Int) -> Int {
        max(min(a, b), min(max(a, b), c))
    }
}

/// Accumulates funnels attempt by attempt, keyed by course, path and step.
///
/// Steps on the path are counted by their node index in the path's graph; steps the path
/// no longer has (a log from an older version of the course) by name.
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

        mutating func add(_ other: Tally) {
            reached += other.reached
            completed += other.completed
            waived += other.waived
            times += other.times
        }
    }

    /// One path's tallies.
    struct Tallies {
        var byNode: [Tally]
        var byName: [String: Tally] = [:]
        /// The last attempt that reached each node, so a step entered twice counts once.
        var reachedBy: [Int]
        /// Attempts per course version (the content hash their log started on): a list, as
        /// a path's attempts are on one version or a few, so an attempt costs no hashing.
        var versions: [(version: String, attempts: Int)] = []

        mutating func count(version: String, attempts: Int = 1) {
            if let index = versions.firstIndex(where: { $0.version == version }) {
                versions[index].attempts += attempts
            } else {
                versions.append((version, attempts))
            }
        }

        init(nodes: Int) {
            byNode = [Tally](repeating: Tally(), count: nodes)
            reachedBy = [Int](repeating: -1, count: nodes)
        }
    }

    private var paths: [Tallies] = []
    private var keys: [Key] = []
    private var slots: [Key: Int] = [:]
    private var last: (key: Key, slot: Int)?
    private var attempts = 0
    /// Scratch: active time per node of the attempt being added (entries of earlier attempts
    /// carry their number, and read as no time).
    private var timeByNode: [(attempt: Int, milliseconds: Int)] = []

    /// Counts one attempt; `nodes` is `Navigator(course:path:).nodes(of: progress)`.
    mutating func add(
        _ progress: borrowing LearnerProgress, nodes: Navigator.StepNodes, course: borrowing Course,
        path: borrowing CoursePath
    ) {
        let slot = self.slot(course: course.id, path: path.id, nodes: path.graph.nodes.count)
        attempts += 1
        if let version = progress.courseVersion { paths[slot].count(version: version) }
        var reachedElsewhere = Set<String>()
        for (step, node) in zip(progress.visited, nodes.visited) {
            if node >= 0 {
                guard paths[slot].reachedBy[node] != attempts else { continue }
                paths[slot].reachedBy[node] = attempts
                paths[slot].byNode[node].reached += 1
            } else if reachedElsewhere.insert(step).inserted {
                paths[slot].byName[step, default: Tally()].reached += 1
            }
        }
        // Time per step on the path, read in one pass over the fold's times rather than by
        // looking each completed step up in them.
        if timeByNode.count < path.graph.nodes.count {
            timeByNode += Array(repeating: (-1, 0), count: path.graph.nodes.count - timeByNode.count)
        }
        let attempt = attempts
        progress.forEachStepActiveTime { step, milliseconds in
            if let node = path.graph.index[step] { timeByNode[node] = (attempt, milliseconds) }
        }
        // `completed` holds each step once, as `waived` does.
        for (step, node) in zip(progress.completed, nodes.completed) {
            if node >= 0 {
                let seconds = timeByNode[node].attempt == attempts ? timeByNode[node].milliseconds / 1_000 : 0
                paths[slot].byNode[node].completed += 1
                paths[slot].byNode[node].times.append(seconds)
            } else {
                let seconds = progress.activeMilliseconds(onStep: step) / 1_000
                paths[slot].byName[step, default: Tally()].completed += 1
                paths[slot].byName[step, default: Tally()].times.append(seconds)
            }
        }
        for step in progress.waived.keys {
            if let node = path.graph.index[step] {
                paths[slot].byNode[node].waived += 1
            } else {
                paths[slot].byName[step, default: Tally()].waived += 1
            }
        }
    }

    private mutating func slot(course: String, path: String, nodes: Int) -> Int {
        if let last, last.key.course == course, last.key.path == path { return last.slot }
        let key = Key(course: course, path: path)
        let slot = slots[key] ?? insert(key, nodes: nodes)
        last = (key, slot)
        return slot
    }

    private mutating func insert(_ key: Key, nodes: Int) -> Int {
        slots[key] = paths.count
        keys.append(key)
        paths.append(Tallies(nodes: nodes))
        return paths.count - 1
    }

    /// Adds another counter's tallies (from another chunk of attempts on the same courses).
    mutating func merge(_ other: FunnelCounter) {
        for (index, key) in other.keys.enumerated() {
            let theirs = other.paths[index]
            let slot = slots[key] ?? insert(key, nodes: theirs.byNode.count)
            for node in theirs.byNode.indices { paths[slot].byNode[node].add(theirs.byNode[node]) }
            for (step, tally) in theirs.byName { paths[slot].byName[step, default: Tally()].add(tally) }
            for (version, attempts) in theirs.versions { paths[slot].count(version: version, attempts: attempts) }
        }
    }

    /// Attempts per course version, per path seen, in the order of the funnels.
    func versions() -> [CohortReport.PathVersions] {
        keys.sorted(by: { ($0.course, $0.path) < ($1.course, $1.path) }).compactMap { key in
            slots[key].map { slot in
                .init(
                    courseID: key.course, pathID: key.path,
                    attempts: Dictionary(paths[slot].versions.map { ($0.version, $0.attempts) }, uniquingKeysWith: +))
            }
        }
    }

    /// Every step of every path seen, in the path's order; steps the path no longer has last.
    func funnels(courses: [String: Course]) -> [StepFunnel] {
        var result: [StepFunnel] = []
        var times: [[Int]] = []
        for key in keys.sorted(by: { ($0.course, $0.path) < ($1.course, $1.path) }) {
            guard let course = courses[key.course], let path = course.path(key.path), let slot = slots[key] else {
                continue
            }
            let tallies = paths[slot]
            let known = Set(path.stepIDs)
            let gone = tallies.byName.keys.filter { !known.contains($0) }.sorted()
            for step in path.stepIDs + gone {
                let counts = path.graph.index[step].map { tallies.byNode[$0] } ?? tallies.byName[step] ?? Tally()
                result.append(
                    StepFunnel(
                        courseID: course.id, pathID: path.id, step: step,
                        isOptional: course.steps[step]?.isOptional ?? false,
                        reached: counts.reached, completed: counts.completed,
                        waived: counts.waived, medianSeconds: nil, p80Seconds: nil,
                        estimateSeconds: (course.steps[step]?.minutes ?? 0) * 60))
                times.append(counts.times)
            }
        }
        for (index, quantiles) in Self.quantiles(times).enumerated() {
            result[index].medianSeconds = quantiles?.median
            result[index].p80Seconds = quantiles?.p80
        }
        return result
    }

    /// `StepFunnel.median` of each list.
    static func medians(_ lists: [[Int]]) -> [Int?] {
        quantiles(lists).map { $0?.median }
    }

    /// `StepFunnel.quantiles` of each list, on every core: a cohort's funnel holds one time per
    /// completion (250,000 for 10,000 learners), selected at the end of the report while
    /// nothing else runs.
    static func quantiles(_ lists: [[Int]]) -> [(median: Int, p80: Int)?] {
        let parts = min(lists.count, ProcessInfo.processInfo.activeProcessorCount)
        guard parts > 1, lists.count * 64 < lists.reduce(0, { $0 + $1.count }) else {
            return lists.map(StepFunnel.quantiles)
        }
        return (0..<parts).concurrentMap { part in
            let range = (part * lists.count / parts)..<((part + 1) * lists.count / parts)
            return lists[range].map(StepFunnel.quantiles)
        }.flatMap { $0 }
    }
}
