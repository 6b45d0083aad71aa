import Foundation
import ParcoursCore

/// One participant's enrollments and their complete event logs, as a file that travels.
///
/// A learner on a laptop exports a bundle (`parcours export`) and sends it to the
/// facilitator, who merges it into the cohort store (`parcours import`). The format is JSON
/// with a version (see `BundleFormat`); times are RFC 3339 with milliseconds in UTC, which
/// is exactly what the store keeps.
///
/// ```json
/// {
///   "format": "parcours-bundle", "formatVersion": 1,
///   "exportedAt": "2026-03-02T09:15:00.000Z",
///   "participant": { "name": "ada", "createdAt": "2026-03-01T08:00:00.000Z" },
///   "enrollments": [ { "courseID": "demo", "pathID": "main", "attempt": 1, …,
///     "events": [ { "seq": 1, "type": "started", "at": "…", "activeMs": 0, "payload": {…} } ] } ]
/// }
/// ```
public struct ProgressBundle: Sendable, Equatable {
    public var exportedAt: Date
    public var participant: BundleParticipant
    public var enrollments: [BundleEnrollment]

    public init(exportedAt: Date, participant: BundleParticipant, enrollments: [BundleEnrollment]) {
        self.exportedAt = exportedAt
        self.participant = participant
        self.enrollments = enrollments
    }

    /// The courses the bundle's enrollments follow, sorted.
    public var courseIDs: [String] {
        Array(Set(enrollments.map(\.courseID))).sorted()
    }

    /// The number of events in all enrollments.
    public var eventCount: Int {
        enrollments.reduce(0) { $0 + $1.events.count }
    }
}

/// Who the bundle belongs to; matched by name on import.
public struct BundleParticipant: Sendable, Equatable {
    public var name: String
    public var createdAt: Date

    public init(name: String, createdAt: Date) {
        self.name = name
        self.createdAt = createdAt
    }
}

/// One attempt at one path, with its whole log from seq 1.
public struct BundleEnrollment: Sendable, Equatable {
    public var courseID: String
    public var pathID: String
    public var courseVersion: String
    public var cohort: String?
    public var attempt: Int
    public var startedAt: Date
    public var finishedAt: Date?
    public var events: [Event]

    public init(
        courseID: String, pathID: String, courseVersion: String, cohort: String?, attempt: Int,
        startedAt: Date, finishedAt: Date?, events: [Event]
    ) {
        self.courseID = courseID
        self.pathID = pathID
        self.courseVersion = courseVersion
        self.cohort = cohort
        self.attempt = attempt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.events = events
    }
}

/// The bundle file format: its name, versions and size limit.
public enum BundleFormat {
    /// The value of the `format` key, so a stray JSON file is recognised as not a bundle.
    public static let name = "parcours-bundle"
    /// The version this parcours writes.
    public static let currentVersion = 1
    /// The oldest version this parcours still reads.
    public static let minimumCompatibleVersion = 1
    /// The largest bundle read (32 MiB), checked before parsing: a learner's log is a few
    /// hundred kilobytes, so anything near this is a mistake, not progress.
    public static let maximumBytes = 32 * 1024 * 1024
}

/// Why a bundle was refused; in every case nothing was written.
public enum BundleError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file is larger than `BundleFormat.maximumBytes`.
    case tooLarge(bytes: Int, limit: Int)
    /// The bundle `export` would write is larger than `import` reads.
    case tooLargeToExport(bytes: Int, limit: Int)
    /// Not JSON, or JSON that is not a parcours bundle.
    case notABundle(reason: String)
    /// A bundle of a version this parcours cannot read.
    case unsupportedVersion(found: Int, minimum: Int, current: Int)
    /// A bundle of a readable version whose content is wrong.
    case malformed(reason: String)
    /// An enrollment follows a course that is not installed here.
    case unknownCourse(course: String, installed: [String])
    /// The store already holds different data under the same identity.
    case conflict(reason: String)
    /// An attempt's log breaks a rule the REPL obeys (`LogValidation`).
    case invalidLog(attempt: String, violation: LogValidation.Violation)

    /// 65 (EX_DATAERR) in every case: the bundle, not the machine, is at fault.
    public var exitCode: Int32 { 65 }

    public var description: String {
        switch self {
        case .tooLarge(let bytes, let limit):
            return """
                the bundle is \(bytes) bytes, over the limit of \(limit) bytes \
                (\(limit / 1_048_576) MiB); nothing was imported. Check that it is a bundle \
                made by `parcours export`.
                """
        case .tooLargeToExport(let bytes, let limit):
            return """
                this learner's bundle would be \(bytes / 1_048_576) MiB, over the \
                \(limit / 1_048_576) MiB that `parcours import` reads, so it was not written. \
                A log this large is unusual: look for a note pasted many times, or many attempts \
                (`parcours reset`); send it as xAPI statements instead with `export --xapi`.
                """
        case .invalidLog(let attempt, let violation):
            return """
                \(attempt), \(violation): no parcours could have written this log, so nothing \
                was imported. Export the bundle again from the learner's own store.
                """
        case .notABundle(let reason):
            return """
                this is not a parcours bundle (\(reason)); nothing was imported. \
                Bundles are made by `parcours export`.
                """
        case .unsupportedVersion(let found, let minimum, let current):
            let advice =
                found > current
                ? "it was made by a newer parcours: upgrade parcours to import it"
                : "it was made by a parcours too old to read: export it again with this version"
            let range = minimum == current ? "\(current)" : "\(minimum)–\(current)"
            return """
                bundle format version \(found) is not supported (this parcours reads version \
                \(range)); \(advice). Nothing was imported.
                """
        case .malformed(let reason):
            return "the bundle is damaged: \(reason). Nothing was imported."
        case .unknownCourse(let course, let installed):
            let known = installed.isEmpty ? "none" : installed.joined(separator: ", ")
            return """
                the bundle follows the course '\(course)', which is not installed here \
                (installed: \(known)); nothing was imported. Install the course, or point \
                parcours at it with --home DIR.
                """
        case .conflict(let reason):
            return """
                conflict: \(reason). The store already holds different progress under the \
                same name, path and attempt; nothing was imported.
                """
        }
    }
}
