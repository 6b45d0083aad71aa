import Foundation

/// Active time, pace and the plan: how a learner stands against the clock.
public enum Pacing {
    /// The default gap after which time stops counting as active.
    public static let defaultIdleThreshold: TimeInterval = 5 * 60

    /// Active milliseconds between two moments. A gap over the idle threshold counts as a
    /// pause beyond the threshold; nothing counts while explicitly paused.
    public static func activeMilliseconds(
        from last: Date?, to now: Date, idleThreshold: TimeInterval, paused: Bool
    )
        -> Int
    {
        guard let last, !paused else { return 0 }
        let gap = max(0, now.timeIntervalSince(last))
        return Int((min(gap, idleThreshold) * 1_000).rounded())
    }

    public enum Status: String, Sendable, Codable {
        case ahead
        case onTrack = "on-track"
        case behind
    }

    /// Planned time up to the current step against the active time actually spent.
    public struct Pace: Sendable, Equatable {
        public var plannedMinutes: Int
        public var activeMinutes: Int
        public var status: Status
    }

    public static func pace(_ progress: LearnerProgress, navigator: Navigator) -> Pace {
        pace(progress, navigator: navigator, nodes: navigator.nodes(of: progress))
    }

    /// `pace(_:navigator:)` with the learner's nodes drawn by the caller (the report): `nodes`
    /// must be `navigator.nodes(of: progress)`.
    package static func pace(_ progress: LearnerProgress, navigator: Navigator, nodes: Navigator.StepNodes)
        -> Pace
    {
        let planned = navigator.plannedMinutesSoFar(progress, nodes: nodes)
        let active = progress.activeMilliseconds / 60_000
        let slack = max(2, planned / 10)
        let status: Status =
            active > planned + slack ? .behind : (active + slack < planned ? .ahead : .onTrack)
        return Pace(plannedMinutes: planned, activeMinutes: active, status: status)
    }

    /// What is left, and how to make it fit.
    public struct Plan: Sendable, Equatable {
        public var remainingMinutes: Int
        public var budgetLeftMinutes: Int
        /// Optional steps ahead to drop so the rest fits, least valuable first.
        public var drop: [String]
        /// When ahead: recommended resources that fit in the spare time.
        public var extras: [String]
        public var fits: Bool { remainingMinutes <= budgetLeftMinutes }
    }

    public static func plan(
        _ progress: LearnerProgress, navigator: Navigator, recommended: [String]
    ) -> Plan {
        let course = navigator.course
        let remaining = navigator.remainingMinutes(progress)
        let budgetLeft = navigator.path.budgetMinutes - progress.activeMilliseconds / 60_000
        var drop: [String] = []
        var extras: [String] = []
        if remaining > budgetLeft {
            // The same set-aside as the walk's own adaptation, counting the time spent.
            drop = setAside(progress, navigator: navigator, counting: .spentAndAhead).steps
        } else {
            var spare = budgetLeft - remaining
            for id in recommended where !progress.savedResources.contains(id) {
                guard let resource = course.resources[id], resource.minutes <= spare else {
                    continue
                }
                extras.append(id)
                spare -= resource.minutes
            }
        }
        return Plan(
            remainingMinutes: remaining, budgetLeftMinutes: budgetLeft, drop: drop, extras: extras)
    }

    /// The budget thresholds (50, 75, 90 %) crossed between two active totals.
    public static func crossedNotices(budgetMinutes: Int, before: Int, after: Int) -> [Int] {
        guard budgetMinutes > 0 else { return [] }
        let budget = budgetMinutes * 60_000
        return [50, 75, 90].filter { percent in
            let mark = budget * percent / 100
            return before < mark && after >= mark
        }
    }
}
