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
"""
import argparse
import json
import os
import shlex
import statistics
import subprocess
import sys
import time


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
    parser.add_argument("-n", "--named", nargs=2, action="append", metavar=("NAME", "COMMAND"), required=True)
    args = parser.parse_args()
    commands = [(name, shlex.split(command), command) for name, command in args.named]
    for _ in range(args.warmup):
        for _, argv, _ in commands:
            run_once(argv)
    times = {name: {"wall": [], "user": [], "system": []} for name, _, _ in commands}
    for round_number in range(args.rounds):
        shift = round_number % len(commands)
        for name, argv, _ in commands[shift:] + commands[:shift]:
            wall, user, system = run_once(argv)
            times[name]["wall"].append(wall)
            times[name]["user"].append(user)
            times[name]["system"].append(system)
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
        results.append(result)
        print(
            f"{name}: median {result['median'] * 1000:.1f} ms "
            f"(min {result['min'] * 1000:.1f}, max {result['max'] * 1000:.1f}, "
            f"mean {result['mean'] * 1000:.1f} ± {result['stddev'] * 1000:.1f}; "
            f"user {result['user'] * 1000:.0f} ms, system {result['system'] * 1000:.0f} ms; "
            f"{args.rounds} rounds)"
        )
    if args.json:
        with open(args.json, "w") as file:
            json.dump({"rounds": args.rounds, "warmup": args.warmup, "results": results}, file, indent=2)


if __name__ == "__main__":
    main()
