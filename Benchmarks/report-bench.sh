#!/usr/bin/env bash
# Cohort report benchmark: `parcours report --format json` on 10,000 participants
# (~600,000 events) against the sqlite3 CLI running the equivalent aggregate query
# (per enrollment: completed count, active sum, last activity, current step, finished)
# on the same file, in the same hyperfine run. Requirement: ratio <= 1.5.
# Usage: Benchmarks/report-bench.sh [OUT_DIR]   (PARCOURS_BIN overrides the binary)
set -euo pipefail
cd "$(dirname "$0")/.."
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
cd "$out"
hyperfine --warmup 2 --runs "${RUNS:-10}" -N \
  --export-markdown report.md --export-json report.json \
  "sqlite3 -readonly -json cohort.sqlite '.read aggregate.sql'" \
  "$bin report cohort.sqlite --home home --format json"
python3 - <<'PY'
import json
r = json.load(open("report.json"))["results"]
base, ours = r[0]["median"], r[1]["median"]
print(f"sqlite3 median {base*1000:.0f} ms, report median {ours*1000:.0f} ms, ratio {ours/base:.2f} (limit 1.5)")
PY
