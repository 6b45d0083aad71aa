#!/usr/bin/env bash
# Times `parcours lint` (release build) on synthetic courses of 1,000 and 10,000 steps.
# Figures go to docs/performance.md by hand, with the date and the machine.
set -euo pipefail
cd "$(dirname "$0")/.."
bin=.build/release/parcours
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in 1000 10000; do
  python3 Benchmarks/generate-course.py "$n" "$work/c$n"
  "$bin" lint --home "$work/c$n" "$work/c$n" >/dev/null 2>&1 || { echo "synthetic course $n does not lint clean"; "$bin" lint "$work/c$n" | head; exit 1; }
done
hyperfine --warmup 2 --runs 15 --export-markdown "$work/lint.md" \
  -n "lint 1,000 steps" "$bin lint $work/c1000" \
  -n "lint 10,000 steps" "$bin lint $work/c10000" \
  -n "parcours --version (baseline)" "$bin --version"
cat "$work/lint.md"
