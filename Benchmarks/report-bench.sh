#!/usr/bin/env bash
# Cohort report benchmark: `parcours report --format json` on 10,000 participants
# (~600,000 events) against the sqlite3 CLI running the equivalent aggregate query
# (per enrollment: completed count, active sum, last activity, current step, finished)
# on the same file, in the same run: the two alternate, round after round
# (Benchmarks/interleave.py, 2 warm-up rounds). Requirement: ratio of the medians <= 1.5.
# Usage: Benchmarks/report-bench.sh [OUT_DIR]   (PARCOURS_BIN overrides the binary,
# SKIP_BUILD=1 uses .build-report-rel as it is, RUNS sets the rounds, 31 by default: with
# 15, a cluster of sqlite3's fast spells could move its median alone; see performance.md)
#
# WITH_FUNNEL=1 also times a second query that computes the step funnel the JSON reports
# as well (per step: attempts that reached, completed and waived it, and the median active
# time of those who completed it), checks that its figures equal the report's, and prints
# the ratio against it too. It is not the baseline of the requirement.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-$(mktemp -d -t parcours-report-bench.XXXXXX)}
mkdir -p "$out"
bin=${PARCOURS_BIN:-$PWD/.build-report-rel/release/parcours}
if [ -z "${PARCOURS_BIN:-}" ] && [ -z "${SKIP_BUILD:-}" ]; then
  swift build -c release --scratch-path .build-report-rel --product parcours
fi
python3 Benchmarks/generate-course.py 45 "$out/home"
python3 Benchmarks/generate-cohort-store.py "$out/cohort.sqlite" "$out/home" 10000
cat >"$out/aggregate.sql" <<'SQL'
SELECT en.id AS enrollment,
  SUM(ev.type = 'completed') AS completed,
  SUM(ev.active_ms) AS active_ms,
  MAX(ev.at) AS last_activity,
  (SELECT c.step_id FROM event c WHERE c.enrollment_id = en.id AND c.type = 'entered'
    ORDER BY c.seq DESC LIMIT 1) AS current_step,
  en.finished_at IS NOT NULL AS finished
FROM enrollment en JOIN event ev ON ev.enrollment_id = en.id
GROUP BY en.id ORDER BY en.id;
SQL
cat >"$out/funnel.sql" <<'SQL'
WITH visits AS (
  SELECT enrollment_id, seq, type, step_id, active_ms,
    SUM(type = 'entered') OVER (PARTITION BY enrollment_id ORDER BY seq ROWS UNBOUNDED PRECEDING) AS visit
  FROM event),
on_screen AS (
  SELECT enrollment_id, seq, type, active_ms,
    FIRST_VALUE(step_id) OVER (PARTITION BY enrollment_id, visit ORDER BY seq) AS shown
  FROM visits),
charged AS (
  -- An event's active time goes to the step on screen before it, as the fold counts it.
  SELECT enrollment_id, active_ms,
    CASE WHEN type = 'entered' THEN LAG(shown) OVER (PARTITION BY enrollment_id ORDER BY seq) ELSE shown END
      AS step_id
  FROM on_screen),
step_time AS (
  SELECT enrollment_id, step_id, SUM(active_ms) AS active_ms FROM charged
  WHERE step_id IS NOT NULL GROUP BY enrollment_id, step_id),
per_step AS MATERIALIZED (
  SELECT enrollment_id, step_id, MAX(type = 'entered') AS reached, MAX(type = 'completed') AS completed,
    COALESCE(MAX(CASE WHEN type = 'waived' THEN seq END), 0)
      > COALESCE(MAX(CASE WHEN type = 'completed' THEN seq END), 0) AS waived
  FROM event WHERE step_id IS NOT NULL GROUP BY enrollment_id, step_id),
done AS (
  SELECT p.step_id, COALESCE(t.active_ms, 0) / 1000 AS seconds,
    ROW_NUMBER() OVER (PARTITION BY p.step_id ORDER BY COALESCE(t.active_ms, 0) / 1000) AS n,
    COUNT(*) OVER (PARTITION BY p.step_id) AS total
  FROM per_step p LEFT JOIN step_time t ON t.enrollment_id = p.enrollment_id AND t.step_id = p.step_id
  WHERE p.completed),
