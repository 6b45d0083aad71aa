import Foundation
import ParcoursCore

/// Who has finished, who is behind, and where people get stuck: a cohort at one moment.
///
/// Pure: records, courses and a `now` in, a value out. Every figure is read from the fold
/// of each log (`LearnerProgress`) through the same `Navigator` and `Pacing` the learner's
/// own `status` uses, so a report can never disagree with what a learner sees.
///
/// ```swift
/// let report = CohortReport.build(
///     records: records, courses: ["demo": course], options: ReportOptions(now: Date()))
/// print(ReportJSON.render(report))
/// ```
public struct CohortReport: Sendable, Equatable {
    /// The JSON shape's version (see docs/facilitators.md).
    public static let formatVersion = 1

    public var generatedAt: Date
    public var cohort: String?
    public var pathID: String?
    public var stalledAfterMinutes: Int
    public var participants: [ParticipantSummary]
    public var steps: [StepFunnel]
    /// What could not be reported, in words (a course no longer installed…).
    public var notices: [String]
    /// Attempts per course version (the content hash each log started on), per path seen:
    /// `calibrate` warns when they differ from the installed course's.
    public var courseVersions: [PathVersions] = []
    /// Attempts left out because their course or path is not installed, per `course/path`
    /// (the notices say the same in words).
    public var leftOut: [String: Int] = [:]

    /// The course versions one path's attempts started on.
    public struct PathVersions: Sendable, Equatable {
        public var courseID: String
        public var pathID: String
        /// Attempts per content hash.
        public var attempts: [String: Int]
    }

    /// Aggregates `records`; records whose course is not in `courses` become notices.
    public static func build(
        records: [CohortRecord], unenrolled: [String] = [], courses: [String: Course],
        options: ReportOptions
    ) -> CohortReport {
        build(records: records, unenrolled: unenrolled, course: { courses[$0] }, options: options)
    }

    /// Aggregates `records`, each course looked up once with `course`; records whose course
    /// or path is not installed become notices.
    public static func build(
        records: [CohortRecord], unenrolled: [String] = [], course: @escaping @Sendable (String) -> Course?,
        options: ReportOptions
    ) -> CohortReport {
        // Each attempt is summed up on its own: the work is shared among the cores in chunks,
        // one builder each.
        let chunks = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8, max(records.count, 1))
        let parts = (0..<chunks).concurrentMap { chunk in
            var builder = Builder(options: options, course: course)
            builder.reserveCapacity(records.count / chunks + 1)
            // Records are read in place: a copy would retain every array of a fold.
            records.withUnsafeBufferPointer { records in
                var index = chunk
                while index < records.count {
                    builder.add(records[index])
                    index += chunks
                }
            }
            return builder
        }
        var builder = Builder(options: options, course: course)
        for part in parts { builder.merge(part) }
        return builder.report(unenrolled: unenrolled)
    }

    /// Counts per status, for headlines.
    public func count(_ status: ParticipantSummary.Status) -> Int {
        participants.filter { $0.status == status }.count
    }

    /// Counts per pace (stalled included), for headlines.
    public func count(_ pace: ParticipantSummary.Pace) -> Int {
        participants.filter { $0.pace == pace }.count
    }
}
