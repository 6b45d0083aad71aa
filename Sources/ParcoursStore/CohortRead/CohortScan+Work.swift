import Foundation
import GRDB
import GRDBSQLite
import ParcoursCore

/// The scheduler of a cohort scan: two threads sharing the reading and the folding.
extension CohortScan {
    /// The reading and folding shared by two threads, each running `run()`.
    ///
    /// One lock guards who does what: which thread holds the read (the statement, the
    /// lanes given to logs), which lane is being folded, and the batches waiting in each
    /// lane. A thread reads when the read is free and less than a batch of rows waits to be
    /// folded; otherwise it folds the fullest lane no one is folding; otherwise it reads
    /// ahead, up to `aheadLimit` batches; otherwise it waits. Each lane's batches are folded
    /// in the order they were read, one at a time, so each log's rows are folded in the
    /// table's order by one thread at a time.
    // @unchecked: its state is guarded by `condition`; the statement and `lanes` by `reading`, each lane by `folding`.
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
}
