import Foundation
import ParcoursCore
import ParcoursReport
import ParcoursStore

/// Participant bundles (`parcours export`) as report sources.
extension CohortSources {
    /// Whether `file` is read as a bundle: its first byte that is not blank (or a byte-order
    /// mark) is `{`.
    public static func isBundle(_ file: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: file) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 64)) ?? Data()
        return head.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) } == UInt8(ascii: "{")
    }

    /// A bundle's attempts as records. Each log is checked against its installed course as
    /// import checks it (`LogValidation`); one that breaks a rule is kept with its damage, so
    /// the report leaves it out and names it, and counts the others.
    public static func bundleRecords(_ file: String, course: (String) -> Course?, now: Date) throws -> [CohortRecord] {
        guard let data = FileManager.default.contents(atPath: file) else {
            throw LibraryError.unreadable(path: file)
        }
        let bundle = try BundleCodec.decode(data)
        return bundle.enrollments.map { enrollment in
            var record = CohortRecord(
                participant: bundle.participant.name, courseID: enrollment.courseID,
                pathID: enrollment.pathID, cohort: enrollment.cohort, attempt: enrollment.attempt,
                events: enrollment.events)
            if let installed = course(enrollment.courseID),
                let violation = LogValidation.check(
                    enrollment.events, attempt: enrollment.validationAttempt, course: installed, now: now)
            {
                record.damage = "its log breaks a rule (\(violation))"
            }
            return record
        }
    }
}
