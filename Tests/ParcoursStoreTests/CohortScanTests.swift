import Foundation
import GRDB
import ParcoursCore
import ParcoursTestSupport
import Testing

@testable import ParcoursStore

/// The cohort read folds rows as they stream out of SQLite (`CohortScan`). What it hands a
/// report must be what a learner resumes from: `LearnerProgress.fold(store.events(of:))`,
/// for every enrollment of random stores, logs interleaved in the table as concurrent
/// learners write them, whatever the filter.
@Suite("Cohort read: the streamed fold equals each learner's own fold")
struct CohortScanTests {
    static let steps = [
        "intro", "quiz", "s2", "une-étape-au-nom-bien-plus-long-que-quinze-octets", "fix", "end", "gone",
    ]
    static let awkward = [
        "", "{}", "plain", "quote \" and \\ backslash", "ligne 1\nligne 2\ttab", "\u{0}\u{1}\u{1F}\u{7F}",
        "é 🎓 \u{2028}", "</script>", String(repeating: "long ", count: 40),
    ]

    /// A log after the started event: any event type, awkward payloads and step ids,
    /// times to the millisecond.
    static func randomEvents(_ random: inout SeededGenerator, from seq: Int, count: Int, clock: inout Int64) -> [Event]
    {
        var events: [Event] = []
        for offset in 0..<count {
            clock += Int64(random.below(400_000))
            let type = EventType.allCases.filter { $0 != .started }[random.below(EventType.allCases.count - 1)]
            let step = random.below(8) == 0 ? nil : steps[random.below(steps.count)]
            var payload = EventPayload()
            switch type {
            case .answered:
                if random.below(4) == 0 {
                    // A self-check: the items ticked, no choices, no text.
                    payload.checked = ["dated", "named", awkward[random.below(awkward.count)]].filter { _ in
                        random.below(2) == 0
                    }
                    break
                }
                payload.choices = ["a", "b", "c"].filter { _ in random.below(2) == 0 }
                if random.below(2) == 0 { payload.text = awkward[random.below(awkward.count)] }
            case .rated:
                payload.ratings = ["can": 1 + random.below(5), "know": 1 + random.below(5)]
            case .waived:
                payload.reason = WaiverReason.allCases[random.below(WaiverReason.allCases.count)]
                if random.below(2) == 0 { payload.explanation = awkward[random.below(awkward.count)] }
            case .noted:
                payload.text = awkward[random.below(awkward.count)]
            case .saved:
                payload.resource = "doc/\(random.below(3))"
            default:
                break
            }
            events.append(
                Event(
                    seq: seq + offset, type: type, stepID: step, payload: payload,
                    at: Date(timeIntervalSince1970: Double(clock) / 1_000),
                    activeMilliseconds: random.below(300_000)))
        }
        return events
    }

    /// A store with several participants, attempts, paths and cohorts, whose logs are
    /// appended a few events at a time, in turn, as learners working side by side would.
    static func randomStore(_ store: ProgressStore, seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        var clock: Int64 = 1_767_225_600_123
        var open: [(id: Int64, next: Int)] = []
        for person in 0..<(3 + random.below(6)) {
            let participant = try store.participant(named: "learner \(person) « \(seed) »")
            for _ in 0..<random.below(4) {
                let path = ["short", "long"][random.below(2)]
                let cohort = [nil, "A", "B"][random.below(3)]
                let started = Event(
                    seq: 1, type: .started,
                    payload: EventPayload(
                        language: "fr", cohort: cohort, seed: random.below(2) == 0 ? nil : random.below(1 << 32)),
                    at: Date(timeIntervalSince1970: Double(clock) / 1_000))
                let enrollment = try store.startEnrollment(
                    participantID: participant.id, courseID: "tour", pathID: path, courseVersion: "v\(seed)",
                    cohort: cohort, started: started)
                open.append((enrollment.id, 2))
            }
        }
        // Interleaved appends until every log has had its share.
        for _ in 0..<(open.count * 6) where !open.isEmpty {
            let index = random.below(open.count)
            let count = 1 + random.below(12)
            let events = randomEvents(&random, from: open[index].next, count: count, clock: &clock)
            try store.append(events, to: open[index].id)
            open[index].next += count
            if events.contains(where: { $0.type == .finished }) { open.remove(at: index) }
        }
    }

