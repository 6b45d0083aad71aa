import Foundation
import GRDB
import GRDBSQLite
import ParcoursCore

/// Reads a cohort's event rows straight from SQLite and folds each log as its rows arrive.
///
/// A report over 10,000 participants reads about 600,000 rows. Going through GRDB's `Row`
/// and `DatabaseValue`, building an `[Event]` per enrollment and folding it afterwards cost
/// more than the fold itself. Here:
///
/// - the rows are read in the table's own order, not through the `(enrollment_id, seq)`
///   index, whose scan looks every row up in the table again (twice SQLite's time);
/// - the columns are read with `sqlite3_column_*` on GRDB's statement handle; the event type
///   is matched on its bytes; each step id is one shared `String` (`InternTable`);
/// - reading and folding overlap, on two threads that both do both (`Work`): each log
///   belongs to one of two lanes, decided at its first row; a thread reads a batch of rows
///   and splits it by lane, or folds the oldest batch of a lane no other thread is folding,
///   parsing payloads (only when not `{}`) and folding each row into its enrollment's
///   `LearnerProgress` with `apply`, the learner's own fold, without building an `Event`.
///   No log is ever held whole in memory. Neither thread is the reader: the read moves to
///   whichever thread is free, so a core that runs faster than the other (this happens on
///   shared machines) takes on more of the read as well as more of the folding;
/// - each log is handed on as soon as it is whole, while the scan goes on: a caller learns
///   each enrollment's last `seq` first, and a log whose rows came in order as `1…last` has
///   them all (`seq` is unique per enrollment and at least 1). A store written by appends
///   holds each learner's rows close together, so most logs are done long before the scan.
///
/// Appends give each enrollment's rows in `seq` order, whatever the order of the table. A
/// log whose rows arrive out of order (an import could do that) is set aside and read again
/// through the index, in the same transaction. A test checks that the result equals
/// `LearnerProgress.fold(store.events(of:))` for every enrollment of random stores.
struct CohortScan {
    /// One enrollment's log, folded.
    struct Log: Sendable {
        var progress = LearnerProgress()
        var eventCount = 0
        /// The first row of this log that could not be read: the log is handed on with it,
        /// unfolded past it, so a reader can leave it out and go on with the others.
        var damage: StoreError?
    }

    /// Rows a thread reads at a time, before it lets the read go.
    var batchSize = 4_096

    /// The two lanes logs are folded and handed on in: every other log, in the order their
    /// first rows come.
    static let lanes = 2

    /// Folds the logs of `enrollments` (ids in ascending order, each with the largest `seq`
    /// of its log, 0 for none) and hands each one to `receive` once, with its lane and its
    /// slot (its position in `enrollments`), as soon as it is whole. `filter` (`WHERE …` on
    /// the `enrollment` table, or empty) selects the same enrollments in SQL.
    ///
    /// The rows are read and folded by this thread and one more (`Work`). Calls on one lane
    /// follow one another, on either thread; calls on the two lanes may overlap while rows
    /// are read. The logs left (empty, or stored out of order) are handed on at the end, on
    /// this thread, in their lanes; nothing calls `receive` once this returns. After a
    /// failure, some logs may have been handed on already.
    func fold(
        _ db: Database, enrollments: [Int64], lastSeqs: [Int], filter: String, arguments: StatementArguments,
        receive: @escaping (_ lane: Int, _ slot: Int, _ log: inout Log) -> Void
    ) throws {
        let columns = "SELECT enrollment_id, seq, type, step_id, payload, at, active_ms FROM event"
        let sql = filter.isEmpty ? columns : "\(columns) WHERE enrollment_id IN (SELECT id FROM enrollment\(filter))"
        let statement = try Self.statement(db, sql: sql, arguments: arguments)
        let work = Work(
            scan: self, statement: statement, db: db, enrollments: enrollments, lastSeqs: lastSeqs, receive: receive)
        do {
            defer { sqlite3_reset(statement.sqliteStatement) }
            let helper = DispatchQueue(label: "parcours.cohort-fold")
            helper.async { work.run() }
            work.run()
            // Whatever happened, nothing is left reading or folding past this line.
            helper.sync {}
        }
        if let failure = work.failure { throw failure }
        let states = work.states
        for slot in enrollments.indices {
            guard let lane = states.indices.first(where: { states[$0].disordered[slot] }) else { continue }
            let again = try Self.statement(
                db, sql: "\(columns) WHERE enrollment_id = ? ORDER BY seq", arguments: [enrollments[slot]])
            defer { sqlite3_reset(again.sqliteStatement) }
            var batch = Batch(capacity: 64)
            while try again.stepRow(in: db) {
                try read(again.sqliteStatement, slot: slot, enrollmentID: enrollments[slot], into: &batch)
            }
            states[lane].restart(slot)
            states[lane].fold(batch)
            if let failure = states[lane].failure { throw failure }
        }
        // Logs with no row (never given a lane) are the first lane's.
        let lanes = work.lanes
        for (lane, state) in states.enumerated() {
            state.handOnTheRest { lanes[$0] == lane || (lane == 0 && lanes[$0] < 0) }
        }
    }

