import Foundation
import GRDB
import GRDBSQLite
import ParcoursCore

/// The fold state of a cohort scan: each lane's open logs, folded row by row.
extension CohortScan {
    /// One lane's fold state, handed from thread to thread: only the thread holding the
    /// lane touches it.
    // @unchecked: one thread at a time holds it (`Work.folding[lane]`, handed over under Work's lock).
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
                    payload = try EventPayloadCodec.decode(
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
}
