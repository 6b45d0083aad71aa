import Foundation
import ParcoursTestSupport
import Testing

/// `kill -9` at random moments of a walk: the store stays sound and nothing done is lost.
@Suite("Crash: kill -9 during a walk")
struct CrashTests {
    static let titles = ["intro": "Introduction", "quiz": "Quiz", "fix": "Rattrapage", "end": "Fin"]
    static let lines = ["", "", "", "1", "2", "2", "note vu", "retour", "passer", "non", "etat", "plan"]

    /// Starts `parcours start main`, feeds it `script` (slowly or at once), and kills it
    /// `delay` milliseconds after the start, if it is still running.
    static func killedRun(_ learner: Learner, script: [String], slowly: Bool, delay: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Binary.path)
        process.arguments = ["start", "main"] + learner.options
        process.environment = [
            "PATH": "/usr/bin:/bin", "LANG": "fr_FR.UTF-8", "HOME": learner.directory, "PARCOURS_TEST_SEED": "none",
            "XDG_DATA_HOME": learner.directory + "/nodata",
        ]
        let input = Pipe()
        process.standardInput = input
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try ProcessLaunch.run(process)
        let writer = input.fileHandleForWriting
        let text = script.map { $0 + "\n" }
        DispatchQueue.global().async {
            // Input stays open: the program is waiting for more when the kill comes.
            if slowly {
                for line in text {
                    guard (try? writer.write(contentsOf: Data(line.utf8))) != nil else { return }
                    usleep(UInt32.random(in: 0...15_000))
                }
            } else {
                try? writer.write(contentsOf: Data(text.joined().utf8))
            }
        }
        usleep(UInt32(delay) * 1_000)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        try? writer.close()
    }

    @Test func killNineNeverLosesProgressNorCorruptsTheStore() throws {
        signal(SIGPIPE, SIG_IGN)  // the killed program's input pipe breaks under the writer
        let learner = try Learner()
        var random = SeededGenerator(seed: 20_251_127)
        var lastAttempt = 0
        var lastCompleted = 0
        var lastSeqs: [String: Int] = [:]
        var iterations = 0
        var killsWithProgress = 0
        while iterations < 50 {
            iterations += 1
            let script = (0..<Int.random(in: 1...12, using: &random)).map { _ in
                Self.lines.randomElement(using: &random) ?? ""
            }
            let delay = Int.random(in: 0...300, using: &random)
            let slowly = Bool.random(using: &random)
            try Self.killedRun(learner, script: script, slowly: slowly, delay: delay)
            let context = "iteration \(iterations), delay \(delay) ms, script \(script)"

            guard FileManager.default.fileExists(atPath: learner.store) else { continue }
            #expect(try learner.sql("PRAGMA integrity_check") == "ok", "\(context)")
            // Killed while the new store was being set up: its tables may not exist yet, and
            // nothing was saved (the next start sets it up again).
            guard try learner.sql("select count(*) from sqlite_master where name = 'enrollment'") == "1",
                try learner.sql("select count(*) from enrollment") != "0"
            else { continue }

            // The log of every attempt is dense, and only ever grows.
            let rows = try learner.sql("select enrollment_id, count(*), max(seq) from event group by enrollment_id")
            for row in rows.split(separator: "\n") {
                let fields = row.split(separator: "|").map(String.init)
                guard fields.count == 3 else {
                    Issue.record("odd row \(row) (\(context))")
                    continue
                }
                #expect(fields[1] == fields[2], "gap in the log of enrollment \(fields[0]) (\(context))")
                let seq = Int(fields[2]) ?? 0
                #expect(seq >= lastSeqs[fields[0], default: 0], "events lost in \(fields[0]) (\(context))")
                if seq > lastSeqs[fields[0], default: 0] { killsWithProgress += 1 }
                lastSeqs[fields[0]] = seq
            }

            let status = try learner.status()
            #expect(status.attempt >= lastAttempt, "\(context)")
            if status.attempt == lastAttempt {
                #expect(status.completedSteps >= lastCompleted, "a completed step was lost (\(context))")
            }
            lastAttempt = status.attempt
            lastCompleted = status.completedSteps
            guard !status.finished else { continue }

            // The learner is where the log says, and resume shows that step.
            let lastEntered = try learner.sql(
                "select step_id from event where enrollment_id = (select max(id) from enrollment)"
                    + " and type = 'entered' order by seq desc limit 1")
            #expect(status.currentStep == lastEntered, "\(context)")
            let resumed = try learner.run(["resume"])
            #expect(resumed.status == 0, "\(context): \(resumed.stderr)")
            let shown = resumed.stdout.components(separatedBy: "──").last?
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
                .first { !$0.isEmpty }
            let expected = status.currentStep.flatMap { Self.titles[$0] }
            #expect(
                shown.map { $0.hasPrefix(expected ?? "?") } == true,
                "resume shows \(shown ?? "nothing"), expected \(expected ?? "?") (\(context))")
            #expect(try learner.status().currentStep == status.currentStep, "resume moved the learner (\(context))")
        }
        #expect(iterations >= 50)
        #expect(killsWithProgress >= 10, "most kills came too early to test anything")
    }
}
