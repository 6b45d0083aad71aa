// Issue 3: one step transition with its durable commit, against a bare SQLite insert.
//
// All three benchmarks write to a fresh file in a fresh temporary directory on the same
// file system, in WAL mode with synchronous=FULL, in this process (no process start).
//   transition   ProgressStore.append([completed, entered], to:) + LearnerProgress.apply x2,
//                exactly what REPL.commit does for a "next" (Sources/ParcoursTerminal/REPL)
//   bare-sqlite  the SQLite C API: one prepared single-row INSERT, autocommit
//   grdb-insert  GRDB DatabaseQueue.write { one single-row INSERT } (for attribution)
import BareSQLite
import Benchmark
import Foundation
import GRDB
import ParcoursCore
import ParcoursStore

private func freshDirectory(_ name: String) -> String {
    let dir = FileManager.default.temporaryDirectory
        .appendingPathComponent("parcours-bench-\(name)-\(UUID().uuidString)").path
    try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
}

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .syscalls],
        timeUnits: .microseconds,
        warmupIterations: 20,
        maxDuration: .seconds(6),
        maxIterations: 2_000
    )

    Benchmark("transition (append completed+entered, apply)") { benchmark in
        let dir = freshDirectory("transition")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = try ProgressStore.open(path: dir + "/progress.sqlite")
        let learner = try store.participant(named: "bench")
        let started = Event(
            seq: 1, type: .started, payload: EventPayload(language: "fr"), at: Date())
        let enrollment = try store.startEnrollment(
            participantID: learner.id, courseID: "alliances-territoires", pathID: "alliances-12h",
            courseVersion: "bench", cohort: nil, started: started)
        var progress = LearnerProgress.fold([started])
        var seq = 1
        var step = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let now = Date()
            let events = [
                Event(seq: seq + 1, type: .completed, stepID: "s\(step)", at: now, activeMilliseconds: 1),
                Event(seq: seq + 2, type: .entered, stepID: "s\(step + 1)", at: now),
            ]
            try store.append(events, to: enrollment.id)
            for event in events { progress.apply(event) }
            seq += 2
            step += 1
        }
        benchmark.stopMeasurement()
        blackHole(progress)
    }

    Benchmark("bare-sqlite (C API single-row INSERT, autocommit)") { benchmark in
        let dir = freshDirectory("bare")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let bare = BareSQLite(path: dir + "/bare.sqlite")
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            bare.insertOne()
        }
        benchmark.stopMeasurement()
    }

    Benchmark("grdb-insert (DatabaseQueue.write single-row INSERT)") { benchmark in
        let dir = freshDirectory("grdb")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let queue = try DatabaseQueue(path: dir + "/grdb.sqlite", configuration: config)
        try queue.write { db in
            try db.execute(sql: """
                CREATE TABLE event (id INTEGER PRIMARY KEY, enrollment_id INTEGER NOT NULL,
                  seq INTEGER NOT NULL, type TEXT NOT NULL, step_id TEXT, payload TEXT NOT NULL,
                  at INTEGER NOT NULL, active_ms INTEGER NOT NULL, UNIQUE (enrollment_id, seq))
                """)
        }
        var seq = 0
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            seq += 1
            let at = 1_700_000_000_000 + seq
            try queue.write { db in
                try db.execute(
                    literal: """
                        INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms)
                        VALUES (1, \(seq), 'entered', 'step', '{}', \(at), 0)
                        """)
            }
        }
        benchmark.stopMeasurement()
    }
}
