import ParcoursCore

/// The authors' estimates against the time real cohorts took, step by step and path by path.
///
/// Pure: a cohort report (whose step funnel already holds each step's median and 80th
/// percentile among those who completed it) and the installed courses in, a value out.
/// The command prints it (`parcours calibrate`) and, with `--write`, puts each flagged
/// step's observed median into its `minutes:`.
///
/// - A step is **calibrated** when at least `minLearners` learners completed it: only then
///   does its median stand in for the estimate.
/// - A calibrated step is **flagged** when its median is off the estimate by more than
///   `tolerancePercent` (30 %) of the estimate, either way.
/// - Each path's **typical time** is the default walk (`PathGraph.defaultWalk`: no branch
///   taken, optional steps included), summed once with the estimates and once with the
///   medians of its calibrated steps (estimates elsewhere).
///
/// ```swift
/// let calibration = Calibration.build(report, course: { courses[$0] })
/// for step in calibration.paths[0].steps where step.isFlagged { print(step.step) }
/// ```
public struct Calibration: Sendable, Equatable {
    /// The JSON shape's version (see docs/facilitators.md).
    public static let formatVersion = 1
    public static let defaultMinLearners = 5
    /// How far (in percent of the estimate) a median may be off before the step is flagged.
    public static let tolerancePercent = 30

    public var minLearners: Int
    public var paths: [Path]
    /// Paths seen whose course is not installed here, as `course/path`.
    public var missing: [String]

    public struct Path: Sendable, Equatable {
        public var courseID: String
        public var pathID: String
        public var budgetMinutes: Int
        /// The path's tolerance over its budget, in percent.
        public var budgetTolerancePercent: Int
        /// The default walk's time with the authors' estimates, in seconds.
        public var typicalSeconds: Int
        /// The default walk's time with the observed medians of its calibrated steps.
        public var observedTypicalSeconds: Int
        /// The installed course's content hash.
        public var courseVersion: String
        /// Attempts that started on another version of the course (their times were taken on
        /// other words, or another graph).
        public var otherVersionAttempts: Int
        public var steps: [Step]

        /// Whether the recomputed typical time fits the budget and its tolerance.
        public var observedFitsBudget: Bool {
            observedTypicalSeconds * 100 <= budgetMinutes * 60 * (100 + budgetTolerancePercent)
        }
    }

    public struct Step: Sendable, Equatable {
        public var step: String
        public var isOptional: Bool
        /// Whether the step lies on the default walk (and so counts in the typical time).
        public var onTypicalWalk: Bool
        public var estimateMinutes: Int
        /// The nearest-rank median of the active times of those who completed it.
        public var medianSeconds: Int?
        /// The nearest-rank 80th percentile of the same times.
        public var p80Seconds: Int?
        /// How many learners completed it (one time each).
        public var learners: Int
        /// At least `minLearners` completed it.
        public var isCalibrated: Bool
        /// Calibrated, and the median is off the estimate by more than `tolerancePercent`.
        public var isFlagged: Bool
        /// For a flagged step: the median in whole minutes (rounded half up), at least 1.
        public var suggestedMinutes: Int?

        public var offByPercent: Int? {
            guard let medianSeconds, estimateMinutes > 0 else { return nil }
            return (medianSeconds - estimateMinutes * 60) * 100 / (estimateMinutes * 60)
        }
    }

    /// The calibration of every path `report` saw whose course `course` knows, in the
    /// report's order.
    public static func build(
        _ report: CohortReport, course lookup: (String) -> Course?, minLearners: Int = defaultMinLearners
    ) -> Calibration {
        var paths: [Path] = []
        var missing: [String] = []
        var funnels = report.steps[...]
        while let first = funnels.first {
            let key = (first.courseID, first.pathID)
            let end = funnels.firstIndex { ($0.courseID, $0.pathID) != key } ?? funnels.endIndex
            let steps = funnels[..<end]
            funnels = funnels[end...]
            guard let course = lookup(key.0), let path = course.path(key.1) else {
                missing.append("\(key.0)/\(key.1)")
                continue
            }
            let versions =
                report.courseVersions.first { $0.courseID == key.0 && $0.pathID == key.1 }?.attempts ?? [:]
            paths.append(
                calibrate(
                    path, of: course, funnels: steps, versions: versions, minLearners: minLearners))
        }
        missing += report.leftOut.keys
        return Calibration(minLearners: minLearners, paths: paths, missing: Set(missing).sorted())
    }

