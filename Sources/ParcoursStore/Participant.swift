import Foundation
import GRDB

/// A person who follows learning paths, known by a unique name.
///
/// Names rather than accounts: parcours runs in a terminal, often on a shared cohort
/// store, and the name a learner types is how a facilitator recognises them in reports.
public struct Participant: Sendable, Hashable, Identifiable {
    /// The row id; stable for the life of the store.
    public var id: Int64
    /// The name the learner chose; unique in the store.
    public var name: String
    /// When the participant first appeared in this store (to the millisecond).
    public var createdAt: Date

    public init(id: Int64, name: String, createdAt: Date) {
        self.id = id
        self.name = name
        self.createdAt = createdAt
    }
}

extension Participant: FetchableRecord, TableRecord {
    /// The table; spelled out so renaming the type can never rename the table.
    public static let databaseTableName = "participant"

    /// The columns, for type-checked queries.
    public enum Columns {
        public static let id = Column("id")
        public static let name = Column("name")
        public static let createdAt = Column("created_at")
    }

    public init(row: Row) throws {
        id = row[Columns.id]
        name = row[Columns.name]
        createdAt = Date(storeMilliseconds: row[Columns.createdAt])
    }
}
