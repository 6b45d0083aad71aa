import Foundation
import GRDB

/// One attempt by one participant at one path of one course version.
///
/// A learner who starts the same path again gets a new enrollment with the next attempt
/// number, so earlier attempts stay in the log untouched and reports can compare them.
/// `finishedAt` is set in the same transaction as the `finished` event.
public struct Enrollment: Sendable, Hashable, Identifiable {
    public var id: Int64
    public var participantID: Int64
    public var courseID: String
    public var pathID: String
    /// The content hash of the course files the attempt was started with.
    public var courseVersion: String
    public var cohort: String?
    /// 1 for the first attempt at this path by this participant, then 2, 3…
    public var attempt: Int
    public var startedAt: Date
    /// When the `finished` event was recorded, or nil while the attempt is open.
    public var finishedAt: Date?

    public init(
        id: Int64, participantID: Int64, courseID: String, pathID: String, courseVersion: String,
        cohort: String?, attempt: Int, startedAt: Date, finishedAt: Date? = nil
    ) {
        self.id = id
        self.participantID = participantID
        self.courseID = courseID
        self.pathID = pathID
        self.courseVersion = courseVersion
        self.cohort = cohort
        self.attempt = attempt
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}

extension Enrollment: FetchableRecord, TableRecord {
    /// The table; spelled out so renaming the type can never rename the table.
    public static let databaseTableName = "enrollment"

    /// The columns, for type-checked queries.
    public enum Columns {
        public static let id = Column("id")
        public static let participantID = Column("participant_id")
        public static let courseID = Column("course_id")
        public static let pathID = Column("path_id")
        public static let courseVersion = Column("course_version")
        public static let cohort = Column("cohort")
        public static let attempt = Column("attempt")
        public static let startedAt = Column("started_at")
        public static let finishedAt = Column("finished_at")
    }

    public init(row: Row) throws {
        id = row[Columns.id]
        participantID = row[Columns.participantID]
        courseID = row[Columns.courseID]
        pathID = row[Columns.pathID]
        courseVersion = row[Columns.courseVersion]
        cohort = row[Columns.cohort]
        attempt = row[Columns.attempt]
        startedAt = Date(storeMilliseconds: row[Columns.startedAt])
        finishedAt = (row[Columns.finishedAt] as Int64?).map(Date.init(storeMilliseconds:))
    }
}
