"""Interleaved A/B timing of several builds: each round runs every binary once, in turn, so that
the machine's drift affects them alike. Prints the median wall time and the median CPU time
(user + system, from `wait4`) of each.

Usage: python3 tests/bench/ab.py N BIN1,BIN2[,...] ARGS...
(for instance `python3 tests/bench/ab.py 41 /tmp/iamlint-old,target/release/iamlint check $M`).
One warm-up round is not counted. Output goes to /dev/null.
"""
import os
import statistics
import sys
import time

runs = int(sys.argv[1])
binaries = sys.argv[2].split(",")
args = sys.argv[3:]
wall = {b: [] for b in binaries}
cpu = {b: [] for b in binaries}
devnull = os.open(os.devnull, os.O_WRONLY)
for round_ in range(runs + 1):
    for b in binaries:
        start = time.perf_counter()
        pid = os.fork()
        if pid == 0:
            os.dup2(devnull, 1)
            os.dup2(devnull, 2)
            os.execv(b, [b] + args)
        _, _, usage = os.wait4(pid, 0)
        elapsed = (time.perf_counter() - start) * 1000
        if round_ > 0:
            wall[b].append(elapsed)
            cpu[b].append((usage.ru_utime + usage.ru_stime) * 1000)
for b in binaries:
    print(
        f"{b}: wall median {statistics.median(wall[b]):.1f} ms  "
        f"cpu median {statistics.median(cpu[b]):.1f} ms  ({runs} runs)"
    )
