import Foundation
import ParcoursCore
import Testing

@testable import ParcoursStore

/// The two kinds of database every store test runs against (GRDB's own habit).
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case memory
    case file

    var testDescription: String { rawValue }
}

/// A temporary directory that disappears with the test that made it.
final class Scratch: Sendable {
    let directory: String

    init() throws {
        let base = FileManager.default.temporaryDirectory.path
        directory = (base as NSString).appendingPathComponent("parcours-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(
            atPath: directory, withIntermediateDirectories: true)
    }

    deinit {
        // Restore write permission first, so a test that froze a file can still be cleaned.
        if let items = try? FileManager.default.subpathsOfDirectory(atPath: directory) {
            for item in items {
                chmod((directory as NSString).appendingPathComponent(item), 0o755)
            }
        }
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// A path inside the directory; nothing is created.
    func path(_ name: String = "progress.sqlite") -> String {
        (directory as NSString).appendingPathComponent(name)
    }

    /// Opens a store of the given kind; a file store lives in this directory.
    func store(_ kind: StoreKind) throws -> ProgressStore {
        switch kind {
        case .memory: return try ProgressStore.inMemory()
        case .file: return try ProgressStore.open(path: path())
        }
    }
}

/// Events and enrollments the tests share.
enum Fixture {
    /// A time with milliseconds, so that rounding errors would show.
    static let start = at(1_767_225_600_123)

    /// A time given in whole milliseconds since 1970, as the store keeps it.
    static func at(_ milliseconds: Int64) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// A payload with every field set.
    static let fullPayload = EventPayload(
        courseID: "tour", pathID: "short", courseVersion: "sha256:c0ffee", language: "fr",
        cohort: "2026-spring", attempt: 1, seed: 4_294_967_295, choices: ["a", "b/c"],
        text: "Élan « libre »\nligne 2", checked: ["dated", "named"],
        ratings: ["clarity": 4, "pace": 2], reason: .timeBudget, explanation: "plus de temps",
        resource: "https://example.org/guide")

    static func started(at date: Date = start, payload: EventPayload = EventPayload()) -> Event {
        Event(seq: 1, type: .started, payload: payload, at: date)
    }

    static func event(_ seq: Int, _ type: EventType = .entered, step: String? = "welcome")
        -> Event
    {
        Event(
            seq: seq, type: type, stepID: step,
            at: at(1_767_225_600_123 + Int64(seq) * 61_007), activeMilliseconds: seq * 1000)
    }

    /// A participant with an open enrollment at `pathID`.
    static func enroll(
        _ store: ProgressStore, name: String = "ada", pathID: String = "short",
        cohort: String? = nil
    ) throws -> Enrollment {
        let participant = try store.participant(named: name)
        return try store.startEnrollment(
            participantID: participant.id, courseID: "tour", pathID: pathID,
            courseVersion: "sha256:c0ffee", cohort: cohort, started: started())
    }

    /// The file's bytes, to prove that a refused store was left untouched.
    static func bytes(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// The permission bits of a file or directory.
    static func mode(_ path: String) -> Int {
        var info = stat()
        guard stat(path, &info) == 0 else { return -1 }
        return Int(info.st_mode & 0o777)
    }
}

/// The `v1` schema exactly as parcours 0.1 created it (AUTOINCREMENT ids), with its
/// migration recorded: the oldest store the migrations must still take.
enum V1Schema {
    static let sql = """
        CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
        INSERT INTO grdb_migrations VALUES ('v1');
        CREATE TABLE "participant" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "name" TEXT NOT NULL UNIQUE, "created_at" INTEGER NOT NULL);
        CREATE TABLE "enrollment" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "participant_id" INTEGER NOT NULL REFERENCES "participant"("id") ON DELETE RESTRICT,
          "course_id" TEXT NOT NULL, "path_id" TEXT NOT NULL, "course_version" TEXT NOT NULL,
          "cohort" TEXT, "attempt" INTEGER NOT NULL CHECK ("attempt" >= 1),
          "started_at" INTEGER NOT NULL, "finished_at" INTEGER,
          UNIQUE ("participant_id", "path_id", "attempt"));
        CREATE TABLE "event" ("id" INTEGER PRIMARY KEY AUTOINCREMENT,
          "enrollment_id" INTEGER NOT NULL REFERENCES "enrollment"("id") ON DELETE RESTRICT,
          "seq" INTEGER NOT NULL CHECK ("seq" >= 1), "type" TEXT NOT NULL, "step_id" TEXT,
          "payload" TEXT NOT NULL, "at" INTEGER NOT NULL,
          "active_ms" INTEGER NOT NULL CHECK ("active_ms" >= 0));
        CREATE UNIQUE INDEX "event_on_enrollment_seq" ON "event"("enrollment_id", "seq");
        """
}
