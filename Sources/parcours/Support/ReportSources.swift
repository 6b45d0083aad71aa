import Foundation
import ParcoursCore
import ParcoursReport
import ParcoursStore

/// The files a report reads: stores (opened read-only) and participant bundles.
///
/// A file is a bundle when its first non-blank byte is `{`; anything else is opened as a
/// store, read-only, so a damaged file or another program's database is refused (65)
/// without a byte written.
struct ReportSources {
    var records: [CohortRecord] = []
    /// Names known to a store with no enrollment at all.
    var unenrolled: [String] = []

    static func read(_ paths: [String], cohort: String?, path: String?) throws -> ReportSources {
        var sources = ReportSources()
        var seen = Attempts()
        var unenrolled = Set<String>()
        for file in paths {
            if isBundle(file) {
                for record in try bundleRecords(file) {
                    if let cohort, record.cohort != cohort { continue }
                    if let path, record.pathID != path { continue }
                    seen.add(record, to: &sources.records)
                }
                continue
            }
            let store = try ProgressStore.open(path: file, readOnly: true)
            var snapshot = try store.cohort(cohort, path: path)
            sources.records.reserveCapacity(sources.records.count + snapshot.enrollments.count)
            seen.reserve(sources.records.count + snapshot.enrollments.count)
            for position in snapshot.enrollments.indices {
                // The fold is moved into the record, not copied (`LearnerProgress.take`).
                let progress = snapshot.enrollments[position].progress.take()
                let enrollment = snapshot.enrollments[position].enrollment
                seen.add(
                    CohortRecord(
                        participant: snapshot.enrollments[position].participant.name,
                        courseID: enrollment.courseID, pathID: enrollment.pathID, cohort: enrollment.cohort,
                        attempt: enrollment.attempt, progress: consume progress,
                        eventCount: snapshot.enrollments[position].eventCount),
                    to: &sources.records)
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

    /// The courses the records follow, from the installed content; a course that cannot be
    /// loaded is left out, and the report names the enrollments it could not count.
    static func courses(for records: [CohortRecord], library: ContentLibrary) -> [String: Course] {
        var courses: [String: Course] = [:]
        for id in Set(records.map(\.courseID)) {
            guard let files = library.courses.first(where: { $0.id == id }),
                let graph = try? ContentLibrary.read(files.graph),
                let course = try? CourseLoader.load(graph: graph)
            else { continue }
            courses[id] = course
        }
        return courses
    }
}