    /// The reading and folding shared by two threads, each running `run()`.
    ///
    /// One lock guards who does what: which thread holds the read (the statement, the
    /// lanes given to logs), which lane is being folded, and the batches waiting in each
    /// lane. A thread reads when the read is free and less than a batch of rows waits to be
    /// folded; otherwise it folds the fullest lane no one is folding; otherwise it reads
    /// ahead, up to `aheadLimit` batches; otherwise it waits. Each lane's batches are folded
    /// in the order they were read, one at a time, so each log's rows are folded in the
    /// table's order by one thread at a time.
    final class Work: @unchecked Sendable {
        private let condition = NSCondition()
        private let scan: CohortScan
        private let statement: Statement
        private let db: Database
        private let enrollments: [Int64]
        private let slots: Slots
        /// Each log's lane, given at its first row; -1 before. Only the thread holding the
        /// read touches it until the threads are done.
        private(set) var lanes: [Int8]
        private var given = 0
        /// One per lane; only the thread folding the lane touches its state.
        let states: [Lane]
        /// The batches read and not folded yet, per lane, oldest first.
        private var waiting: [[Batch]]
        private var folding: [Bool]
        private var spare: [Batch] = []
        private var reading = false
        private var readAll = false
        /// Whether a lane's fold found an unreadable row (its state keeps what).
        private var foldFailed = false
        /// A refused step or an unreadable row, as it was thrown.
        private var readFailure: (any Error)?
        /// Batches of each lane read ahead of the folding, at most.
        private let aheadLimit = 4

        init(
            scan: CohortScan, statement: Statement, db: Database, enrollments: [Int64], lastSeqs: [Int],
            receive: @escaping (_ lane: Int, _ slot: Int, _ log: inout Log) -> Void
        ) {
            self.scan = scan
            self.statement = statement
            self.db = db
            self.enrollments = enrollments
            slots = Slots(enrollments)
            lanes = [Int8](repeating: -1, count: enrollments.count)
            states = (0..<CohortScan.lanes).map { lane in
                Lane(enrollments: enrollments, lastSeqs: lastSeqs) { receive(lane, $0, &$1) }
            }
            waiting = Array(repeating: [], count: CohortScan.lanes)
            folding = Array(repeating: false, count: CohortScan.lanes)
        }

        /// What stopped the read or a fold, if anything did.
        var failure: (any Error)? {
            condition.withLock { readFailure } ?? states.lazy.compactMap(\.failure).first
        }

        /// Reads and folds until everything read is folded, or something fails.
        func run() {
            condition.lock()
            defer { condition.unlock() }
            while readFailure == nil && !foldFailed {
                let canRead = !reading && !readAll
                if canRead && waiting.indices.reduce(0, { $0 + rowsWaiting(in: $1) }) < scan.batchSize {
                    readBatch()
                } else if let lane = fullestFreeLane() {
                    fold(lane)
                } else if canRead && waiting.allSatisfy({ $0.count < aheadLimit }) {
                    readBatch()
                } else if readAll && !reading && waiting.allSatisfy(\.isEmpty) {
                    return
                } else {
                    condition.wait()
                }
            }
        }

        /// Rows read and not folded yet in `lane` (a few batches at most).
        private func rowsWaiting(in lane: Int) -> Int {
            waiting[lane].reduce(0) { $0 + $1.count }
        }

