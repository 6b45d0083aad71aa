import Foundation
import ParcoursCore
import ParcoursStore

/// Participant bundles on their way into a store (`parcours import`): each is read and
/// checked whole before anything is written.
public enum BundleImport {
    /// Reads and checks one bundle: its size before parsing, then its format, then that
    /// every course it follows is among `installed`.
    public static func read(_ file: String, installed: [String]) throws -> ProgressBundle {
        let attributes = try? FileManager.default.attributesOfItem(atPath: file)
        guard let attributes, attributes[.type] as? FileAttributeType != .typeDirectory,
            let handle = FileHandle(forReadingAtPath: file)
        else {
            throw LibraryError.unreadable(path: file)
        }
        defer { try? handle.close() }
        if let size = attributes[.size] as? Int, size > BundleFormat.maximumBytes {
            throw BundleError.tooLarge(bytes: size, limit: BundleFormat.maximumBytes)
        }
        // Read one byte past the limit, so a file that grew since stat is still caught.
        let data = try handle.read(upToCount: BundleFormat.maximumBytes + 1) ?? Data()
        let bundle = try BundleCodec.decode(data)
        for course in bundle.courseIDs where !installed.contains(course) {
            throw BundleError.unknownCourse(course: course, installed: installed.sorted())
        }
        return bundle
    }

    /// Replays every log of `bundle` against its course with the rules the REPL obeys; a
    /// course that does not load is its `LibraryError`, a log that breaks a rule a `BundleError`.
    public static func validate(_ bundle: ProgressBundle, courses: CourseLookup) throws {
        try bundle.validate(courses: try courses.graphs(bundle.courseIDs))
    }
}
