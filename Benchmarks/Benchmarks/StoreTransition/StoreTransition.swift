// Issue 3: one step transition with its durable commit, against a bare SQLite insert.
//
// Each benchmark sets up ONE file in a fresh temporary directory (WAL, synchronous=FULL, this
// process, no process start), then every sample is ONE operation on that same file:
//   transition   ProgressStore.append([completed, entered], to:) + LearnerProgress.apply x2,
//                exactly what REPL.commit does for a "next" (Sources/ParcoursTerminal/REPL)
//   bare-sqlite  the SQLite C API: one prepared single-row INSERT, autocommit
//   grdb-insert  GRDB DatabaseQueue.write { one single-row INSERT } (for attribution)
// All three take the same number of samples (no time limit cuts one short), so their WALs
// grow, checkpoint and restart at the same moments: every commit writes two pages (a table
// leaf and an index leaf) in each of them. A WAL that grows costs more per fsync than one
// that is being reused after a checkpoint, so unequal sample counts would compare
// different phases.
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

/// A learner one step into alliances-12h, and the next step to take.
final class TransitionRig {
    let dir = freshDirectory("transition")
    let store: ProgressStore
    let enrollmentID: Int64
    var progress: LearnerProgress
    var seq = 1
    var step = 0
    /// alliances-12h has 57 steps; a learner's progress never holds more step ids than that.
    static let pathLength = 57

    init() throws {
        store = try ProgressStore.open(path: dir + "/progress.sqlite")
        let learner = try store.participant(named: "bench")
        let started = Event(seq: 1, type: .started, payload: EventPayload(language: "fr"), at: Date())
        enrollmentID = try store.startEnrollment(
            participantID: learner.id, courseID: "alliances-territoires", pathID: "alliances-12h",
            courseVersion: "bench", cohort: nil, started: started
        ).id
        progress = LearnerProgress.fold([started])
    }

    /// "next": the current step is completed and the following one entered, in one commit.
    func next() throws {
        let now = Date()
        let events = [
            Event(
                seq: seq + 1, type: .completed, stepID: "s\(step % Self.pathLength)", at: now,
                activeMilliseconds: 1),
            Event(seq: seq + 2, type: .entered, stepID: "s\((step + 1) % Self.pathLength)", at: now),
        ]
        try store.append(events, to: enrollmentID)
        for event in events { progress.apply(event) }
        seq += 2
        step += 1
    }
}

/// GRDB's own single-row write, on the baseline's table.
final class GRDBRig {
    let dir = freshDirectory("grdb")
    let queue: DatabaseQueue
    var seq = 0

    init() throws {
        var config = Configuration()
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        queue = try DatabaseQueue(path: dir + "/grdb.sqlite", configuration: config)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE event (id INTEGER PRIMARY KEY, enrollment_id INTEGER NOT NULL,
                      seq INTEGER NOT NULL, type TEXT NOT NULL, step_id TEXT, payload TEXT NOT NULL,
                      at INTEGER NOT NULL, active_ms INTEGER NOT NULL, UNIQUE (enrollment_id, seq))
                    """)
        }
    }

    func insertOne() throws {
        seq += 1
        let at = 1_700_000_000_000 + seq
        try queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms)
                    VALUES (1, ?, 'entered', 'step', '{}', ?, 0)
                    """, arguments: [seq, at])
        }
    }
}

nonisolated(unsafe) private var transitionRig: TransitionRig?
nonisolated(unsafe) private var bareRig: (dir: String, bare: BareSQLite)?
nonisolated(unsafe) private var grdbRig: GRDBRig?

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal, .syscalls],
        timeUnits: .microseconds,
        warmupIterations: 20,
        // Same count for all three; the time limit is far enough never to cut one short.
        maxDuration: .seconds(120),
        maxIterations: 1_500
    )

    Benchmark(
        "transition (append completed+entered, apply)",
        closure: { _ in try transitionRig!.next() },
        setup: { transitionRig = try TransitionRig() },
        teardown: {
            if let rig = transitionRig { try? FileManager.default.removeItem(atPath: rig.dir) }
            transitionRig = nil
        })

    Benchmark(
        "bare-sqlite (C API single-row INSERT, autocommit)",
        closure: { _ in bareRig!.bare.insertOne() },
        setup: {
            let dir = freshDirectory("bare")
            bareRig = (dir, BareSQLite(path: dir + "/bare.sqlite"))
        },
        teardown: {
            if let rig = bareRig { try? FileManager.default.removeItem(atPath: rig.dir) }
            bareRig = nil
        })

    Benchmark(
        "grdb-insert (DatabaseQueue.write single-row INSERT)",
        closure: { _ in try grdbRig!.insertOne() },
        setup: { grdbRig = try GRDBRig() },
        teardown: {
            if let rig = grdbRig { try? FileManager.default.removeItem(atPath: rig.dir) }
            grdbRig = nil
        })
}
