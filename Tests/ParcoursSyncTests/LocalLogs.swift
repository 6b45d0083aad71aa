import Foundation
import ParcoursCore
import ParcoursLibrary
import ParcoursStore

/// Learners' logs written straight into a store, as the REPL writes them: a started event,
/// then entered/completed pairs a minute apart.
enum LocalLogs {
    static let start = Date(timeIntervalSince1970: 1_790_000_000)

    static func store() throws -> ProgressStore {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-sync-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return try ProgressStore.open(path: folder.appendingPathComponent("progress.sqlite").path)
    }

    /// A new attempt of `name` at path `p` of course `c` with `steps` steps done; returns the enrollment.
    @discardableResult
    static func walk(
        _ name: String, in store: ProgressStore, steps: Int, cohort: String? = nil, startingAt start: Date = start
    ) throws -> Enrollment {
        let participant = try store.participant(named: name, at: start)
        let attempt =
            (try store.enrollments(of: participant.id).filter { $0.pathID == "p" }.map(\.attempt).max() ?? 0) + 1
        var payload = EventPayload()
        payload.attempt = attempt
        let enrollment = try store.startEnrollment(
            participantID: participant.id, courseID: "c", pathID: "p", courseVersion: "v1", cohort: cohort,
            started: Event(seq: 1, type: .started, payload: payload, at: start))
        try advance(enrollment, in: store, steps: steps)
        return enrollment
    }

    /// `steps` more steps on an enrollment.
    static func advance(_ enrollment: Enrollment, in store: ProgressStore, steps: Int) throws {
        let events = try store.events(of: enrollment.id)
        var seq = events.count
        var at = events.last?.at ?? start
        for step in 0..<steps {
            at += 30
            seq += 1
            try store.append(
                Event(seq: seq, type: .entered, stepID: "s\(seq)-\(step)", at: at, activeMilliseconds: 20_000),
                to: enrollment.id)
            at += 30
            seq += 1
            try store.append(
                Event(seq: seq, type: .completed, stepID: "s\(seq - 1)-\(step)", at: at, activeMilliseconds: 25_000),
                to: enrollment.id)
        }
    }
}
