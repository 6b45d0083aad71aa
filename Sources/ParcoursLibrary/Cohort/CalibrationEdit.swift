import Foundation
import ParcoursCore
import ParcoursReport

/// A calibration's flagged medians as the bytes of one installed graph file
/// (`calibrate --write`): only the digits of each step's `minutes:` change.
public struct CalibrationEdit {
    /// The graph file, as found on disk.
    public var graph: String
    /// The file's bytes with the new minutes.
    public var bytes: [UInt8]
    public var changes: [MinutesEdit.Change]
    /// Steps left as they are, with the reason.
    public var skipped: [MinutesEdit.Skipped]

    /// The edit of course `courseID`'s graph by `edits`; nil when the course is not installed.
    ///
    /// The file must still be the one calibrated (its content hash is the version the
    /// attempts followed) and still read as a course (64 otherwise). The edit is made on the
    /// file's own bytes (a byte-order mark, CR LF kept), not on the text decoded from them.
    public static func make(
        courseID: String, edits: [Calibration.Edit], calibration: Calibration, courses: CourseLookup
    ) throws(LibraryError) -> CalibrationEdit? {
        guard let files = courses.files(courseID) else { return nil }
        let data = try ContentLibrary.read(files.graph)
        let installed = calibration.paths.first { $0.courseID == courseID }?.courseVersion
        guard ContentHash.of(data.text) == installed else { throw .graphChanged(path: data.path) }
        let (file, _) = CourseFileDecoder.decode(data.text, file: data.path)
        guard let file else { throw .notACourse(path: data.path) }
        let minutes = Dictionary(
            edits.filter { $0.courseID == courseID }.map { ($0.step, $0.to) }, uniquingKeysWith: { first, _ in first })
        guard let raw = FileManager.default.contents(atPath: files.graph) else {
            throw .unreadable(path: files.graph)
        }
        let result = MinutesEdit.apply(minutes, to: Array(raw), file: file)
        return CalibrationEdit(
            graph: files.graph, bytes: result.bytes, changes: result.changes, skipped: result.skipped)
    }
}