    /// Every enrollment of the snapshot against the learner's own fold.
    static func expectEachLogFoldsAlike(_ snapshot: ProgressStore.CohortSnapshot, _ store: ProgressStore) throws {
        for entry in snapshot.enrollments {
            let events = try store.events(of: entry.enrollment.id)
            #expect(entry.eventCount == events.count)
            #expect(entry.progress == LearnerProgress.fold(events), "enrollment \(entry.enrollment.id)")
            #expect(entry.participant.id == entry.enrollment.participantID)
        }
    }

    @Test(arguments: StoreKind.allCases, Array(0..<12))
    func theStreamedFoldIsTheLearnersFold(kind: StoreKind, seed: Int) throws {
        let scratch = try Scratch()
        let store = try scratch.store(kind)
        try Self.randomStore(store, seed: UInt64(seed) &+ 1)
        _ = try store.participant(named: "never started")

        // As a report reads, and in batches of three rows, which the two threads read and
        // fold by turns.
        for scan in [CohortScan(), Self.shared] {
            let snapshot = try store.cohort(nil, path: nil, scan: scan)
            #expect(snapshot.enrollments.map(\.enrollment) == (try store.enrollments()))
            try Self.expectEachLogFoldsAlike(snapshot, store)
            let enrolled = Set(try store.enrollments().map(\.participantID))
            let unenrolled = try store.participants().filter { !enrolled.contains($0.id) }
            #expect(snapshot.unenrolled == unenrolled)
            #expect(unenrolled.contains { $0.name == "never started" })
            #expect(snapshot.enrollments.contains { $0.eventCount > 1 })

            for (cohort, path) in [("A", nil), (nil, "long"), ("B", "short")] as [(String?, String?)] {
                let filtered = try store.cohort(cohort, path: path, scan: scan)
                let expected = try store.enrollments().filter {
                    (cohort == nil || $0.cohort == cohort) && (path == nil || $0.pathID == path)
                }
                #expect(filtered.enrollments.map(\.enrollment) == expected)
                #expect(filtered.unenrolled.isEmpty)
                try Self.expectEachLogFoldsAlike(filtered, store)
            }
        }
    }

    /// Batches of three rows: the read passes from thread to thread every few rows, and
    /// most logs are read in several batches, folded by both threads in turn.
    static let shared = CohortScan(batchSize: 3)

    /// Rows of a log stored out of `seq` order (ids moved past the others) are read again
    /// through the index.
    @Test func aLogStoredOutOfOrderIsReadInSeqOrder() throws {
        let scratch = try Scratch()
        let store = try scratch.store(.file)
        try Self.randomStore(store, seed: 99)
        let target = try #require(try store.enrollments().first)
        try Self.rewrite(scratch.path()) { db in
            try db.execute(
                sql: "UPDATE event SET id = id + 1000000 WHERE enrollment_id = ? AND seq <= 2",
                arguments: [target.id])
        }
        let reader = try ProgressStore.open(path: scratch.path(), readOnly: true)
        let snapshot = try reader.cohort()
        try Self.expectEachLogFoldsAlike(snapshot, reader)
        let entry = try #require(snapshot.enrollments.first { $0.enrollment.id == target.id })
        #expect(entry.progress.startedAt != nil)
        #expect(entry.progress.lastSeq == (try reader.events(of: target.id)).count)
    }

    /// What `cohort(_:path:receive:)` was handed, in the order it was handed, in which lane,
    /// and whether a call came while the previous one of its lane was still running.
    final class Handed: @unchecked Sendable {
        private let lock = NSLock()
        private var busy = [Bool](repeating: false, count: ProgressStore.cohortLanes)
        private(set) var entries: [ProgressStore.CohortEnrollment] = []
        private(set) var lanes: [Int] = []
        private(set) var overlaps = 0
        /// The enrollments in the order the calls began: the order the scan handed them on.
        /// (`entries` is in the order the calls ended, which two lanes may interleave.)
        private(set) var started: [Int64] = []

        func receive(_ lane: Int, _ entry: ProgressStore.CohortEnrollment) {
            lock.withLock {
                if busy[lane] { overlaps += 1 }
                busy[lane] = true
                started.append(entry.enrollment.id)
            }
            // Long enough for another call to come in, were calls allowed to overlap.
            usleep(200)
            lock.withLock {
                entries.append(entry)
                lanes.append(lane)
                busy[lane] = false
            }
        }
    }

