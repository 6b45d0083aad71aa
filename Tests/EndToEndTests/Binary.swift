import Foundation
import ParcoursTestSupport

/// The built `parcours` executable, run through pipes as a user's shell would.
enum Binary {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The package root, found from this file.
    static let packageRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `parcours` built beside the test bundle.
    static let path: String = {
        var directory = URL(
            fileURLWithPath: (try? FileManager.default.destinationOfSymbolicLink(
                atPath: "/proc/self/exe")) ?? "")
        directory.deleteLastPathComponent()
        for candidate in [
            directory.appendingPathComponent("parcours").path,
            packageRoot + "/.build/debug/parcours",
        ]
        where FileManager.default.isExecutableFile(atPath: candidate) {
            return candidate
        }
        return packageRoot + "/.build/debug/parcours"
    }()

    /// A fresh temporary directory.
    static func temporaryDirectory() throws -> String {
        let path = NSTemporaryDirectory() + "parcours-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs parcours with `arguments`, feeding `input` on stdin.
    static func run(
        _ arguments: [String], input: String = "", environment: [String: String] = [:], directory: String? = nil
    ) throws -> Result {
        var env = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "LANG": "fr_FR.UTF-8"]
        env["HOME"] = NSTemporaryDirectory()
        env["XDG_DATA_HOME"] = NSTemporaryDirectory() + "parcours-e2e-nodata"
        // Questions in their written order, so a script answers by number (a test of the
        // learner's own order gives a seed).
        env["PARCOURS_TEST_SEED"] = "none"
        for (key, value) in environment { env[key] = value }
        let result = try ProcessRunner.run(
            executable: path, arguments: arguments, environment: env, standardInput: input,
            currentDirectory: directory)
        return Result(status: result.status, stdout: result.standardOutput, stderr: result.standardError)
    }

    /// Runs another program (dot, python3) with stdin, for checks on parcours' output.
    static func tool(_ executable: String, _ arguments: [String], input: String) throws -> Result {
        let result = try ProcessRunner.run(
            executable: "/usr/bin/env", arguments: [executable] + arguments, standardInput: input)
        return Result(status: result.status, stdout: result.standardOutput, stderr: result.standardError)
    }
}