medians AS (SELECT step_id, seconds FROM done WHERE n = (total + 1) / 2)
SELECT s.step_id AS step, SUM(s.reached) AS reached, SUM(s.completed) AS completed, SUM(s.waived) AS waived,
  m.seconds AS median_seconds
FROM per_step s LEFT JOIN medians m ON m.step_id = s.step_id GROUP BY s.step_id ORDER BY s.step_id;
SQL
cd "$out"
# The SQL figures must agree with the report's (the fold's): checked once, outside the timing.
"$bin" report cohort.sqlite --home home --format json >report-output.json
sqlite3 -readonly -json cohort.sqlite '.read aggregate.sql' >aggregate-output.json
sqlite3 -readonly -json cohort.sqlite \
  "SELECT en.id AS enrollment, p.name FROM enrollment en JOIN participant p ON p.id = en.participant_id" \
  >names.json
python3 - <<'PY'
import json, datetime
report = {p["name"]: p for p in json.load(open("report-output.json"))["participants"]}
names = {row["enrollment"]: row["name"] for row in json.load(open("names.json"))}
checked = 0
for row in json.load(open("aggregate-output.json")):
    p = report[names[row["enrollment"]]]
    last = datetime.datetime.fromtimestamp(row["last_activity"] // 1000, datetime.timezone.utc)
    assert p["activeSeconds"] == row["active_ms"] // 1000, (p, row)
    assert p["lastActivity"] == last.strftime("%Y-%m-%dT%H:%M:%SZ"), (p, row)
    assert (p["status"] == "finished") == bool(row["finished"]), (p, row)
    assert p["status"] == "finished" or p["currentStep"] == row["current_step"], (p, row)
    checked += 1
print(f"the query's figures equal the report's for {checked} enrollments")
PY
commands=(-n sqlite3 "sqlite3 -readonly -json cohort.sqlite '.read aggregate.sql'")
if [ -n "${WITH_FUNNEL:-}" ]; then
  sqlite3 -readonly -json cohort.sqlite '.read funnel.sql' >funnel-output.json
  python3 - <<'PY'
import json
steps = {s["step"]: s for s in json.load(open("report-output.json"))["steps"]}
for row in json.load(open("funnel-output.json")):
    s = steps[row["step"]]
    assert (s["reached"], s["completed"], s["waived"], s["medianSeconds"]) == (
        row["reached"], row["completed"], row["waived"], row["median_seconds"]), (s, row)
print(f"the funnel query's figures equal the report's for {len(steps)} steps")
PY
  commands+=(-n "sqlite3 with the funnel" "sqlite3 -readonly -json cohort.sqlite '.read aggregate.sql' '.read funnel.sql'")
fi
# The commands alternate, round after round (interleave.py says why).
python3 "$root/Benchmarks/interleave.py" --rounds "${RUNS:-31}" --warmup 2 --probe-cpus --json report.json \
  "${commands[@]}" -n "parcours report" "$bin report cohort.sqlite --home home --format json"
uptime
python3 - <<'PY'
import json
import statistics
r = json.load(open("report.json"))["results"]
base, ours = r[0]["median"], r[-1]["median"]
print(f"sqlite3 median {base*1000:.0f} ms, report median {ours*1000:.0f} ms, ratio {ours/base:.2f} (limit 1.5)")
# For information: each round's two runs are neighbours in time, so their ratio is the one
# least moved by the machine's spells.
rounds = [ours_time / base_time for base_time, ours_time in zip(r[0]["times"], r[-1]["times"])]
print(f"median of the rounds' own ratios: {statistics.median(rounds):.2f}")
if len(r) == 3:
    funnel = r[1]["median"]
    print(f"with the funnel: sqlite3 median {funnel*1000:.0f} ms, ratio {ours/funnel:.2f}")
PY
