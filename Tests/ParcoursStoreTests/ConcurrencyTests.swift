import Foundation
import ParcoursCore
import Synchronization
import Testing

@testable import ParcoursStore

/// Several processes sharing one cohort store, simulated by one `ProgressStore` (one
/// SQLite connection) per thread: every write must wait its turn and none may be lost.
@Suite("Concurrent writers")
struct ConcurrencyTests {
    /// Runs `body(i)` for each i on its own thread, all at once; returns the errors.
    private func inParallel(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void)
        -> [String]
    {
        let errors = Mutex<[String]>([])
        let done = DispatchGroup()
        for index in 0..<count {
            done.enter()
            let thread = Thread {
                do {
                    try body(index)
                } catch {
                    errors.withLock { $0.append("writer \(index): \(error)") }
                }
                done.leave()
            }
            thread.start()
        }
        done.wait()
        return errors.withLock { $0 }
    }

    @Test func sixteenWritersOnANewFileLoseNothing() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let writers = 16
        let eventsEach = 8

        let errors = inParallel(writers) { index in
            let store = try ProgressStore.open(path: path)
            let enrollment = try Fixture.enroll(store, name: "learner-\(index)")
            for seq in 2...(eventsEach + 1) {
                try store.append(Fixture.event(seq, .completed), to: enrollment.id)
            }
        }

        #expect(errors == [])
        let store = try ProgressStore.open(path: path, readOnly: true)
        let enrollments = try store.enrollments()
        #expect(enrollments.count == writers)
        for enrollment in enrollments {
            #expect(try store.events(of: enrollment.id).map(\.seq) == Array(1...(eventsEach + 1)))
        }
        #expect(try store.integrityCheck() == ["ok"])
    }

    @Test func writersOnOneEnrollmentNeverDuplicateASeq() throws {
        let scratch = try Scratch()
        let path = scratch.path()
        let enrollmentID = try Fixture.enroll(try ProgressStore.open(path: path)).id
        let accepted = Mutex(0)

        let errors = inParallel(4) { _ in
            let store = try ProgressStore.open(path: path)
            for _ in 0..<5 {
                let next = (try store.events(of: enrollmentID).last?.seq ?? 0) + 1
                do {
                    try store.append(Fixture.event(next, .noted), to: enrollmentID)
                    accepted.withLock { $0 += 1 }
                } catch StoreError.outOfSequence {
                    continue
                }
            }
        }

        #expect(errors == [])
        let seqs = try ProgressStore.open(path: path).events(of: enrollmentID).map(\.seq)
        #expect(seqs == Array(1...(accepted.withLock { $0 } + 1)))
    }
}
