import Foundation

/// Where the store stands with one sync destination: what `status` shows
/// ("12 events waiting · last sync 10:42 · server unreachable").
public struct SyncState: Sendable, Equatable {
    /// The destination's identity, as the caller named it (a URL without password).
    public var destination: String
    /// The highest `event.id` settled at the destination (0 before the first push).
    public var cursor: Int64
    /// The events the next pushes would send: above the cursor, not set aside, not in a
    /// conflicting enrollment.
    public var pending: Int
    public var lastSuccess: Date?
    public var lastAttempt: Date?
    /// What went wrong at the last attempt, cleared by the next success.
    public var lastError: String?
    /// The enrollments the destination refused, oldest enrollment first.
    public var conflicts: [SyncConflict]

    public init(
        destination: String, cursor: Int64 = 0, pending: Int = 0, lastSuccess: Date? = nil,
        lastAttempt: Date? = nil, lastError: String? = nil, conflicts: [SyncConflict] = []
    ) {
        self.destination = destination
        self.cursor = cursor
        self.pending = pending
        self.lastSuccess = lastSuccess
        self.lastAttempt = lastAttempt
        self.lastError = lastError
        self.conflicts = conflicts
    }
}

/// An enrollment a destination refused: it holds other events under the same identity
/// (participant, path, attempt). The enrollment is not pushed there until the conflict is
/// cleared, and nothing of it is changed by the conflict itself.
public struct SyncConflict: Sendable, Equatable {
    /// The local enrollment.
    public var enrollmentID: Int64
    /// What differs, in the caller's words.
    public var detail: String
    public var noticedAt: Date

    public init(enrollmentID: Int64, detail: String, noticedAt: Date) {
        self.enrollmentID = enrollmentID
        self.detail = detail
        self.noticedAt = noticedAt
    }
}

/// A local run set aside: kept in the store, never pushed, never resumed.
public struct SetAsideRun: Sendable, Equatable {
    public var enrollmentID: Int64
    public var at: Date
    public var reason: String

    public init(enrollmentID: Int64, at: Date, reason: String) {
        self.enrollmentID = enrollmentID
        self.at = at
        self.reason = reason
    }
}
