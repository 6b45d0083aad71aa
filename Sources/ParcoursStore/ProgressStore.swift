import Foundation
import GRDB
import ParcoursCore

/// The durable log of what learners did: participants, their enrollments, and each
/// enrollment's events.
///
/// Progress is saved in no other way than by appending events here, so a resumed session
/// is the fold of `events(of:)` and nothing can disagree with the log. The shape follows
/// GRDB's demo app: a private writer, a private migrator whose named migrations are only
/// ever appended, and one transaction per write method. Every commit is synced to disk
/// (`synchronous=FULL` in WAL mode), so an answer survives `kill -9` and power loss, and a
/// five-second busy timeout lets a whole cohort share one file.
///
/// ```swift
/// let store = try ProgressStore.open(location: StoreLocation.resolve(explicit: nil))
/// let ada = try store.participant(named: "ada")
/// let enrollment = try store.startEnrollment(
///     participantID: ada.id, courseID: "tour", pathID: "short", courseVersion: "c0ffee",
///     cohort: nil, started: Event(seq: 1, type: .started, at: Date()))
/// try store.append(Event(seq: 2, type: .entered, stepID: "welcome", at: Date()), to: enrollment.id)
/// ```
public final class ProgressStore: Sendable {
    /// When a write reaches the disk.
    public enum Durability: Sendable, Equatable {
        /// Synced before the call returns (`synchronous=FULL`): what the learner did.
        case synced
        /// Committed, and synced by the next synced write: bookkeeping the learner did not
        /// decide (who they are, that an attempt or a sitting began). It survives a killed
        /// process like any commit; a power cut before the learner's next action can lose
        /// it, and nothing the learner did with it.
        case deferred
    }

    /// How long a write waits for another process that holds the store before giving up.
    public static let defaultBusyTimeout: TimeInterval = 5

    /// The file the store lives in; `:memory:` for an in-memory store.
    public let path: String
    /// Whether the store was opened for reading only, as reports do.
    public let isReadOnly: Bool
    /// Whether the file has the sync tables (`v3-sync`). Always true once writable (it was
    /// migrated); a read-only open of an older store lacks them, and the readers that use
    /// them (the outbox, set-aside runs) then read them as empty.
    let tracksSync: Bool
    private let writer: DatabaseQueue

    private init(writer: DatabaseQueue, path: String, isReadOnly: Bool, tracksSync: Bool = true) {
        self.writer = writer
        self.path = path
        self.isReadOnly = isReadOnly
        self.tracksSync = tracksSync
    }

    /// Opens (and, unless `readOnly`, creates and migrates) the store at `path`.
    ///
    /// A read-only open never writes or migrates, so reports can read a store that is
    /// being written, or one they may not modify. A file that is not a parcours store is
    /// refused without a single byte being written to it.
    public static func open(path: String, readOnly: Bool = false) throws(StoreError)
        -> ProgressStore
    {
        try open(path: path, readOnly: readOnly, busyTimeout: defaultBusyTimeout)
    }

    /// Opens the store at a resolved location, first preparing the personal default
    /// directory and file (0700/0600) when writing.
    public static func open(location: StoreLocation, readOnly: Bool = false) throws(StoreError)
        -> ProgressStore
    {
        if !readOnly {
            try location.prepare()
        }
        return try open(path: location.path, readOnly: readOnly)
    }

    /// Opens a fresh, empty store that lives in memory; for tests and dry runs.
    public static func inMemory() throws(StoreError) -> ProgressStore {
        let path = ":memory:"
        let queue: DatabaseQueue
        do {
            queue = try DatabaseQueue(
                configuration: configuration(readOnly: false, busyTimeout: defaultBusyTimeout))
        } catch {
            throw StoreError(error, path: path, readOnly: false)
        }
        let store = ProgressStore(writer: queue, path: path, isReadOnly: false)
        try store.migrate()
        return store
    }

    /// The open with a chosen busy timeout, so tests can reach it in well under 5 s.
    static func open(path: String, readOnly: Bool, busyTimeout: TimeInterval) throws(StoreError)
        -> ProgressStore
    {
        let size = StoreFile.size(path)
        if readOnly && size == nil {
            throw .notFound(path: path)
        }
        if readOnly && size == 0 {
            throw .empty(path: path)
        }
        if !readOnly && size != nil && !hasWritePermissionBit(path) {
            // Root ignores permission bits; a store frozen with chmod a-w stays frozen.
            throw .readOnly(path: path)
        }
        if !readOnly, let size, size > 0, !StoreFile.folderIsWritable(path) {
            throw .folderReadOnly(path: path)
        }
        // Only a missing or empty file may become a store; anything else must be a whole
        // SQLite database before SQLite is let near it.
        try StoreFile.checkHeader(path)
        do {
            return try open(path: path, readOnly: readOnly, busyTimeout: busyTimeout, checkIntegrity: (size ?? 0) > 0)
        } catch {
            switch error {
            case .diskFull, .io, .cannotCreate:
                if !readOnly { StoreFile.removeIfEmpty(path) }
            default:
                break
            }
            throw error
        }
    }

