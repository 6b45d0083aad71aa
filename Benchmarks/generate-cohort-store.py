#!/usr/bin/env python3
"""Writes a cohort store for the report benchmark: P participants on a synthetic course.

Usage: generate-cohort-store.py STORE COURSE_DIR [PARTICIPANTS]   (default 10,000)

COURSE_DIR must hold the course written by `generate-course.py 45 COURSE_DIR`
(course "synthetic-45", path "all"). The store has the exact schema of ParcoursStore's
migration "v1", with its row in `grdb_migrations`, so parcours opens it read-only as is.

Each participant walks the path as the REPL would log it: started, entered, answered
(questions: right or wrong, which decides the branch), rated (assessments), noted,
completed or waived, suspended/resumed, finished; they stop at a random point, so some never
start, most are in progress and about a fifth finish. About 60 events per participant.
"""
import json
import os
import random
import sqlite3
import sys

store, course_dir = sys.argv[1], sys.argv[2]
participants = int(sys.argv[3]) if len(sys.argv) > 3 else 10_000
n = 45
course, path = f"synthetic-{n}", "all"
rng = random.Random(42)

if os.path.exists(store):
    os.remove(store)
db = sqlite3.connect(store)
db.executescript("""
PRAGMA journal_mode = WAL;
CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY);
INSERT INTO grdb_migrations VALUES ('v1');
CREATE TABLE "participant" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT NOT NULL UNIQUE, "created_at" INTEGER NOT NULL);
CREATE TABLE "enrollment" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "participant_id" INTEGER NOT NULL REFERENCES "participant"("id") ON DELETE RESTRICT, "course_id" TEXT NOT NULL, "path_id" TEXT NOT NULL, "course_version" TEXT NOT NULL, "cohort" TEXT, "attempt" INTEGER NOT NULL CHECK ("attempt" >= 1), "started_at" INTEGER NOT NULL, "finished_at" INTEGER, UNIQUE ("participant_id", "path_id", "attempt"));
CREATE TABLE "event" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "enrollment_id" INTEGER NOT NULL REFERENCES "enrollment"("id") ON DELETE RESTRICT, "seq" INTEGER NOT NULL CHECK ("seq" >= 1), "type" TEXT NOT NULL, "step_id" TEXT, "payload" TEXT NOT NULL, "at" INTEGER NOT NULL, "active_ms" INTEGER NOT NULL CHECK ("active_ms" >= 0));
CREATE UNIQUE INDEX "event_on_enrollment_seq" ON "event"("enrollment_id", "seq");
""")


def payload(**fields):
    return json.dumps({k: v for k, v in fields.items() if v is not None}, sort_keys=True,
                      separators=(",", ":"))


def successor(i, answers, score):
    """The next step index after step i, as the course's branches decide."""
    if i == n - 1:
        return None
    if i % 10 == 0 and i + 2 < n and answers.get(i) == "right":
        return i + 2
    if i % 25 == 5 and i + 3 < n and score is not None and score < 3:
        return i + 3
    return i + 1


t0 = 1_780_000_000_000
events = []
for p in range(1, participants + 1):
    created = t0 + p * 1000
    db.execute("INSERT INTO participant VALUES (?, ?, ?)", (p, f"learner-{p:05d}", created))
    cohort = f"C{p % 20:02d}"
    # How far they got: 0 (only started) to the end, biased so ~20 % finish.
    stop = n if rng.random() < 0.2 else rng.randrange(0, n)
    at = created
    seq = 0
    log = []

    def add(kind, step=None, data="{}", active=0):
        global seq, at
        seq += 1
        at += active + rng.randrange(0, 2000)
        log.append((p, seq, kind, step, data, at, active))

    add("started", data=payload(attempt=1, cohort=cohort, courseID=course,
                                courseVersion="bench", language="fr", pathID=path))
    i, answers, score, done = 0, {}, None, 0
    while i is not None:
        add("entered", f"s{i}", active=rng.randrange(1000, 20_000))
        if done >= stop:
            add("suspended", f"s{i}", active=rng.randrange(0, 5000))
            break
        if i % 10 == 0 and i != n - 1:
            answers[i] = "right" if rng.random() < 0.7 else "wrong"
            add("answered", f"s{i}", payload(choices=[answers[i]]), rng.randrange(5000, 60_000))
        if i % 25 == 5:
            score = rng.randrange(1, 6)
            add("rated", f"s{i}", payload(ratings={f"i{i}": score}), rng.randrange(5000, 60_000))
        if rng.random() < 0.05:
            add("noted", f"s{i}", payload(text="a thought about this step"), 10_000)
        if rng.random() < 0.03:
            add("suspended", f"s{i}")
            add("resumed", f"s{i}")
        if i % 10 == 1 and rng.random() < 0.3:
            add("waived", f"s{i}", payload(reason="learner"), rng.randrange(1000, 5000))
        else:
            add("completed", f"s{i}", active=rng.randrange(30_000, 180_000))
        done += 1
        nxt = successor(i, answers, score)
        if nxt is None:
            add("finished", f"s{i}")
        i = nxt
    finished = log[-1][5] if log[-1][2] == "finished" else None
    db.execute("INSERT INTO enrollment VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)",
               (p, p, course, path, "bench", cohort, created, finished))
    events.extend(log)
    if len(events) > 100_000:
        db.executemany("INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", events)
        events = []
db.executemany("INSERT INTO event (enrollment_id, seq, type, step_id, payload, at, active_ms) "
               "VALUES (?, ?, ?, ?, ?, ?, ?)", events)
db.commit()
count = db.execute("SELECT COUNT(*) FROM event").fetchone()[0]
db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
db.close()
print(f"{store}: {participants} participants, {count} events")
