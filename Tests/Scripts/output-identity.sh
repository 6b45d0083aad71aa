#!/usr/bin/env bash
# Every output format of parcours on the same stores, to diff two builds byte for byte.
#
#   Tests/Scripts/output-identity.sh stores DIR BIN     write the stores once, with BIN
#   Tests/Scripts/output-identity.sh outputs DIR BIN OUT  every output of BIN on DIR's stores
#   diff -r OUT_BEFORE OUT_AFTER                          nothing, when a change kept outputs
#
# The stores are written once and read by both builds (reads never change them): a real
# store of learners walked through the three Alliances paths by piped answers, in French and
# English, finished and not, in two cohorts; a synthetic store of 300 learners
# (Benchmarks/generate-*.py); and bundles exported from the first. Times that depend on the
# moment (`exportedAt`) are masked; `--now` pins the rest.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
mode=$1 dir=$2 bin=$(realpath "$3")
now=2026-12-03T18:00:00Z

walk() { # NAME PATH LINES ANSWER LANG COHORT
    local name=$1 path=$2 lines=$3 answer=$4 lang=$5 cohort=$6
    local args=(start "$path" --as "$name" --store "$dir/real.sqlite" --home "$here" --lang "$lang")
    [ -n "$cohort" ] && args+=(--cohort "$cohort")
    { for _ in $(seq 1 "$lines"); do echo "$answer"; echo ""; done; } |
        "$bin" "${args[@]}" >/dev/null 2>&1 || true
}

if [ "$mode" = stores ]; then
    rm -rf "$dir" && mkdir -p "$dir"
    walk alice alliances-2h 400 3 fr A
    walk bob alliances-4h 40 1 en A
    walk carol alliances-12h 900 2 fr B
    walk dave alliances-2h 25 4 fr B
    walk "émile « e »" alliances-4h 400 5 en ""
    python3 "$here/Benchmarks/generate-course.py" 45 "$dir/synthetic" >/dev/null
    python3 "$here/Benchmarks/generate-cohort-store.py" "$dir/synthetic.sqlite" "$dir/synthetic" 300 >/dev/null
    # A course with an author's mistakes, for lint's findings.
    cp -R "$here/Paths" "$here/Locales" "$dir/" && mkdir -p "$dir/broken" && mv "$dir/Paths" "$dir/Locales" "$dir/broken/"
    sed -i '0,/next: /s/next: /next: nowhere-/; s/minutes: 5$/minutes: 500/' "$dir/broken/Paths/alliances-territoires.yml"
    sed -i '0,/title: /s/title: /title: {usd} /' "$dir/broken/Locales/fr/alliances-territoires.yml"
    for who in alice bob; do
        "$bin" export --as "$who" --store "$dir/real.sqlite" --home "$here" --out "$dir/$who.json"
    done
    exit 0
fi

out=$4
rm -rf "$out" && mkdir -p "$out"
# Copies, so that neither build can touch the shared stores (WAL files, a first open); at
# the same place for every build, since messages name their files.
exec 9>"$dir.lock" && flock 9  # one build at a time reads through the copies
work="$dir.work" && rm -rf "$work" && mkdir -p "$work" && trap 'rm -rf "$work"' EXIT
cp -R "$dir"/. "$work"/
run() { # NAME ARGS... : stdout, stderr and exit code of one command
    local name=$1 && shift
    local rc=0
    "$bin" "$@" >"$out/$name.out" 2>"$out/$name.err" || rc=$?
    echo "$rc" >"$out/$name.rc"
    sed -i 's/"exportedAt" *: *"[^"]*"/"exportedAt":"…"/' "$out/$name.out"
}
real=("$work/real.sqlite") synth=("$work/synthetic.sqlite")
for format in table csv csv-steps json html; do
    run "report-real-$format" report "${real[@]}" --home "$here" --format "$format" --now "$now"
    run "report-real-A-$format" report "${real[@]}" --cohort A --home "$here" --format "$format" --now "$now"
    run "report-bundles-$format" report "${real[@]}" "$work/alice.json" "$work/bob.json" --home "$here" \
        --format "$format" --now "$now"
    run "report-synthetic-$format" report "${synth[@]}" --home "$work/synthetic" --format "$format" --now "$now"
done
run calibrate-real calibrate "${real[@]}" --home "$here"
run calibrate-synthetic calibrate "${synth[@]}" --home "$work/synthetic" --min-learners 3
run xapi-cohort-A export --xapi --cohort A --store "${real[@]}" --home "$here"
run xapi-synthetic export --xapi --store "${synth[@]}" --home "$work/synthetic" --as learner-00001
for who in alice bob carol dave "émile « e »"; do
    run "export-$who" export --as "$who" --store "${real[@]}" --home "$here"
    run "xapi-$who" export --xapi --as "$who" --store "${real[@]}" --home "$here"
    run "journal-$who" journal --as "$who" --store "${real[@]}" --home "$here"
    run "status-$who" status --json --as "$who" --store "${real[@]}" --home "$here" --now "$now"
    run "status-text-$who" status --as "$who" --store "${real[@]}" --home "$here" --now "$now"
done
run lint-course lint --json --home "$here"
run lint-synthetic lint --json "$work/synthetic"
run lint-broken lint --json "$work/broken"
run lint-broken-text lint "$work/broken"
for path in alliances-2h alliances-4h alliances-12h; do
    run "graph-$path" graph "$path" --home "$here"
    run "graph-mermaid-$path" graph "$path" --mermaid --home "$here"
done
run list list --home "$here"
run list-en list --home "$here" --lang en
echo "$(ls "$out" | wc -l) files in $out"
