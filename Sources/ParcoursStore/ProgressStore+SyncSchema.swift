import Foundation
import GRDB

/// The tables of migration `v3-sync`: what the store knows of its sync destinations.
///
/// Nothing here is touched by `append`: the outbox of a destination is simply the events
/// whose id is above its cursor (`event.id` is a rowid, monotonic because the log is
/// append-only), so a learner's action costs what it cost before sync existed.
///
/// - `sync_destination`: one row per destination, created on first use. `name` is the
///   caller's identity string for it (a URL without password). `cursor` is the highest
///   `event.id` settled there: every event at or below it was accepted by the destination,
///   or belongs to a run set aside, or to an enrollment with a conflict recorded there.
///   Clearing such a conflict (or renumbering the run) moves the cursor back, so nothing
///   skipped is ever left behind.
/// - `sync_conflict`: an enrollment the destination refused because it holds other events
///   under the same identity; not pushed there again until resolved.
/// - `set_aside`: a local run the learner chose not to continue: kept, read by the journal
///   and export, but never pushed and never picked as the attempt to resume.
extension ProgressStore {
    static func createSyncTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE "sync_destination" (
                  "id" INTEGER PRIMARY KEY,
                  "name" TEXT NOT NULL UNIQUE,
                  "cursor" INTEGER NOT NULL DEFAULT 0,
                  "last_attempt_at" INTEGER,
                  "last_success_at" INTEGER,
                  "last_error" TEXT);
                CREATE TABLE "sync_conflict" (
                  "destination_id" INTEGER NOT NULL REFERENCES "sync_destination"("id") ON DELETE CASCADE,
                  "enrollment_id" INTEGER NOT NULL REFERENCES "enrollment"("id") ON DELETE RESTRICT,
                  "detail" TEXT NOT NULL,
                  "noticed_at" INTEGER NOT NULL,
                  PRIMARY KEY ("destination_id", "enrollment_id"));
                CREATE TABLE "set_aside" (
                  "enrollment_id" INTEGER PRIMARY KEY REFERENCES "enrollment"("id") ON DELETE RESTRICT,
                  "at" INTEGER NOT NULL,
                  "reason" TEXT NOT NULL);
                """)
    }
}