    /// Each log is handed on once, as soon as its rows `1…last` are all folded: the logs read
    /// whole come first; then a log whose first rows lie at the end of the table, read again
    /// in seq order; then a log with a gap in its seqs, as it stands. (Were logs handed on
    /// only at the end, in the order of the enrollments, the first would not come last but
    /// one.) Every one equals the learner's own fold.
    @Test(arguments: Array(0..<6))
    func eachLogIsHandedOnOnceAsSoonAsItIsWhole(seed: Int) throws {
        let scratch = try Scratch()
        let store = try scratch.store(.file)
        try Self.randomStore(store, seed: UInt64(seed) &+ 40)
        let enrollments = try store.enrollments()
        let late = try #require(enrollments.first)
        let gapped = try #require(enrollments.dropFirst().first { (try? store.events(of: $0.id).count) ?? 0 > 2 })
        try Self.rewrite(scratch.path()) { db in
            try db.execute(
                sql: "UPDATE event SET id = id + 1000000 WHERE enrollment_id = ? AND seq <= 2", arguments: [late.id])
            try db.execute(sql: "DELETE FROM event WHERE enrollment_id = ? AND seq = 2", arguments: [gapped.id])
        }
        let reader = try ProgressStore.open(path: scratch.path(), readOnly: true)
        let handed = Handed()
        _ = try reader.cohort(nil, path: nil, scan: Self.shared) { handed.receive($0, $1) }

        #expect(handed.overlaps == 0)
        #expect(Set(handed.lanes) == Set(0..<ProgressStore.cohortLanes))
        let entries = handed.entries
        let ids = handed.started
        #expect(ids.sorted() == enrollments.map(\.id))
        // Read again in seq order after the scan, then the gapped one, as it stands.
        #expect(Array(ids.suffix(2)) == [late.id, gapped.id])
        // Every other log was whole before the scan ended, and handed on then.
        let others = ids.dropLast(2)
        #expect(Set(others).count == others.count)
        #expect(!others.contains(late.id) && !others.contains(gapped.id))
        try Self.expectEachLogFoldsAlike(
            ProgressStore.CohortSnapshot(enrollments: entries, unenrolled: []), reader)
    }

    /// What a cohort read answers once a random store's last enrollment has been damaged by
    /// `damages` (each run in a connection of its own, in turn): the error, or nil (recorded
    /// as an issue) when the read went through.
    static func refusal(
        seed: UInt64, _ damages: (Database, Enrollment) throws -> Void...
    ) throws -> (error: StoreError?, target: Enrollment, path: String) {
        let scratch = try Scratch()
        let store = try scratch.store(.file)
        try Self.randomStore(store, seed: seed)
        let target = try #require(try store.enrollments().last)
        for damage in damages {
            try Self.rewrite(scratch.path()) { db in try damage(db, target) }
        }
        let reader = try ProgressStore.open(path: scratch.path(), readOnly: true)
        do {
            _ = try reader.cohort()
            Issue.record("a damaged store was read")
            return (nil, target, scratch.path())
        } catch {
            return (error, target, scratch.path())
        }
    }

    /// A seq below 1 (past the schema's CHECK) would let a log look whole too early: refused.
    @Test func aSeqBelowOneIsRefused() throws {
        let refused = try Self.refusal(seed: 5) { db, target in
            try db.execute(sql: "PRAGMA ignore_check_constraints = ON")
            try db.execute(sql: "UPDATE event SET seq = 0 WHERE enrollment_id = ? AND seq = 1", arguments: [target.id])
        }
        guard case .unreadableEvent(let enrollmentID, let seq, let reason)? = refused.error else {
            Issue.record("\(String(describing: refused.error))")
            return
        }
        #expect(enrollmentID == refused.target.id)
        #expect(seq == 0)
        #expect(reason.contains("seq"))
    }