        private func fullestFreeLane() -> Int? {
            waiting.indices.filter { !folding[$0] && !waiting[$0].isEmpty }.max {
                rowsWaiting(in: $0) < rowsWaiting(in: $1)
            }
        }

        /// Called with the lock held; lets it go while folding.
        private func fold(_ lane: Int) {
            folding[lane] = true
            let batch = waiting[lane].removeFirst()
            condition.unlock()
            states[lane].fold(batch)
            let failed = states[lane].failure != nil
            condition.lock()
            foldFailed = foldFailed || failed
            spare.append(batch)
            folding[lane] = false
            condition.broadcast()
        }

        /// Called with the lock held; lets it go while reading.
        private func readBatch() {
            reading = true
            var batches = (0..<CohortScan.lanes).map { _ in spare.popLast() ?? Batch(capacity: scan.batchSize) }
            condition.unlock()
            for lane in batches.indices { batches[lane].removeAll() }
            var failure: (any Error)?
            var done = false
            do {
                done = try readRows(into: &batches)
            } catch {
                failure = error
            }
            condition.lock()
            for lane in batches.indices {
                if batches[lane].count > 0 {
                    waiting[lane].append(batches[lane])
                } else {
                    spare.append(batches[lane])
                }
            }
            if let failure { readFailure = failure }
            readAll = done || failure != nil
            reading = false
            condition.broadcast()
        }

        /// Reads up to a batch of rows, each into its log's lane; true once every row is read.
        private func readRows(into batches: inout [Batch]) throws -> Bool {
            var count = 0
            while count < scan.batchSize {
                guard try statement.stepRow(in: db) else { return true }
                let handle = statement.sqliteStatement
                guard let slot = slots[sqlite3_column_int64(handle, 0)] else { continue }
                if lanes[slot] < 0 {
                    lanes[slot] = Int8(given % CohortScan.lanes)
                    given += 1
                }
                try scan.read(handle, slot: slot, enrollmentID: enrollments[slot], into: &batches[Int(lanes[slot])])
                count += 1
            }
            return false
        }
    }

    /// Rows read and not yet folded: their fixed columns, and the bytes of their texts.
    struct Batch: Sendable {
        struct Row {
            var slot: Int32
            var type: EventType
            var seq: Int
            var at: Int64
            var activeMilliseconds: Int
            /// Where the step id and the payload lie in `text`; a start of -1 for NULL (and
            /// for the payload `{}`).
            var stepStart: Int32
            var stepEnd: Int32
            var payloadStart: Int32
            var payloadEnd: Int32
        }

        var rows: [Row] = []
        var text: [UInt8] = []

        init(capacity: Int) {
            rows.reserveCapacity(capacity)
            text.reserveCapacity(capacity * 8)
        }

        var count: Int { rows.count }

        /// Empties the batch, keeping its room.
        mutating func removeAll() {
            rows.removeAll(keepingCapacity: true)
            text.removeAll(keepingCapacity: true)
        }

        /// Keeps a text column's bytes (up to its first NUL, as GRDB reads text) and says
        /// where they lie; -1 for NULL.
        mutating func keep(_ column: UnsafePointer<UInt8>?) -> (start: Int32, end: Int32) {
            guard let column else { return (-1, -1) }
            let start = Int32(text.count)
            text.append(contentsOf: UnsafeBufferPointer(start: column, count: strlen(column)))
            return (start, Int32(text.count))
        }
    }

