import Foundation

/// The report as JSON: the versioned shape documented in docs/facilitators.md.
///
/// Keys are sorted and every documented key is always present (null when unknown), so a
/// script can rely on the shape rather than on the data.
public enum ReportJSON {
    public static func render(_ report: CohortReport, pretty: Bool = true) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting =
            pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys]
        return String(decoding: try encoder.encode(Document(report)), as: UTF8.self) + "\n"
    }

    /// RFC 3339 in UTC, to the second.
    public static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    struct Document: Encodable {
        var formatVersion = CohortReport.formatVersion
        var generatedAt: String
        var filter: Filter
        var stalledAfterMinutes: Int
        var participants: [Participant]
        var steps: [Step]
        var notices: [String]

        init(_ report: CohortReport) {
            let formatter = ISO8601DateFormatter()
            formatter.formatOptions = [.withInternetDateTime]
            generatedAt = formatter.string(from: report.generatedAt)
            filter = Filter(cohort: report.cohort, path: report.pathID)
            stalledAfterMinutes = report.stalledAfterMinutes
            participants = report.participants.map { Participant($0, formatter: formatter) }
            steps = report.steps.map(Step.init)
            notices = report.notices
        }
    }

    struct Filter: Encodable {
        var cohort: String?
        var path: String?

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(cohort, forKey: .cohort)
            try container.encode(path, forKey: .path)
        }

        enum CodingKeys: String, CodingKey { case cohort, path }
    }

    struct Participant: Encodable {
        var summary: ParticipantSummary
        var startedAt: String?
        var lastActivity: String?

        init(_ summary: ParticipantSummary, formatter: ISO8601DateFormatter) {
            self.summary = summary
            startedAt = summary.startedAt.map(formatter.string(from:))
            lastActivity = summary.lastActivity.map(formatter.string(from:))
        }

        enum CodingKeys: String, CodingKey {
            case name, cohort, course, path, attempt, status, completedRequired, required, percent
            case currentStep, activeSeconds, budgetSeconds, plannedSeconds, pace, waived
            case startedAt, lastActivity, assessments
        }

        enum WaivedKeys: String, CodingKey { case step, reason, explanation }
        enum AssessmentKeys: String, CodingKey { case dimension, first, latest }

        func encode(to encoder: Encoder) throws {
            let s = summary
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(s.name, forKey: .name)
            try container.encode(s.cohort, forKey: .cohort)
            try container.encode(s.courseID, forKey: .course)
            try container.encode(s.pathID, forKey: .path)
            try container.encode(s.attempt, forKey: .attempt)
            try container.encode(s.status.rawValue, forKey: .status)
            try container.encode(s.completedRequired, forKey: .completedRequired)
            try container.encode(s.required, forKey: .required)
            try container.encode(s.percent, forKey: .percent)
            try container.encode(s.currentStep, forKey: .currentStep)
            try container.encode(s.activeSeconds, forKey: .activeSeconds)
            try container.encode(s.budgetSeconds, forKey: .budgetSeconds)
            try container.encode(s.plannedSeconds, forKey: .plannedSeconds)
            try container.encode(s.pace?.rawValue, forKey: .pace)
            try container.encode(startedAt, forKey: .startedAt)
            try container.encode(lastActivity, forKey: .lastActivity)
            var waived = container.nestedUnkeyedContainer(forKey: .waived)
            for waiver in s.waived {
                var item = waived.nestedContainer(keyedBy: WaivedKeys.self)
                try item.encode(waiver.step, forKey: .step)
                try item.encode(waiver.reason.rawValue, forKey: .reason)
                try item.encode(waiver.explanation, forKey: .explanation)
            }
            var assessments = container.nestedUnkeyedContainer(forKey: .assessments)
            for assessment in s.assessments {
                var item = assessments.nestedContainer(keyedBy: AssessmentKeys.self)
                try item.encode(assessment.dimension, forKey: .dimension)
                try item.encode(assessment.first, forKey: .first)
                try item.encode(assessment.latest, forKey: .latest)
            }
        }
    }

    struct Step: Encodable {
        var funnel: StepFunnel

        init(_ funnel: StepFunnel) { self.funnel = funnel }

        enum CodingKeys: String, CodingKey {
            case course, path, step, optional, reached, completed, waived, medianSeconds
            case estimateSeconds
        }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(funnel.courseID, forKey: .course)
            try container.encode(funnel.pathID, forKey: .path)
            try container.encode(funnel.step, forKey: .step)
            try container.encode(funnel.isOptional, forKey: .optional)
            try container.encode(funnel.reached, forKey: .reached)
            try container.encode(funnel.completed, forKey: .completed)
            try container.encode(funnel.waived, forKey: .waived)
            try container.encode(funnel.medianSeconds, forKey: .medianSeconds)
            try container.encode(funnel.estimateSeconds, forKey: .estimateSeconds)
        }
    }
}