    /// A NULL where the schema says NOT NULL (a file edited by hand, its schema rewritten)
    /// is a damaged store: refused as such, not read as something else, in each table the
    /// cohort read decodes itself.
    @Test(arguments: [("enrollment", "course_id"), ("participant", "name")])
    func aNullInANotNullColumnIsRefusedAsCorrupt(table: String, column: String) throws {
        let refused = try Self.refusal(
            seed: 11,
            { db, _ in
                try db.execute(sql: "PRAGMA writable_schema = ON")
                try db.execute(
                    sql: "UPDATE sqlite_master SET sql = replace(sql, ?, ?) WHERE name = ?",
                    arguments: ["\"\(column)\" TEXT NOT NULL", "\"\(column)\" TEXT", table])
                try db.execute(sql: "PRAGMA writable_schema = OFF")
            },
            { db, target in
                let row = table == "enrollment" ? target.id : target.participantID
                try db.execute(sql: "UPDATE \(table) SET \(column) = NULL WHERE id = ?", arguments: [row])
            })
        guard case .corrupt(let path)? = refused.error else {
            Issue.record("\(String(describing: refused.error))")
            return
        }
        #expect(path == refused.path)
    }

    /// An unknown event type (a newer parcours) refuses the read, naming the row.
    @Test func anUnknownTypeIsRefusedWithItsEnrollmentAndSeq() throws {
        for value in ["teleported", "enteredx", "rate", "s", "", "Entered"] {
            let scratch = try Scratch()
            let store = try scratch.store(.file)
            try Self.randomStore(store, seed: 7)
            let target = try #require(try store.enrollments().last)
            try Self.rewrite(scratch.path()) { db in
                try db.execute(
                    sql: "UPDATE event SET type = ? WHERE enrollment_id = ? AND seq = 1", arguments: [value, target.id])
            }
            let reader = try ProgressStore.open(path: scratch.path(), readOnly: true)
            do {
                _ = try reader.cohort()
                Issue.record("an unknown type '\(value)' was read")
            } catch {
                guard case .unreadableEvent(let enrollmentID, let seq, _) = error else {
                    Issue.record("\(error)")
                    continue
                }
                #expect(enrollmentID == target.id)
                #expect(seq == 1)
            }
        }
    }

    /// A payload that cannot be read damages its own log only: that log is handed on with
    /// the row at fault, and every other log is read as usual (the report names the damaged
    /// one in a notice and counts the rest).
    @Test(arguments: ["{\"attempt\": \"two\"}", "{", "{\"ratings\": {\"a\": 1.5}}", "[]"])
    func anUnreadablePayloadDamagesItsLogOnly(payload: String) throws {
        let scratch = try Scratch()
        let store = try scratch.store(.file)
        try Self.randomStore(store, seed: 7)
        let enrollments = try store.enrollments()
        let target = try #require(enrollments.last { (try? store.events(of: $0.id).count) ?? 0 > 2 })
        let expected = try Dictionary(
            uniqueKeysWithValues: enrollments.filter { $0.id != target.id }.map {
                ($0.id, LearnerProgress.fold(try store.events(of: $0.id)))
            })
        try Self.rewrite(scratch.path()) { db in
            try db.execute(
                sql: "UPDATE event SET payload = ? WHERE enrollment_id = ? AND seq = 2",
                arguments: [payload, target.id])
        }
        let reader = try ProgressStore.open(path: scratch.path(), readOnly: true)
        let snapshot = try reader.cohort()
        #expect(snapshot.enrollments.count == enrollments.count)
        for entry in snapshot.enrollments {
            if entry.enrollment.id == target.id {
                guard case .unreadableEvent(let enrollmentID, let seq, _)? = entry.damage else {
                    Issue.record("the damaged log came without its damage: \(String(describing: entry.damage))")
                    continue
                }
                #expect(enrollmentID == target.id && seq == 2)
            } else {
                #expect(entry.damage == nil)
                #expect(entry.progress == expected[entry.enrollment.id], "enrollment \(entry.enrollment.id)")
            }
        }
    }

    /// The intern table gives back equal strings for equal bytes, and grows past its first
    /// size.
    @Test func theInternTableKeepsOneStringPerText() {
        var table = InternTable()
        let texts = (0..<3_000).map { "step-\($0 % 1_500)-\(String(repeating: "é", count: $0 % 1_500 % 7))" }
        for text in texts {
            var bytes = Array(text.utf8)
            let string = bytes.withUnsafeMutableBufferPointer { table.string(UnsafeBufferPointer($0)) }
            #expect(string == text)
        }
        #expect(table.count == 1_500)
    }

    static func rewrite(_ path: String, _ body: (Database) throws -> Void) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try body(db) }
    }
}
