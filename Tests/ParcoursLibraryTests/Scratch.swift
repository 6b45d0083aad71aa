import Foundation
import ParcoursTestSupport

/// A temporary folder that disappears with the test that made it.
final class Scratch: Sendable {
    let directory: String

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent(
                "parcours-library-\(UUID().uuidString)"
            ).path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    func path(_ name: String) -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// The fixture course (`demo`, path `main`) in a folder of its own, with any changes.
    @discardableResult
    func course(_ folder: String = "content", graph: String = Fixture.graph) throws -> String {
        try Fixture.write(to: path(folder), graph: graph)
    }

    func write(_ text: String, to name: String) throws {
        let file = path(name)
        try FileManager.default.createDirectory(
            atPath: (file as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: file, atomically: true, encoding: .utf8)
    }
}
