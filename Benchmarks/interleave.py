#!/usr/bin/env python3
"""Times commands in alternation: round after round, each command runs once, in turn.

Usage: interleave.py [--rounds N] [--warmup W] [--json FILE] -n NAME 'COMMAND' [-n NAME 'COMMAND' ...]

hyperfine runs all of one command's runs, then all of the next one's. On a shared cloud
machine the processor's speed changes from one few-second spell to the next (the same
`sqlite3` query took 247 ms of user time in one hyperfine batch and 372 ms in the batch
before), so a ratio between two batches measures the spells as much as the programs.
Alternating puts both commands in the same spells. Each round starts with the next command
in turn, so neither always runs first. Commands run without a shell (split like a shell
would, `shlex`), their output discarded, as `hyperfine -N` does; a failing command stops
the run.

Prints, per command, the median, spread and processor time of its runs, and writes them
(every time, in seconds) to the JSON file if asked.

--probe-cpus times, before each run, the same short loop pinned on each processor in turn
(about 25 ms in all), and records which processors ran fast. On this 2-vCPU cloud machine
a busy vCPU at times runs about 2.2 times faster than usual (a C loop pinned on one vCPU:
150 ms, then 68 ms a few seconds later), but two busy at once seldom both do (both fast in
2 % of 60 rounds, one fast in 22 %); in such spells `sqlite3` ran up to 1.6 times faster
while the report did not (docs/performance.md). The probe hints at the spells a run met;
only a hint, for a vCPU can change speed within a run. "Fast" is relative to the run's own
median probe, so a spell that lasts the whole run is not flagged: the probe medians printed
(about 13 ms on this machine in its usual state) show it.
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


def probe_cpus(loops=200_000):
    """Processor time of the same loop pinned on each processor this process may use."""
    allowed = os.sched_getaffinity(0)
    times = []
    try:
        for cpu in sorted(allowed):
            os.sched_setaffinity(0, {cpu})
            start = time.thread_time()
            total = 0
            for i in range(loops):
                total += i
            times.append(time.thread_time() - start)
    finally:
        os.sched_setaffinity(0, allowed)
    return times


def run_once(argv):
    """Wall, user and system seconds of one run."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        sys.exit(f"interleave.py: {shlex.join(argv)} exited with {child.returncode}")
    return wall, usage.ru_utime, usage.ru_stime


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=15)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--json", help="write every time here")
    parser.add_argument("--probe-cpus", action="store_true", help="time each processor before each run")
    parser.add_argument("-n", "--named", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    args = parser.parse_args()
    commands = [(name, shlex.split(command), command) for name, command in args.named]
    for _ in range(args.warmup):
        for _, argv, _ in commands:
            run_once(argv)
    times = {name: {"wall": [], "user": [], "system": [], "probes": []} for name, _, _ in commands}
    for round_number in range(args.rounds):
        shift = round_number % len(commands)
        for name, argv, _ in commands[shift:] + commands[:shift]:
            if args.probe_cpus:
                times[name]["probes"].append(probe_cpus())
            wall, user, system = run_once(argv)
            times[name]["wall"].append(wall)
            times[name]["user"].append(user)
            times[name]["system"].append(system)
    # A processor ran fast before a run when its loop took less than 0.7 times the usual
    # (the median of every probe).
    every_probe = [t for name in times for probe in times[name]["probes"] for t in probe]
    usual = statistics.median(every_probe) if every_probe else 0.0
    results = []
    for name, _, command in commands:
        wall = times[name]["wall"]
        result = {
            "name": name,
            "command": command,
            "median": statistics.median(wall),
            "mean": statistics.mean(wall),
            "stddev": statistics.stdev(wall) if len(wall) > 1 else 0.0,
            "min": min(wall),
            "max": max(wall),
            "user": statistics.median(times[name]["user"]),
            "system": statistics.median(times[name]["system"]),
            "times": wall,
        }
        if args.probe_cpus:
            result["probes"] = times[name]["probes"]
            result["fastCPUs"] = [sum(t < 0.7 * usual for t in probe) for probe in times[name]["probes"]]
        results.append(result)
        print(
            f"{name}: median {result['median'] * 1000:.1f} ms "
            f"(min {result['min'] * 1000:.1f}, max {result['max'] * 1000:.1f}, "
            f"mean {result['mean'] * 1000:.1f} ± {result['stddev'] * 1000:.1f}; "
            f"user {result['user'] * 1000:.0f} ms, system {result['system'] * 1000:.0f} ms; "
            f"{args.rounds} rounds)"
        )
        if args.probe_cpus:
            fast = result["fastCPUs"]
            probes = [t for probe in result["probes"] for t in probe]
            print(
                f"    processors running fast before its runs: none {fast.count(0)}, "
                f"one {sum(1 for n in fast if n == 1)}, more {sum(1 for n in fast if n > 1)} "
                f"(probe median {statistics.median(probes) * 1000:.1f} ms, run's {usual * 1000:.1f} ms)"
            )
    if args.json:
        with open(args.json, "w") as file:
            json.dump(
                {"rounds": args.rounds, "warmup": args.warmup, "usualProbe": usual, "results": results}, file, indent=2)


if __name__ == "__main__":
    main()
