import Foundation
import ParcoursTestSupport
import Testing

/// One learner, one fixture course and one store, in a fresh temporary directory.
struct Learner {
    /// What `parcours status --json` prints.
    struct Status: Decodable, Equatable {
        var learner: String
        var course: String
        var path: String
        var attempt: Int
        var currentStep: String?
        var completedSteps: Int
        var requiredSteps: Int
        var waivedSteps: [String]
        var walkSteps: Int
        var setAsideSteps: [String]
        var activeSeconds: Int
        var budgetSeconds: Int
        var pace: String?
        var finished: Bool
    }

    let directory: String
    let home: String
    var store: String
    var name = "ada"

    /// `course` writes the course into the home folder it is given (the demo fixture).
    init(course: (String) throws -> String = { try Fixture.write(to: $0) }) throws {
        directory = try Binary.temporaryDirectory()
        home = try course(directory + "/home")
        // The interface's own words, so the tests read what a learner reads.
        for language in ["fr", "en"] {
            try FileManager.default.copyItem(
                atPath: Binary.packageRoot + "/Locales/\(language)/ui.yml",
                toPath: home + "/Locales/\(language)/ui.yml")
        }
        store = directory + "/progress.sqlite"
    }

    var options: [String] { ["--as", name, "--store", store, "--home", home] }

    /// `parcours COMMAND … --as ada --store … --home …` with `input` on stdin.
    func run(_ arguments: [String], input: String = "") throws -> Binary.Result {
        try Binary.run(arguments + options, input: input, directory: directory)
    }

    /// Same, with raw bytes on stdin.
    func run(_ arguments: [String], bytes: Data) throws -> Binary.Result {
        try Self.runRaw(arguments + options, input: bytes, directory: directory)
    }

    func status() throws -> Status {
        let result = try run(["status", "--json"])
        #expect(result.status == 0, "status failed: \(result.stderr)")
        return try JSONDecoder().decode(Status.self, from: Data(result.stdout.utf8))
    }

    /// `sqlite3 -batch STORE SQL`, rows separated by newlines, columns by `|`.
    func sql(_ query: String) throws -> String {
        try Self.sqlite(store, query)
    }

    static func sqlite(_ file: String, _ query: String) throws -> String {
        let result = try ProcessRunner.run(
            executable: "/usr/bin/sqlite3", arguments: ["-batch", "-readonly", file, query])
        #expect(result.status == 0, "sqlite3: \(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func runRaw(_ arguments: [String], input: Data, directory: String) throws -> Binary.Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = arguments
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "HOME": directory, "PARCOURS_TEST_SEED": "none",
            "XDG_DATA_HOME": directory + "/nodata",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try ProcessLaunch.run(process)
        let group = DispatchGroup()
        nonisolated(unsafe) var out = Data()
        nonisolated(unsafe) var err = Data()
        DispatchQueue.global().async(group: group) { out = stdout.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { err = stderr.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async {
            try? stdin.fileHandleForWriting.write(contentsOf: input)
            try? stdin.fileHandleForWriting.close()
        }
        group.wait()
        process.waitUntilExit()
        return Binary.Result(
            status: process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
            stderr: String(decoding: err, as: UTF8.self))
    }
}