    /// Reads the current row into `batch`; refuses an event type this version does not know,
    /// as `EventRecord.event()` does.
    private func read(_ handle: SQLiteStatement, slot: Int, enrollmentID: Int64, into batch: inout Batch) throws {
        let seq = Int(sqlite3_column_int64(handle, 1))
        // The schema's CHECK: a log is whole once it holds `1…last` (see the type's comment).
        guard seq >= 1 else {
            throw StoreError.unreadableEvent(enrollmentID: enrollmentID, seq: seq, reason: "seq below 1")
        }
        guard let type = Self.eventType(sqlite3_column_text(handle, 2)) else {
            let text = sqlite3_column_text(handle, 2).map { String(cString: $0) } ?? ""
            throw StoreError.unreadableEvent(
                enrollmentID: enrollmentID, seq: seq, reason: "unknown event type \"\(text)\"")
        }
        let step = batch.keep(sqlite3_column_text(handle, 3))
        // `{}` (most events) is not kept: the fold is given the empty payload. Testing its
        // bytes here costs less than asking SQLite for NULLIF(payload, '{}').
        let text = sqlite3_column_text(handle, 4)
        let empty = text.map { $0[0] == UInt8(ascii: "{") && $0[1] == UInt8(ascii: "}") && $0[2] == 0 } ?? false
        let payload = empty ? (start: -1, end: -1) : batch.keep(text)
        batch.rows.append(
            Batch.Row(
                slot: Int32(slot), type: type, seq: seq, at: sqlite3_column_int64(handle, 5),
                activeMilliseconds: Int(sqlite3_column_int64(handle, 6)), stepStart: step.start,
                stepEnd: step.end, payloadStart: payload.start, payloadEnd: payload.end))
    }

    /// One lane's fold state, handed from thread to thread: only the thread holding the
    /// lane touches it.
    final class Lane: @unchecked Sendable {
        private var state: FoldState

        init(enrollments: [Int64], lastSeqs: [Int], receive: @escaping (Int, inout Log) -> Void) {
            state = FoldState(enrollments: enrollments, lastSeqs: lastSeqs, receive: receive)
        }

        var disordered: [Bool] { state.disordered }
        var failure: StoreError? { state.failure }

        /// One access to the state for the whole batch, rather than one per row.
        func fold(_ batch: Batch) { state.fold(batch) }

        /// Forgets a log set aside, to fold it again from its rows in `seq` order (it is
        /// handed on once they are all folded).
        func restart(_ slot: Int) { state.restart(slot) }

        /// Hands on every log of the lane not handed on yet, as it stands.
        func handOnTheRest(where inLane: (Int) -> Bool) { state.handOnTheRest(where: inLane) }
    }

    /// The logs being folded, and what folding them has found.
    ///
    /// A log is kept only while it is being folded: it takes a place in `open` at its first
    /// row, and gives it back once handed on, for the next log to start. A store written by
    /// learners holds few logs open at any moment, so the logs being folded stay few, and hot;
    /// making one per enrollment up front cost the read 8 ms before its first row.
    struct FoldState {
        private var open: [Log] = []
        /// Places in `open` given back, for the next logs.
        private var free: [Int32] = []
        /// Each enrollment's place in `open`, or -1.
        private var places: [Int32]
        var disordered: [Bool]
        var failure: StoreError?
        private let enrollments: [Int64]
        private let lastSeqs: [Int]
        /// Whether each log was handed on.
        private var handedOn: [Bool]
        private let receive: (Int, inout Log) -> Void
        private var stepIDs = InternTable()

        init(enrollments: [Int64], lastSeqs: [Int], receive: @escaping (Int, inout Log) -> Void) {
            self.enrollments = enrollments
            self.lastSeqs = lastSeqs
            self.receive = receive
            places = [Int32](repeating: -1, count: enrollments.count)
            disordered = [Bool](repeating: false, count: enrollments.count)
            handedOn = [Bool](repeating: false, count: enrollments.count)
        }

        /// Forgets a log set aside, to fold it again from its rows in `seq` order.
        mutating func restart(_ slot: Int) {
            if places[slot] >= 0 { open[Int(places[slot])] = Log() }
            disordered[slot] = false
        }

        /// Hands on every log of the lane not handed on yet, as it stands (an empty one for a
        /// log with no row).
        mutating func handOnTheRest(where inLane: (Int) -> Bool) {
            for slot in places.indices where !handedOn[slot] && inLane(slot) {
                handedOn[slot] = true
                if places[slot] >= 0 {
                    receive(slot, &open[Int(places[slot])])
                } else {
                    var log = Log()
                    receive(slot, &log)
                }
            }
        }

