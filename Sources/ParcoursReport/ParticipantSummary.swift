import Foundation
import ParcoursCore

/// One row of the report: one attempt by one participant at one path.
///
/// Every figure comes from the fold of the attempt's log, through the learner's own
/// `Navigator` and `Pacing`, so it equals what `parcours status` shows that learner.
public struct ParticipantSummary: Sendable, Equatable {
    public enum Status: String, Sendable, Codable, CaseIterable {
        /// Enrolled (or known to the store) but no step completed or waived yet.
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case finished
    }

    /// `Pacing.Status`, plus `stalled`: unfinished and silent for longer than the threshold.
    public enum Pace: String, Sendable, Codable, CaseIterable {
        case ahead
        case onTrack = "on-track"
        case behind
        case stalled
    }

    public struct Waived: Sendable, Equatable {
        public var step: String
        public var reason: WaiverReason
        public var explanation: String?
    }

    /// A self-assessment dimension: the mean of its items at the first and latest rating.
    public struct Assessment: Sendable, Equatable {
        public var dimension: String
        public var first: Double
        public var latest: Double
    }

    public var name: String
    public var cohort: String?
    /// Empty for a participant with no enrollment.
    public var courseID: String
    public var pathID: String
    public var attempt: Int
    public var status: Status
    public var completedRequired: Int
    public var required: Int
    /// Completed required steps out of all required ones, rounded down (100 only when all).
    public var percent: Int
    /// The step on screen; nil once finished.
    public var currentStep: String?
    public var activeSeconds: Int
    public var budgetSeconds: Int
    /// What the author planned for the steps already behind the learner.
    public var plannedSeconds: Int
    /// Nil once finished, and for a participant with no enrollment.
    public var pace: Pace?
    public var waived: [Waived]
    public var startedAt: Date?
    public var lastActivity: Date?
    public var assessments: [Assessment]

    init(
        record: borrowing CohortRecord, progress: borrowing LearnerProgress, navigator: borrowing Navigator,
        nodes: Navigator.StepNodes, options: ReportOptions
    ) {
        name = record.participant
        cohort = record.cohort ?? progress.cohort
        courseID = record.courseID
        pathID = record.pathID
        attempt = record.attempt
        // The facts the walk's branches and the assessments read, drawn once.
        let facts = LearnerFacts(progress: progress, course: navigator.course)
        // The figures `parcours status` shows the learner, drawn the same way.
        let standing = LearnerStanding(progress, navigator: navigator, facts: facts, nodes: nodes)
        (completedRequired, required, percent) = (standing.completedRequired, standing.required, standing.percent)
        status = standing.isFinished ? .finished : (standing.hasBegun ? .inProgress : .notStarted)
        currentStep = standing.currentStep
        activeSeconds = standing.activeSeconds
        budgetSeconds = standing.budgetSeconds
        plannedSeconds = standing.plannedMinutes * 60
        if let status = standing.pace {
            let silent = progress.lastEventAt.map { options.now.timeIntervalSince($0) > options.stalledAfter }
            pace = silent == true ? .stalled : Pace(rawValue: status.rawValue)
        } else {
            pace = nil
        }
        let waivers = progress.waived
        waived = waivers.keys.sorted().compactMap { step in
            waivers[step].map { Waived(step: step, reason: $0.reason, explanation: $0.explanation) }
        }
        startedAt = progress.startedAt
        lastActivity = progress.lastEventAt
        assessments = Self.assessments(progress, course: navigator.course, facts: facts)
    }

    /// A participant the store knows who never started a path.
    init(unenrolled name: String) {
        self.name = name
        cohort = nil
        courseID = ""
        pathID = ""
        attempt = 0
        status = .notStarted
        completedRequired = 0
        required = 0
        percent = 0
        currentStep = nil
        activeSeconds = 0
        budgetSeconds = 0
        plannedSeconds = 0
        pace = nil
        waived = []
        startedAt = nil
        lastActivity = nil
        assessments = []
    }

    /// First and latest score per dimension, in the course's order of dimensions.
    static func assessments(_ progress: LearnerProgress, course: Course, facts: LearnerFacts) -> [Assessment] {
        guard !progress.ratingsByStep.isEmpty else { return [] }
        var first: [String: Double] = [:]
        for entry in progress.ratingsByStep {
            for (dimension, score) in facts.scores(entry.ratings) where first[dimension] == nil {
                first[dimension] = score
            }
        }
        let latest = facts.latestScores
        let order = course.dimensions + latest.keys.sorted().filter { !course.dimensions.contains($0) }
        return order.compactMap { dimension in
            guard let start = first[dimension], let end = latest[dimension] else { return nil }
            return Assessment(dimension: dimension, first: start, latest: end)
        }
    }
}
