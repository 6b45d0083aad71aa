import CSQLiteBench

/// The bare baseline: one SQLite connection in WAL mode with `synchronous=FULL`, and a
/// prepared single-row INSERT run in autocommit (one implicit transaction, one WAL sync
/// per row). No Swift library between the benchmark and the C API.
public final class BareSQLite {
    private var db: OpaquePointer?
    private var insert: OpaquePointer?
    private var seq: Int64 = 0

    public init(path: String) {
        precondition(sqlite3_open(path, &db) == SQLITE_OK, "open \(path)")
        exec("PRAGMA journal_mode = WAL")
        exec("PRAGMA synchronous = FULL")
        exec("""
            CREATE TABLE IF NOT EXISTS event (
              id INTEGER PRIMARY KEY, enrollment_id INTEGER NOT NULL, seq INTEGER NOT NULL,
              type TEXT NOT NULL, step_id TEXT, payload TEXT NOT NULL, at INTEGER NOT NULL,
              active_ms INTEGER NOT NULL, UNIQUE (enrollment_id, seq))
            """)
        precondition(
            sqlite3_prepare_v2(
                db,
                "INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms) VALUES (1, ?, 'entered', 'step', '{}', ?, 0)",
                -1, &insert, nil) == SQLITE_OK)
    }

    deinit {
        sqlite3_finalize(insert)
        sqlite3_close(db)
    }

    /// Inserts one row and commits it (autocommit), synced to disk.
    public func insertOne() {
        seq += 1
        sqlite3_reset(insert)
        sqlite3_bind_int64(insert, 1, seq)
        sqlite3_bind_int64(insert, 2, 1_700_000_000_000 + seq)
        precondition(sqlite3_step(insert) == SQLITE_DONE, "insert")
    }

    private func exec(_ sql: String) {
        precondition(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK, sql)
    }
}