        mutating func fold(_ batch: Batch) {
            guard failure == nil else { return }
            // A place for each log that starts in this batch, before the logs are reached
            // through a buffer (no uniqueness check per row).
            for row in batch.rows where places[Int(row.slot)] < 0 && !handedOn[Int(row.slot)] {
                if let place = free.popLast() {
                    open[Int(place)] = Log()
                    places[Int(row.slot)] = place
                } else {
                    places[Int(row.slot)] = Int32(open.count)
                    open.append(Log())
                }
            }
            let empty = EventPayload()
            var open = self.open
            self.open = []
            defer { self.open = open }
            open.withUnsafeMutableBufferPointer { logs in
                batch.rows.withUnsafeBufferPointer { rows in
                    batch.text.withUnsafeBufferPointer { text in
                        for row in rows {
                            let slot = Int(row.slot)
                            // `seq` is unique per log: a row after `1…last` means the table and
                            // its index differ.
                            if handedOn[slot] {
                                failure = .unreadableEvent(
                                    enrollmentID: enrollments[slot], seq: row.seq,
                                    reason: "a row after the log's last seq")
                                return
                            }
                            let place = Int(places[slot])
                            fold(row, text: text, into: &logs[place], empty: empty)
                            // Rows in order, `1…last` all folded: the log is whole.
                            if logs[place].eventCount == lastSeqs[slot], logs[place].progress.lastSeq == lastSeqs[slot],
                                !disordered[slot]
                            {
                                handedOn[slot] = true
                                receive(slot, &logs[place])
                                places[slot] = -1
                                free.append(Int32(place))
                            }
                        }
                    }
                }
            }
        }

        /// Folds one row into its log. A payload that cannot be read marks the log damaged,
        /// and nothing more of it is folded; the other logs go on.
        private mutating func fold(
            _ row: Batch.Row, text: UnsafeBufferPointer<UInt8>, into log: inout Log, empty: EventPayload
        ) {
            let slot = Int(row.slot)
            if disordered[slot] || log.damage != nil { return }
            if log.eventCount > 0 && row.seq <= log.progress.lastSeq {
                disordered[slot] = true
                return
            }
            // Room for a typical walk up front; capacity is not part of the value.
            if log.eventCount == 0 { log.progress.reserveCapacity(steps: 32) }
            let stepID =
                row.stepStart < 0
                ? nil : stepIDs.string(UnsafeBufferPointer(rebasing: text[Int(row.stepStart)..<Int(row.stepEnd)]))
            let at = Date(storeMilliseconds: row.at)
            // Two calls rather than one with a payload variable: the empty payload, given as
            // it is, is neither copied nor destroyed for each of the rows that have none.
            if row.payloadStart < 0 {
                log.progress.apply(
                    row.type, seq: row.seq, stepID: stepID, payload: empty, at: at,
                    activeMilliseconds: row.activeMilliseconds)
            } else {
                let payload: EventPayload
                do {
                    payload = try PayloadParser.payload(
                        bytes: UnsafeBufferPointer(rebasing: text[Int(row.payloadStart)..<Int(row.payloadEnd)]))
                } catch {
                    // One log's damage is that log's: it is handed on with it, at the end.
                    log.damage = .unreadableEvent(
                        enrollmentID: enrollments[slot], seq: row.seq, reason: error.description)
                    return
                }
                log.progress.apply(
                    row.type, seq: row.seq, stepID: stepID, payload: payload, at: at,
                    activeMilliseconds: row.activeMilliseconds)
            }
            log.eventCount += 1
        }
    }

    private static func statement(_ db: Database, sql: String, arguments: StatementArguments) throws -> Statement {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        return statement
    }

    /// Where each enrollment's log is kept: by offset from the smallest id when the ids are
    /// dense (they are allocated in order), else by hash.
    private struct Slots {
        private var dense: [Int32] = []
        private var first: Int64 = 0
        private var sparse: [Int64: Int] = [:]

        init(_ ids: [Int64]) {
            guard let low = ids.first, let high = ids.last else { return }
            if high - low < Int64(ids.count) * 4 + 1_024 {
                first = low
                dense = [Int32](repeating: -1, count: Int(high - low) + 1)
                for (slot, id) in ids.enumerated() { dense[Int(id - low)] = Int32(slot) }
            } else {
                for (slot, id) in ids.enumerated() { sparse[id] = slot }
            }
        }

