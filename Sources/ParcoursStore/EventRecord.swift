import Foundation
import GRDB
import ParcoursCore

/// One row of the `event` table: an `Event` as it is stored.
///
/// The core's `Event` knows nothing of databases; this record adds the row id and the
/// enrollment, and holds the payload as the JSON text that is written (sorted keys, nil
/// fields omitted), so two equal payloads are always stored as the same bytes.
public struct EventRecord: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var enrollmentID: Int64
    public var seq: Int
    /// The `EventType` raw value; kept as text so a row can be read before it is trusted.
    public var type: String
    public var stepID: String?
    /// `EventPayload` as JSON (`EventPayloadCodec`).
    public var payload: String
    public var at: Date
    public var activeMilliseconds: Int

    public init(
        id: Int64, enrollmentID: Int64, seq: Int, type: String, stepID: String?, payload: String,
        at: Date, activeMilliseconds: Int
    ) {
        self.id = id
        self.enrollmentID = enrollmentID
        self.seq = seq
        self.type = type
        self.stepID = stepID
        self.payload = payload
        self.at = at
        self.activeMilliseconds = activeMilliseconds
    }

    /// The core event this row records; refuses a row this version cannot understand.
    public func event() throws(StoreError) -> Event {
        guard let eventType = EventType(rawValue: type) else {
            throw .unreadableEvent(
                enrollmentID: enrollmentID, seq: seq, reason: "unknown event type \"\(type)\"")
        }
        let decoded: EventPayload
        do {
            decoded = try EventPayloadCodec.decode(payload)
        } catch {
            throw .unreadableEvent(enrollmentID: enrollmentID, seq: seq, reason: error.description)
        }
        return Event(
            seq: seq, type: eventType, stepID: stepID, payload: decoded, at: at,
            activeMilliseconds: activeMilliseconds)
    }
}

extension EventRecord: FetchableRecord, TableRecord {
    /// The table is `event`, not the type's name.
    public static let databaseTableName = "event"

    /// The columns, for type-checked queries.
    public enum Columns {
        public static let id = Column("id")
        public static let enrollmentID = Column("enrollment_id")
        public static let seq = Column("seq")
        public static let type = Column("type")
        public static let stepID = Column("step_id")
        public static let payload = Column("payload")
        public static let at = Column("at")
        public static let activeMilliseconds = Column("active_ms")
    }

    public init(row: Row) throws {
        id = row[Columns.id]
        enrollmentID = row[Columns.enrollmentID]
        seq = row[Columns.seq]
        type = row[Columns.type]
        stepID = row[Columns.stepID]
        payload = row[Columns.payload]
        at = Date(storeMilliseconds: row[Columns.at])
        activeMilliseconds = row[Columns.activeMilliseconds]
    }
}

extension Date {
    /// A time as the store keeps it: whole milliseconds since 1970, as an INTEGER.
    package init(storeMilliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(storeMilliseconds) / 1000)
    }

    /// This time rounded to the millisecond, or nil when it cannot be stored
    /// (not finite, or beyond the year 292 million).
    package var storeMilliseconds: Int64? {
        let milliseconds = (timeIntervalSince1970 * 1000).rounded()
        return Int64(exactly: milliseconds)
    }
}
