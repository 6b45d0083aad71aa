#!/usr/bin/env python3
"""Start to first prompt, measured to the prompt itself, against `parcours --version`.

Usage: Benchmarks/first-prompt.py PARCOURS_BIN PATH_ID [RUNS]

Each run starts the binary on a real pseudo-terminal (so readline, the terminal width and
colour are what a learner gets) and stops the clock when the REPL's prompt `] › ` has
arrived on the terminal; the process is then killed with SIGKILL, which the store is built
to survive. The baseline, `parcours --version`, is started the same way and timed until it
exits. The three kinds of run are interleaved, so that drift in the machine's load falls on
all of them alike:

  version       parcours --version
  new store     parcours start PATH_ID --store NEW   (a file that does not exist yet)
  known store   parcours start PATH_ID --store OLD   (a store this learner already used)

Prints the medians (ms) and the ratios to the baseline. Requirement: ratio <= 2.
"""
import os, pty, select, signal, statistics, subprocess, sys, tempfile, time

PROMPT = "] › ".encode()


def spawn(argv, env):
    master, slave = pty.openpty()
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True)
    os.close(slave)
    return start, process, master


def drain(master, until, deadline=10.0):
    """Reads the terminal until `until` is seen (or EOF, when `until` is None)."""
    seen = b""
    limit = time.perf_counter() + deadline
    while time.perf_counter() < limit:
        ready, _, _ = select.select([master], [], [], 0.5)
        if not ready:
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the other side closed
            return seen, True
        if not chunk:
            return seen, True
        seen += chunk
        if until is not None and until in seen:
            return seen, False
    raise SystemExit(f"timed out; the terminal showed:\n{seen.decode(errors='replace')}")


def time_version(binary, env):
    start, process, master = spawn([binary, "--version"], env)
    drain(master, None)
    process.wait()
    elapsed = time.perf_counter() - start
    os.close(master)
    return elapsed


def time_start(binary, path_id, store, env):
    start, process, master = spawn([binary, "start", path_id, "--as", "bench", "--store", store], env)
    seen, closed = drain(master, PROMPT)
    elapsed = time.perf_counter() - start
    if closed:
        raise SystemExit(f"exited before its prompt:\n{seen.decode(errors='replace')}")
    process.send_signal(signal.SIGKILL)
    process.wait()
    os.close(master)
    return elapsed


def main():
    binary, path_id = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    work = tempfile.mkdtemp(prefix="parcours-first-prompt-")
    env = dict(os.environ, TERM="xterm-256color", XDG_STATE_HOME=work, HOME=work)
    env.pop("NO_COLOR", None)
    known = os.path.join(work, "known.sqlite")
    time_start(binary, path_id, known, env)  # the learner's first day
    times = {"version": [], "new store": [], "known store": []}
    for _ in range(3):  # warm-up
        time_version(binary, env)
        time_start(binary, path_id, known, env)
    for run in range(runs):
        times["version"].append(time_version(binary, env))
        fresh = os.path.join(work, f"new-{run}.sqlite")
        times["new store"].append(time_start(binary, path_id, fresh, env))
        times["known store"].append(time_start(binary, path_id, known, env))
    base = statistics.median(times["version"])
    print(f"{'command':<12} {'median ms':>10} {'ratio':>7}   ({runs} runs each, interleaved)")
    for name, values in times.items():
        median = statistics.median(values)
        print(f"{name:<12} {median * 1000:10.1f} {median / base:7.2f}")


if __name__ == "__main__":
    main()