        subscript(id: Int64) -> Int? {
            if dense.isEmpty { return sparse[id] }
            let offset = id &- first
            guard offset >= 0, offset < Int64(dense.count) else { return nil }
            let slot = dense[Int(offset)]
            return slot < 0 ? nil : Int(slot)
        }
    }

    /// The type a NUL-terminated column names: its first bytes pick the one candidate, whose
    /// name is then compared byte by byte up to the first difference, so nothing past the
    /// text's end is read.
    private static func eventType(_ text: UnsafePointer<UInt8>?) -> EventType? {
        guard let text else { return nil }
        let candidate: (type: EventType, name: StaticString)
        switch text[0] {
        case UInt8(ascii: "e"): candidate = (.entered, "entered")
        case UInt8(ascii: "c"): candidate = (.completed, "completed")
        case UInt8(ascii: "a"): candidate = (.answered, "answered")
        case UInt8(ascii: "r"):
            // rated, resumed, restored: `res` then `u` or `t`.
            if text[1] == UInt8(ascii: "a") {
                candidate = (.rated, "rated")
            } else if text[1] == UInt8(ascii: "e"), text[2] == UInt8(ascii: "s"), text[3] == UInt8(ascii: "t") {
                candidate = (.restored, "restored")
            } else {
                candidate = (.resumed, "resumed")
            }
        case UInt8(ascii: "n"): candidate = (.noted, "noted")
        case UInt8(ascii: "w"): candidate = (.waived, "waived")
        case UInt8(ascii: "s"):
            switch text[1] {
            case UInt8(ascii: "t"): candidate = (.started, "started")
            case UInt8(ascii: "a"): candidate = (.saved, "saved")
            default: candidate = (.suspended, "suspended")
            }
        case UInt8(ascii: "p"): candidate = (.paused, "paused")
        case UInt8(ascii: "u"): candidate = (.unpaused, "unpaused")
        case UInt8(ascii: "f"): candidate = (.finished, "finished")
        default: return nil
        }
        // The names are the types' raw values (a test reads every type back).
        let name = candidate.name.utf8Start
        let count = candidate.name.utf8CodeUnitCount
        var index = 1
        while index < count, text[index] == name[index] { index += 1 }
        return index == count && text[index] == 0 ? candidate.type : nil
    }
}

/// Strings seen so far, found by their UTF-8 bytes: a log names the same few hundred step
/// ids again and again, and one shared `String` each spares an allocation per row.
///
/// Open addressing on an FNV-1a hash of the bytes; it stops adding (and simply decodes)
/// past `limit` distinct strings, so a strange store cannot make it grow without end.
struct InternTable {
    private var strings: [String] = []
    private var bytes: [UInt8] = []
    /// Where each string's bytes start in `bytes`; one more entry marks the end.
    private var starts: [Int] = [0]
    private var slots = [Int32](repeating: -1, count: 512)
    private let limit = 1 << 16
    /// The string returned last, or -1.
    private var last = -1

    var count: Int { strings.count }

    mutating func string(_ text: UnsafeBufferPointer<UInt8>) -> String {
        // Rows in a row often name the same step (entered, answered, completed): try the
        // last string first.
        if last >= 0, matches(last, text) { return strings[last] }
        let found = FNV1a.probe(FNV1a.hash(text), in: slots) { matches($0, text) }
        if let index = found.index {
            last = index
            return strings[index]
        }
        let string = String(decoding: text, as: UTF8.self)
        guard strings.count < limit else { return string }
        last = strings.count
        slots[found.slot] = Int32(strings.count)
        strings.append(string)
        bytes.append(contentsOf: text)
        starts.append(bytes.count)
        if strings.count * 2 > slots.count { grow() }
        return string
    }

    /// Whether the string at `index` has these bytes.
    private func matches(_ index: Int, _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard starts[index + 1] - starts[index] == text.count else { return false }
        guard let start = text.baseAddress, !text.isEmpty else { return true }
        return bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            return memcmp(base + starts[index], start, text.count) == 0
        }
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for index in strings.indices {
            let hash = FNV1a.hash(bytes[starts[index]..<starts[index + 1]])
            slots[FNV1a.probe(hash, in: slots) { _ in false }.slot] = Int32(index)
        }
    }
}
