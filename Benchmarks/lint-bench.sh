#!/usr/bin/env bash
# Issue 2: times `parcours lint` (release build) on synthetic courses of 1,000 and 10,000
# steps with branches, against `parcours --version` (process start) in the same run.
# Usage: Benchmarks/lint-bench.sh [OUT_DIR]   (PARCOURS_BIN picks the binary; default
# .build/release/parcours, as `make release` builds it). Writes OUT_DIR/lint.{md,json}.
# Figures go to docs/performance.md by hand, with the date and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${PARCOURS_BIN:-.build/release/parcours}
runs=${RUNS:-20}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
out=${1:-$work}
mkdir -p "$out"
"$bin" --version
for n in 1000 10000; do
  python3 Benchmarks/generate-course.py "$n" "$work/c$n"
  "$bin" lint --home "$work/c$n" "$work/c$n" >/dev/null 2>&1 || { echo "synthetic course $n does not lint clean"; "$bin" lint "$work/c$n" | head; exit 1; }
done
hyperfine -N --warmup 3 --runs "$runs" --export-markdown "$out/lint.md" --export-json "$out/lint.json" \
  -n "parcours --version (baseline)" "$bin --version" \
  -n "lint 1,000 steps" "$bin lint $work/c1000" \
  -n "lint 10,000 steps" "$bin lint $work/c10000"
cat "$out/lint.md"
python3 - "$out/lint.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
m = {k: v["median"] for k, v in r.items()}
a, b = m["lint 1,000 steps"], m["lint 10,000 steps"]
ratio = b / a
print(f"median 1,000 steps: {a*1000:.1f} ms; 10,000 steps: {b*1000:.1f} ms; --version: {m['parcours --version (baseline)']*1000:.1f} ms")
print(f"ratio 10,000/1,000: {ratio:.2f}x  (requirement <= 12x: {'PASS' if ratio <= 12 else 'FAIL'})")
print(f"10,000 steps under 0.5 s: {'PASS' if b < 0.5 else 'FAIL'}")
PY
