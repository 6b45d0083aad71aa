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

    /// Aggregates `records`; records whose course is not in `courses` become notices.
    public static func build(
        records: [CohortRecord], unenrolled: [String] = [], courses: [String: Course],
        options: ReportOptions
    ) -> CohortReport {
        // One navigator per path; each kept record names its own by index.
        var navigators: [Navigator] = []
        var navigatorOf: [FunnelCounter.Key: Int] = [:]
        var kept: [(record: Int, navigator: Int)] = []
        kept.reserveCapacity(records.count)
        var missing: [String: Int] = [:]
        // Fields are read from the records in place: a record copied whole retains every
        // array of its fold.
        for index in records.indices {
            if let cohort = options.cohort, records[index].cohort != cohort { continue }
            if let path = options.pathID, records[index].pathID != path { continue }
            let key = FunnelCounter.Key(course: records[index].courseID, path: records[index].pathID)
            if let navigator = navigatorOf[key] {
                kept.append((index, navigator))
                continue
            }
            guard let course = courses[key.course], let path = course.path(key.path) else {
                missing["\(key.course)/\(key.path)", default: 0] += 1
                continue
            }
            navigatorOf[key] = navigators.count
            kept.append((index, navigators.count))
            navigators.append(Navigator(course: course, path: path))
        }
        let work = kept
        let paths = navigators
        // Each attempt is summed up on its own: the work is shared among the cores in chunks.
        let chunks = min(max(ProcessInfo.processInfo.activeProcessorCount, 1), 8, max(kept.count, 1))
        let results = ChunkResults<([ParticipantSummary], FunnelCounter)>(count: chunks)
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var rows: [ParticipantSummary] = []
            rows.reserveCapacity(work.count / chunks + 1)
            var funnels = FunnelCounter()
            // Records and navigators are read in place: a copy would retain every array of a
            // fold (cold in memory by then) or of a course (from both threads at once).
            records.withUnsafeBufferPointer { records in
                paths.withUnsafeBufferPointer { navigators in
                    var index = chunk
                    while index < work.count {
                        let record = work[index].record
                        let navigator = work[index].navigator
                        rows.append(
                            ParticipantSummary(
                                record: records[record], progress: records[record].progress,
                                navigator: navigators[navigator], options: options))
                        funnels.add(
                            records[record].progress, course: navigators[navigator].course,
                            path: navigators[navigator].path)
                        index += chunks
                    }
                }
            }
            results.set(chunk, (rows, funnels))
        }
        var participants: [ParticipantSummary] = []
        var funnels = FunnelCounter()
        for (rows, counter) in results.all() {
            participants += rows
            funnels.merge(counter)
        }
        if options.cohort == nil && options.pathID == nil {
            for name in unenrolled {
                participants.append(ParticipantSummary(unenrolled: name))
            }
        }
        participants.sort { ($0.name, $0.pathID, $0.attempt) < ($1.name, $1.pathID, $1.attempt) }
        let notices = missing.keys.sorted().map { key in
            "\(missing[key] ?? 0) enrollment(s) on \(key) were left out: "
                + "that course or path is not installed here"
        }
        return CohortReport(
            generatedAt: options.now, cohort: options.cohort, pathID: options.pathID,
            stalledAfterMinutes: Int(options.stalledAfter / 60), participants: participants,
            steps: funnels.funnels(courses: courses), notices: notices)
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
