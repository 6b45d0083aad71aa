#!/usr/bin/env bash
# The screenshots of the HTML report in docs/: a cohort walked through the Alliances paths,
# given lifelike times, rendered, then photographed by headless Chromium.
#
#   Tests/Scripts/report-screenshot.sh DIR BIN     writes DIR/cohort.sqlite, DIR/report.html,
#                                                  DIR/report-dashboard.png (1280 px wide)
#                                                  and DIR/report-phone.png (the page 390 px
#                                                  wide, framed: headless Chromium's window is
#                                                  never narrower than 500 px)
#
# Learners are walked by piped answers, as in output-identity.sh; piped walks take no time,
# so each step's active time is then drawn around its estimate (a seeded draw, each learner
# with their own speed), and each attempt is moved so that its last action lands where a
# facilitator would see it at `now`: some finished, some under way, some silent for an hour.
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
dir=$1 bin=$(realpath "$2")
now=2026-03-12T11:30:00Z
rm -rf "$dir" && mkdir -p "$dir"
store="$dir/cohort.sqlite"

walk() { # NAME PATH LINES FIRST_ANSWER LATER_ANSWER COHORT
    local name=$1 path=$2 lines=$3 first=$4 later=$5 cohort=$6
    { for i in $(seq 1 "$lines"); do
        if [ "$i" -le 14 ]; then echo "$first"; else echo "$later"; fi
        echo ""
    done; } | "$bin" start "$path" --as "$name" --store "$store" --home "$here" --lang fr --cohort "$cohort" \
        >/dev/null 2>&1 || true
}

walk "Camille Martin" alliances-2h 400 2 3 MARS26
walk "Inès Haddad" alliances-2h 400 1 4 MARS26
walk "Hugo Lefèvre" alliances-2h 400 2 2 MARS26
walk "Léa Nguyen" alliances-2h 27 2 3 MARS26
walk "Mathieu Roux" alliances-2h 22 3 3 MARS26
walk "Nadia Benali" alliances-2h 16 1 3 MARS26
walk "Samuel Petit" alliances-2h 9 2 2 MARS26
walk "Zoé Garnier" alliances-2h 0 2 2 MARS26
walk "Bastien Morel" alliances-4h 33 2 3 MARS26
walk "Julien Fabre" alliances-4h 400 1 3 MARS26
walk "Amélie Laurent" alliances-4h 400 2 3 MARS26
walk "Chloé Dubois" alliances-4h 20 1 2 MARS26
walk "Karim Saïdi" alliances-4h 6 2 2 MARS26

python3 - "$store" "$here/Paths/alliances-territoires.yml" "$now" <<'PY'
import datetime, json, random, sqlite3, sys, yaml
store, graph, now = sys.argv[1], sys.argv[2], sys.argv[3]
minutes = {s["id"]: s.get("minutes", 1) for s in yaml.safe_load(open(graph))["steps"]}
end = int(datetime.datetime.fromisoformat(now.replace("Z", "+00:00")).timestamp() * 1000)
# Minutes before `now` of each learner's last action, and how fast they go (1: as estimated).
last = {"Camille Martin": (25, 1.0), "Inès Haddad": (50, 0.8), "Hugo Lefèvre": (8, 1.3),
        "Léa Nguyen": (4, 1.05), "Mathieu Roux": (70, 1.1), "Nadia Benali": (2, 1.7),
        "Samuel Petit": (95, 1.2), "Zoé Garnier": (110, 1.0), "Bastien Morel": (3, 0.9),
        "Chloé Dubois": (12, 1.6), "Karim Saïdi": (6, 1.0), "Julien Fabre": (15, 0.95),
        "Amélie Laurent": (40, 1.1)}
rng = random.Random(2026)
db = sqlite3.connect(store)
rows = db.execute("SELECT e.id, p.name FROM enrollment e JOIN participant p ON p.id = e.participant_id").fetchall()
for enrollment, name in rows:
    ago, speed = last[name]
    events = db.execute("SELECT id, type, step_id, active_ms FROM event WHERE enrollment_id = ? ORDER BY seq",
                        (enrollment,)).fetchall()
    # Each step's time, shared among the actions taken on it (those that counted time).
    actions = {}
    for _, _, step, active in events:
        if step and active > 0: actions[step] = actions.get(step, 0) + 1
    share = {step: minutes.get(step, 1) * 60_000 * speed * rng.lognormvariate(0, 0.3) / count
             for step, count in actions.items()}
    # Ratings drawn per learner and item: the closing grid a little above the opening one.
    before = {}
    for event, kind, step, active in events:
        if kind != "rated": continue
        payload = json.loads(db.execute("SELECT payload FROM event WHERE id = ?", (event,)).fetchone()[0])
        for item in payload["ratings"]:
            if step == "grid-start":
                before[item] = payload["ratings"][item] = rng.choice([1, 2, 2, 2, 3, 3])
            else:
                payload["ratings"][item] = min(4, before.get(item, 2) + rng.choice([0, 1, 1, 1, 2]))
        db.execute("UPDATE event SET payload = ? WHERE id = ?",
                   (json.dumps(payload, sort_keys=True, separators=(",", ":")), event))
    times, clock = [], 0
    for event, kind, step, active in events:
        spent = int(share[step]) if step and active > 0 else 0
        clock += spent + (rng.randint(2_000, 20_000) if spent else 0)
        times.append((event, clock, spent))
    shift = end - ago * 60_000 - clock
    for event, at, spent in times:
        db.execute("UPDATE event SET at = ?, active_ms = ? WHERE id = ?", (at + shift, spent, event))
    db.execute("UPDATE enrollment SET started_at = ? WHERE id = ?", (times[0][1] + shift, enrollment))
    db.execute("UPDATE enrollment SET finished_at = ? WHERE id = ? AND finished_at IS NOT NULL",
               (times[-1][1] + shift, enrollment))
db.commit()
PY

"$bin" report "$store" --home "$here" --lang fr --now "$now" --format html --out "$dir/report.html"
shoot() { # FILE WIDTH HEIGHT [PAGE]
    chromium --headless --disable-gpu --no-sandbox --hide-scrollbars --user-data-dir="$dir/chromium" \
        --window-size="$2,$3" --screenshot="$1" "file://$dir/${4:-report.html}" 2>/dev/null
}
shoot "$dir/report-dashboard.png" 1280 1700
printf '<!DOCTYPE html><body style="margin:0;background:#888"><iframe src="report.html" style="width:390px;height:2400px;border:0;background:#fff"></iframe>' >"$dir/phone.html"
shoot "$dir/report-phone.png" 500 2400 phone.html
echo "$dir/report-dashboard.png $dir/report-phone.png"
