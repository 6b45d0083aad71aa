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

    static func statement(_ db: Database, sql: String, arguments: StatementArguments) throws -> Statement {
        let statement = try db.makeStatement(sql: sql)
        try statement.setArguments(arguments)
        return statement
    }

    /// Where each enrollment's log is kept: by offset from the smallest id when the ids are
    /// dense (they are allocated in order), else by hash.
    struct Slots {
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
}
