#!/usr/bin/env bash
# Reproduces every figure in docs/performance.md:
#   1. lint on 1,000 / 10,000 synthetic steps vs `parcours --version`   (issue 2)
#   2. one step transition + durable commit vs a bare SQLite insert     (issue 3)
#   3. start to first prompt on alliances-12h vs `parcours --version` (first-prompt.py, on a
#      pseudo-terminal), and the whole start + quit round trip through hyperfine
#   4. peak RSS of the REPL (parcours-tour walk; alliances-12h start+quit)
# Usage: Benchmarks/run-all.sh [OUT_DIR]   (default: a fresh temporary directory, printed)
# SKIP_BUILD=1 reuses the binaries already in .build-bench / .build-bench-pkg.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
out=${1:-$(mktemp -d -t parcours-bench.XXXXXX)}
mkdir -p "$out"
out=$(cd "$out" && pwd)
echo "results in $out"
bin=$root/.build-bench/release/parcours

if [ -z "${SKIP_BUILD:-}" ]; then
  swift build -c release --scratch-path .build-bench
fi
"$bin" --version | tee "$out/version.txt"
swift --version 2>&1 | head -1 | tee -a "$out/version.txt"
nproc | sed 's/^/cores: /' | tee -a "$out/version.txt"

# 1. lint
echo "== 1. lint (issue 2)"
PARCOURS_BIN=$bin Benchmarks/lint-bench.sh "$out" | tee "$out/lint.txt"

# 3. start to first prompt on the longest path: the requirement, timed to the prompt itself
echo "== 3. start alliances-12h to first prompt"
python3 Benchmarks/first-prompt.py "$bin" alliances-12h "${RUNS:-30}" | tee "$out/first-prompt.txt"
# ... and, for the record, the whole round trip (start, then `quitter`) through hyperfine.
store=$(mktemp -d)
trap 'rm -rf "$store"' EXIT
printf 'quitter\n' >"$store/quit.txt"
"$bin" start alliances-12h --as bench --store "$store/s.sqlite" <"$store/quit.txt" >"$out/start-output.txt" 2>&1 \
  || { echo "start alliances-12h failed:"; cat "$out/start-output.txt"; exit 1; }
# hyperfine 1.15 has no --input: both commands run through its shell (whose start it
# subtracts), the REPL with stdin redirected from a file holding just "quitter".
hyperfine --warmup 3 --runs "${RUNS:-20}" \
  --prepare "rm -f $store/s.sqlite $store/s.sqlite-wal $store/s.sqlite-shm" \
  --export-markdown "$out/start.md" --export-json "$out/start.json" \
  -n "parcours --version (baseline)" "$bin --version" \
  -n "start alliances-12h + quitter" "$bin start alliances-12h --as bench --store $store/s.sqlite < $store/quit.txt"
cat "$out/start.md"
python3 - "$out/start.json" <<'PY' | tee "$out/start.txt"
import json, sys
m = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
a, b = m["parcours --version (baseline)"], m["start alliances-12h + quitter"]
print(f"median --version: {a*1000:.1f} ms; start+quit: {b*1000:.1f} ms; ratio {b/a:.2f}x (includes quitting)")
PY

# 4. peak memory
echo "== 4. peak RSS"
tour_input='\n\n1\n\n1 2\n\nJe veux apprendre\n\n3\n4\n2\n\ngarder 1\n\nchrono\nMon livrable\n\n\n'
rss() { # label, input (printf format), command...
  local label=$1 input=$2; shift 2
  local best=""
  for i in 1 2 3 4 5; do
    rm -f "$store"/m.sqlite*
    printf "$input" | /usr/bin/time -v "$@" >"$out/rss-$label.out" 2>"$out/rss-$label.time"
    kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/rss-$label.time")
    best="$best $kb"
  done
  echo "$label max RSS (KiB, 5 runs):$best" | tee -a "$out/rss.txt"
}
: >"$out/rss.txt"
rss version '' "$bin" --version
rss tour "$tour_input" "$bin" start tour --as bench --store "$store/m.sqlite"
rss alliances12h 'quitter\n' "$bin" start alliances-12h --as bench --store "$store/m.sqlite"
tail -n 25 "$out/rss-tour.out"

# 2. transition vs bare insert (in-process, ordo-one/benchmark)
echo "== 2. step transition vs bare SQLite insert (issue 3)"
(cd Benchmarks && swift package --scratch-path ../.build-bench-pkg benchmark --target StoreTransition \
   --format markdown 2>&1 | tee "$out/transition.md")
echo "results in $out"
