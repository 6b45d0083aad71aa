import Foundation
import ParcoursCore
import ParcoursReport
import ParcoursStore

/// The files a cohort report reads: stores (opened read-only) and participant bundles.
///
/// A file is a bundle when its first non-blank byte is `{`; anything else is opened as a
/// store, read-only, so a damaged file or another program's database is refused (65)
/// without a byte written. `report` and `calibrate` both read their sources here.
///
/// ```swift
/// let courses = try CourseLookup(home: nil, environment: environment)
/// let report = try CohortSources.report(["cohort.sqlite", "camille.json"], options: ReportOptions(), courses: courses)
/// ```
public struct CohortSources {
    var records: [CohortRecord] = []
    /// Names known to a store with no enrollment at all.
    var unenrolled: [String] = []

    /// The report on the files at `paths`, each course looked up in `courses`.
    ///
    /// One store holds each attempt once, so its learners are summed up as the scan reads
    /// them, each as soon as their log is whole, and no record is kept. Several files may hold
    /// the same attempt (a store and a bundle): their records are read whole and the longer
    /// log of each attempt kept (`read`) before the same summing up. The courses of the first
    /// lane (or of the records) are those of `courses`, so a caller can use them afterwards
    /// without loading them again; the other lanes have their own (`CourseLookup.sibling`).
    public static func report(_ paths: [String], options: ReportOptions, courses: CourseLookup) throws
        -> CohortReport
    {
        if paths.count == 1, !isBundle(paths[0]) {
            let store = try ProgressStore.open(path: paths[0], readOnly: true)
            // One builder per lane, each with its own copy of the courses: two threads
            // counting references to the same course objects would slow each other down.
            let builders = ConcurrentSlots(
                (0..<ProgressStore.cohortLanes).map { lane in
                    CohortReport.Builder(options: options, course: (lane == 0 ? courses : courses.sibling()).course)
                })
            let unenrolled = try store.cohort(options.cohort, path: options.pathID) { lane, entry in
                builders.update(lane) { $0.add(record(entry)) }
            }
            // Each lane's learners sorted on a core of their own; the report then merges them.
            DispatchQueue.concurrentPerform(iterations: builders.count) { lane in
                builders.update(lane) { $0.sortParticipants() }
            }
            // Moved out, not copied: merging 10,000 summaries changes their arrays in place.
            var lanes = builders.moveAll()
            var builder = lanes.removeFirst()
            for other in lanes { builder.merge(other) }
            return builder.report(unenrolled: unenrolled.map(\.name).sorted())
        }
        let read = try read(paths, cohort: options.cohort, path: options.pathID, course: courses.course, now: Date())
        return CohortReport.build(
            records: read.records, unenrolled: read.unenrolled, course: courses.course, options: options)
    }

    /// A store's enrollment as the report reads it; the fold is moved, not copied.
    private static func record(_ entry: consuming ProgressStore.CohortEnrollment) -> CohortRecord {
        let progress = entry.progress.take()
        return CohortRecord(
            participant: entry.participant.name, courseID: entry.enrollment.courseID,
            pathID: entry.enrollment.pathID, cohort: entry.enrollment.cohort, attempt: entry.enrollment.attempt,
            progress: consume progress, eventCount: entry.eventCount, damage: entry.damage.map(Self.damage))
    }

    /// A damaged row, in the words of a report's notice.
    public static func damage(_ error: StoreError) -> String {
        guard case .unreadableEvent(_, let seq, let reason) = error else { return error.description }
        return "its event \(seq) cannot be read (\(reason))"
    }

    /// The records of every file, one per attempt (the longer log of an attempt read twice).
    private static func read(
        _ paths: [String], cohort: String?, path: String?, course: (String) -> Course?, now: Date
    ) throws -> CohortSources {
        var sources = CohortSources()
        var seen = Attempts()
        var unenrolled = Set<String>()
        for file in paths {
            if isBundle(file) {
                for record in try bundleRecords(file, course: course, now: now) {
                    if let cohort, record.cohort != cohort { continue }
                    if let path, record.pathID != path { continue }
                    seen.add(record, to: &sources.records)
                }
                continue
            }
            let store = try ProgressStore.open(path: file, readOnly: true)
            let snapshot = try store.cohort(cohort, path: path)
            sources.records.reserveCapacity(sources.records.count + snapshot.enrollments.count)
            seen.reserve(sources.records.count + snapshot.enrollments.count)
            for entry in snapshot.enrollments {
                seen.add(record(entry), to: &sources.records)
            }
            unenrolled.formUnion(snapshot.unenrolled.map(\.name))
        }
        let enrolled = Set(sources.records.map(\.participant))
        sources.unenrolled = unenrolled.subtracting(enrolled).sorted()
        return sources
    }

    /// Attempts already read, so the same attempt from a store and a bundle is counted once:
    /// the longer log is kept.
    private struct Attempts {
        struct Key: Hashable {
            var participant: String
            var courseID: String
            var pathID: String
            var attempt: Int

            /// A participant's name and attempt nearly always tell attempts apart; equality
            /// still compares every field.
            func hash(into hasher: inout Hasher) {
                hasher.combine(participant)
                hasher.combine(attempt)
            }
        }

        private var positions: [Key: Int] = [:]

        mutating func reserve(_ count: Int) { positions.reserveCapacity(count) }

        mutating func add(_ record: consuming CohortRecord, to records: inout [CohortRecord]) {
            let key = Key(
                participant: record.participant, courseID: record.courseID, pathID: record.pathID,
                attempt: record.attempt)
            if let index = positions[key] {
                if record.eventCount > records[index].eventCount { records[index] = consume record }
                return
            }
            positions[key] = records.count
            records.append(consume record)
        }
    }
}