    /// One path: its steps (those it still has) and its typical time both ways.
    static func calibrate(
        _ path: CoursePath, of course: Course, funnels: ArraySlice<StepFunnel>, versions: [String: Int],
        minLearners: Int
    ) -> Path {
        let walk = path.graph.defaultWalk()
        var onWalk = [Bool](repeating: false, count: path.graph.nodes.count)
        for node in walk { onWalk[node] = true }
        var observed = [Int?](repeating: nil, count: path.graph.nodes.count)
        var steps: [Step] = []
        for funnel in funnels {
            guard let node = path.graph.index[funnel.step], let definition = course.steps[funnel.step] else {
                continue
            }
            let step = Self.step(
                funnel, estimateMinutes: definition.minutes, onWalk: onWalk[node], minLearners: minLearners)
            if step.isCalibrated { observed[node] = step.medianSeconds }
            steps.append(step)
        }
        let typical = walk.reduce(0) { $0 + path.graph.nodes[$1].minutes * 60 }
        let observedTypical = walk.reduce(0) { $0 + (observed[$1] ?? path.graph.nodes[$1].minutes * 60) }
        return Path(
            courseID: course.id, pathID: path.id, budgetMinutes: path.budgetMinutes,
            budgetTolerancePercent: path.tolerancePercent, typicalSeconds: typical,
            observedTypicalSeconds: observedTypical, courseVersion: course.contentHash,
            otherVersionAttempts: versions.filter { $0.key != course.contentHash }.values.reduce(0, +),
            steps: steps)
    }

    /// One step's figures, calibrated and flagged by the rules above.
    static func step(_ funnel: StepFunnel, estimateMinutes: Int, onWalk: Bool, minLearners: Int) -> Step {
        let calibrated = funnel.completed >= minLearners && funnel.medianSeconds != nil
        let flagged =
            calibrated && funnel.medianSeconds.map { isOff($0, estimateSeconds: estimateMinutes * 60) } == true
        return Step(
            step: funnel.step, isOptional: funnel.isOptional, onTypicalWalk: onWalk,
            estimateMinutes: estimateMinutes, medianSeconds: funnel.medianSeconds, p80Seconds: funnel.p80Seconds,
            learners: funnel.completed, isCalibrated: calibrated, isFlagged: flagged,
            suggestedMinutes: flagged ? funnel.medianSeconds.map(wholeMinutes) : nil)
    }

    /// Whether `median` differs from the estimate by more than `tolerancePercent` of it
    /// (exact, in integers: 30 % of a 10-minute estimate is 180 s; 181 s off is flagged).
    public static func isOff(_ median: Int, estimateSeconds: Int) -> Bool {
        abs(median - estimateSeconds) * 100 > tolerancePercent * estimateSeconds
    }

    /// Seconds as whole minutes, rounded half up, at least 1 (an estimate of 0 would hide the step).
    public static func wholeMinutes(_ seconds: Int) -> Int {
        max(1, (seconds + 30) / 60)
    }

    /// One change `--write` makes: a step's `minutes:` from its estimate to its median.
    public struct Edit: Sendable, Equatable {
        public var courseID: String
        public var step: String
        public var from: Int
        public var to: Int
    }

    /// What `--write` changes, by course then step: each flagged step whose suggestion
    /// differs from its estimate. A step two paths flag with different suggestions (its
    /// learners took different times on each) is left out and named in `conflicts`, as
    /// `course/step`: calibrate it one path at a time (`--path`).
    public var edits: (edits: [Edit], conflicts: [String]) {
        var suggestions: [String: [String: Set<Int>]] = [:]
        var estimates: [String: [String: Int]] = [:]
        for path in paths {
            for step in path.steps {
                guard let minutes = step.suggestedMinutes, minutes != step.estimateMinutes else { continue }
                suggestions[path.courseID, default: [:]][step.step, default: []].insert(minutes)
                estimates[path.courseID, default: [:]][step.step] = step.estimateMinutes
            }
        }
        var edits: [Edit] = []
        var conflicts: [String] = []
        for course in suggestions.keys.sorted() {
            for (step, values) in (suggestions[course] ?? [:]).sorted(by: { $0.key < $1.key }) {
                guard values.count == 1, let to = values.first, let from = estimates[course]?[step] else {
                    conflicts.append("\(course)/\(step)")
                    continue
                }
                edits.append(Edit(courseID: course, step: step, from: from, to: to))
            }
        }
        return (edits, conflicts)
    }
}