    private static func open(path: String, readOnly: Bool, busyTimeout: TimeInterval, checkIntegrity: Bool)
        throws(StoreError) -> ProgressStore
    {
        let queue: DatabaseQueue
        // A read-only open makes no side files where it cannot or should not (see StoreFile).
        let location = readOnly && StoreFile.readsWithoutSideFiles(path) ? StoreFile.immutableURI(path) : path
        do {
            queue = try DatabaseQueue(
                path: location,
                configuration: configuration(readOnly: readOnly, busyTimeout: busyTimeout))
        } catch {
            throw StoreError(error, path: path, readOnly: readOnly)
        }
        let store = ProgressStore(writer: queue, path: path, isReadOnly: readOnly)
        // Nothing is written before the file is known to be ours: switching the journal
        // mode alone would rewrite another program's file header.
        let applied = try store.checkFormat()
        if readOnly {
            try store.checkMigrated(applied)
            if !applied.contains(syncMigration) {
                return ProgressStore(writer: queue, path: path, isReadOnly: true, tracksSync: false)
            }
        } else {
            // A damaged store is never written to: SQLite would only notice the damage when
            // a write reaches a missing page, after writing what came before it.
            if checkIntegrity { try store.checkIntegrity() }
            try store.prepareForWriting(migrated: applied.isSuperset(of: migrator.migrations), busyTimeout: busyTimeout)
        }
        return store
    }

    /// WAL, migrations and a write probe, tried again when processes opening a new shared
    /// store at once collide.
    ///
    /// Switching to WAL needs an exclusive lock, and SQLite answers SQLITE_BUSY at once,
    /// without waiting for the busy timeout, when waiting could deadlock; sixteen learners
    /// starting together on a fresh cohort store meet exactly that. Each step is idempotent,
    /// so the whole set-up is simply run again after a short, growing pause. A store already
    /// `migrated` (every learner's second day) skips the migrator.
    ///
    /// All of it waits for another process at most `busyTimeout` in all, not per try: each
    /// try's own wait is cut to what is left.
    private func prepareForWriting(migrated: Bool, busyTimeout: TimeInterval) throws(StoreError) {
        var attempts = 0
        let deadline = Date().addingTimeInterval(busyTimeout)
        while true {
            attempts += 1
            do {
                try setBusyTimeout(max(0.001, deadline.timeIntervalSinceNow))
                if migrated {
                    try useWAL()
                    try checkWritable()
                } else {
                    try setSynchronous("NORMAL")
                    try useWAL()
                    try migrate()
                    try checkWritable()
                    try setSynchronous("FULL")
                }
                try setBusyTimeout(busyTimeout)
                return
            } catch {
                switch error {
                case .busy, .database:
                    let pause = 0.025 * Double(attempts)
                    guard attempts < 8, deadline.timeIntervalSinceNow > pause else {
                        try? setBusyTimeout(busyTimeout)
                        throw error
                    }
                    usleep(UInt32(pause * 1_000_000))
                default:
                    throw error
                }
            }
        }
    }

    /// How long each statement waits for another process's lock, from now on.
    private func setBusyTimeout(_ seconds: TimeInterval) throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = \(Int((seconds * 1_000).rounded(.up)))")
            }
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// The connection settings every store shares: WAL, full sync, foreign keys, busy wait.
    private static func configuration(readOnly: Bool, busyTimeout: TimeInterval) -> Configuration {
        var config = Configuration()
        config.label = "ParcoursStore"
        config.readonly = readOnly
        config.foreignKeysEnabled = true
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            // GRDB's own WAL set-up would choose NORMAL; a learner's action must survive
            // power loss, so every commit syncs the WAL.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return config
    }

    private static func hasWritePermissionBit(_ path: String) -> Bool {
        var info = stat()
        guard stat(path, &info) == 0 else { return true }
        return info.st_mode & 0o222 != 0
    }

    // MARK: - Database access

    /// Runs `body` in a read transaction, turning any failure into a `StoreError`.
    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.read(body)
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// Runs `body` in one IMMEDIATE transaction: all of it is committed, or none.
    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.write(body)
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// Runs `body` in one IMMEDIATE transaction, synced to disk or not.
    func write<T>(_ durability: Durability, _ body: (Database) throws -> T) throws(StoreError) -> T {
        if durability == .synced { return try write(body) }
        return try writeOutsideTransaction { db in
            try Self.unsynced(db) {
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    return .commit
                }
                guard let result else { throw StoreError.invalid(reason: "the transaction returned nothing") }
                return result
            }
        }
    }

    /// Runs `body` with `synchronous=NORMAL`, then restores FULL: what it commits is synced
    /// by the next synced commit (the WAL is synced as a whole), not before it returns.
    static func unsynced<T>(_ db: Database, _ body: () throws -> T) throws -> T {
        try db.execute(sql: "PRAGMA synchronous = NORMAL")
        let result: T
        do {
            result = try body()
        } catch {
            try? db.execute(sql: "PRAGMA synchronous = FULL")
            throw error
        }
        try db.execute(sql: "PRAGMA synchronous = FULL")
        return result
    }

    /// Runs `body` outside any explicit transaction: each statement commits on its own.
    func writeOutsideTransaction<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try writer.writeWithoutTransaction(body)
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// Runs the migrations the file lacks; each one commits in its own transaction.
    func apply(_ migrator: DatabaseMigrator) throws(StoreError) {
        do {
            try migrator.migrate(writer)
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// Sets how hard each commit is pushed to disk.
    ///
    /// Setting up a store (WAL, migrations) runs under NORMAL: in WAL mode a power loss then
    /// can only roll back the set-up, never corrupt the file, and set-up is simply redone at
    /// the next open. It saves a new store some ten syncs. Learner actions run under FULL,
    /// and the first of them syncs everything written before it.
    private func setSynchronous(_ level: String) throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA synchronous = \(level)")
            }
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// Switches the file to WAL, which lets reports read while learners write.
    ///
    /// The mode is stored in the file, so this only writes the first time.
    private func useWAL() throws(StoreError) {
        do {
            try writer.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA journal_mode = WAL")
            }
        } catch {
            throw StoreError(error, path: path, readOnly: isReadOnly)
        }
    }

    /// Proves that a write transaction can start, so a read-only file is refused at open,
    /// before a learner answers anything, rather than at the first lost answer.
    private func checkWritable() throws(StoreError) {
        try write { _ in }
    }
}
