import Foundation
import ParcoursTestSupport
import Testing

/// Many learners writing to one shared store at the same moment, through the real binary.
@Suite struct ConcurrencyTests {
    static let learners = 16

    /// One `parcours start` with its input and where its output goes.
    struct Walker {
        let name: String
        let right: Bool
        let process = Process()
        let input = Pipe()

        /// Events one walk writes: started, then entered/completed per step, the answer,
        /// finished. The right answer jumps from the quiz to the end (9), the wrong one
        /// goes through the optional lesson (11).
        var expectedEvents: Int { right ? 9 : 11 }
        var script: String { right ? "\n1\n\n\n" : "\n2\n\n\n\n" }
    }

    @Test func sixteenLearnersWriteToOneStoreAtOnce() throws {
        let (directory, home) = try Self.world()
        let store = directory + "/cohort.sqlite"
        let walkers = (1...Self.learners).map { Walker(name: "p\($0)", right: $0 % 2 == 1) }

        // Launch every process before feeding any of them, so their writes overlap.
        for walker in walkers {
            let process = walker.process
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = [
                "start", "main", "--as", walker.name, "--store", store, "--home", home, "--cohort", "C16",
            ]
            process.environment = [
                "PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "HOME": directory, "PARCOURS_TEST_SEED": "none",
                "XDG_DATA_HOME": directory + "/nodata",
            ]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardInput = walker.input
            // Files, not pipes: nobody has to drain sixteen outputs while they run.
            _ = FileManager.default.createFile(atPath: "\(directory)/\(walker.name).out", contents: nil)
            _ = FileManager.default.createFile(atPath: "\(directory)/\(walker.name).err", contents: nil)
            process.standardOutput = FileHandle(forWritingAtPath: "\(directory)/\(walker.name).out")
            process.standardError = FileHandle(forWritingAtPath: "\(directory)/\(walker.name).err")
            try ProcessLaunch.run(process)
        }
        for walker in walkers {
            walker.input.fileHandleForWriting.write(Data(walker.script.utf8))
            try walker.input.fileHandleForWriting.close()
        }
        for walker in walkers {
            walker.process.waitUntilExit()
            let errors = (try? String(contentsOfFile: "\(directory)/\(walker.name).err", encoding: .utf8)) ?? ""
            #expect(
                walker.process.terminationStatus == 0,
                "\(walker.name) exited \(walker.process.terminationStatus): \(errors)")
            #expect(!errors.contains("locked"), "\(walker.name): \(errors)")
            #expect(!errors.contains("busy"), "\(walker.name): \(errors)")
        }

        let counts = try Self.sqlite(
            store,
            """
            SELECT p.name, COUNT(v.id), MAX(v.seq), e.finished_at IS NOT NULL
            FROM participant p JOIN enrollment e ON e.participant_id = p.id
            JOIN event v ON v.enrollment_id = e.id GROUP BY e.id ORDER BY p.name
            """)
        var seen: [String: String] = [:]
        for line in counts.split(separator: "\n") {
            let columns = line.split(separator: "|").map(String.init)
            seen[columns[0]] = columns.dropFirst().joined(separator: "|")
        }
        #expect(seen.count == Self.learners)
        for walker in walkers {
            let expected = walker.expectedEvents
            #expect(seen[walker.name] == "\(expected)|\(expected)|1", "\(walker.name): \(seen[walker.name] ?? "none")")
        }
        #expect(try Self.sqlite(store, "SELECT COUNT(*) FROM enrollment") == "\(Self.learners)")
        #expect(try Self.sqlite(store, "PRAGMA integrity_check") == "ok")
    }

    /// Eight `start`s of one learner on one path at once make one attempt; the processes that
    /// find it taken say so on standard error, never on standard output alone.
    @Test func eightStartsOfOneLearnerMakeOneAttempt() throws {
        let (directory, home) = try Self.world()
        let store = directory + "/cohort.sqlite"
        var processes: [(Process, Pipe)] = []
        for index in 0..<8 {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: Binary.path)
            process.arguments = ["start", "main", "--as", "camille", "--store", store, "--home", home]
            process.environment = [
                "PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "HOME": directory, "PARCOURS_TEST_SEED": "none",
            ]
            let input = Pipe()
            process.standardInput = input
            for stream in ["out", "err"] {
                _ = FileManager.default.createFile(atPath: "\(directory)/\(index).\(stream)", contents: nil)
            }
            process.standardOutput = FileHandle(forWritingAtPath: "\(directory)/\(index).out")
            process.standardError = FileHandle(forWritingAtPath: "\(directory)/\(index).err")
            try ProcessLaunch.run(process)
            processes.append((process, input))
        }
        for (_, input) in processes {
            input.fileHandleForWriting.write(Data("quitter\n".utf8))
            try input.fileHandleForWriting.close()
        }
        for (index, (process, _)) in processes.enumerated() {
            process.waitUntilExit()
            let output = (try? String(contentsOfFile: "\(directory)/\(index).out", encoding: .utf8)) ?? ""
            let errors = (try? String(contentsOfFile: "\(directory)/\(index).err", encoding: .utf8)) ?? ""
            #expect(!output.contains("Impossible d'enregistrer"), "an error on stdout: \(output)")
            if process.terminationStatus != 0 {
                #expect(!errors.isEmpty, "exit \(process.terminationStatus) with nothing on stderr")
            }
        }
        #expect(try Self.sqlite(store, "SELECT COUNT(*) FROM enrollment") == "1")
        #expect(try Self.sqlite(store, "PRAGMA integrity_check") == "ok")
    }

    /// A temporary folder holding the fixture course and the interface's words.
    static func world() throws -> (directory: String, home: String) {
        let directory = try Binary.temporaryDirectory()
        let home = try Fixture.write(to: directory + "/home")
        for language in ["fr", "en"] {
            try FileManager.default.copyItem(
                atPath: Binary.packageRoot + "/Locales/\(language)/ui.yml",
                toPath: home + "/Locales/\(language)/ui.yml")
        }
        return (directory, home)
    }

    static func sqlite(_ file: String, _ query: String) throws -> String {
        let result = try ProcessRunner.run(
            executable: "/usr/bin/sqlite3", arguments: ["-batch", "-readonly", file, query])
        #expect(result.status == 0, "sqlite3: \(result.standardError)")
        return result.standardOutput.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
