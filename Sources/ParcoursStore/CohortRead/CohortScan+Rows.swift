import Foundation
import GRDB
import GRDBSQLite
import ParcoursCore

/// The batch and row reader of a cohort scan: rows read with the SQLite C API into batches.
extension CohortScan {
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
    func read(_ handle: SQLiteStatement, slot: Int, enrollmentID: Int64, into batch: inout Batch) throws {
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

    /// The type a NUL-terminated column names: its first bytes pick the one candidate, whose
    /// name is then compared byte by byte up to the first difference, so nothing past the
    /// text's end is read.
    static func eventType(_ text: UnsafePointer<UInt8>?) -> EventType? {
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
