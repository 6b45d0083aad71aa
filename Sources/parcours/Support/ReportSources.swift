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
        var seen: [String: Int] = [:]
        func add(_ record: CohortRecord) {
            // The same attempt from a store and a bundle: keep the longer log.
            let key = "\(record.participant)\u{0}\(record.courseID)\u{0}\(record.pathID)\u{0}\(record.attempt)"
            if let index = seen[key] {
                if record.eventCount > sources.records[index].eventCount {
                    sources.records[index] = record
                }
                return
            }
            seen[key] = sources.records.count
            sources.records.append(record)
        }
        var unenrolled = Set<String>()
        for file in paths {
            if isBundle(file) {
                for record in try bundleRecords(file) {
                    if let cohort, record.cohort != cohort { continue }
                    if let path, record.pathID != path { continue }
                    add(record)
                }
                continue
            }
            let store = try ProgressStore.open(path: file, readOnly: true)
            let snapshot = try store.cohort(cohort, path: path)
            for entry in snapshot.enrollments {
                add(
                    CohortRecord(
                        participant: entry.participant.name, courseID: entry.enrollment.courseID,
                        pathID: entry.enrollment.pathID, cohort: entry.enrollment.cohort,
                        attempt: entry.enrollment.attempt, progress: entry.progress,
                        eventCount: entry.eventCount))
            }
            unenrolled.formUnion(snapshot.unenrolled.map(\.name))
        }
        let enrolled = Set(sources.records.map(\.participant))
        sources.unenrolled = unenrolled.subtracting(enrolled).sorted()
        return sources
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
