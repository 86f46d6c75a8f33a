"""Median whole-process wall time of a command, over N runs (after one warm-up run).

Usage: python3 tests/bench/median.py N COMMAND [ARGS...]
Prints the median, minimum and maximum in milliseconds. The command's output is discarded.
"""
import statistics
import subprocess
import sys
import time

runs = int(sys.argv[1])
cmd = sys.argv[2:]
subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
times = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    times.append((time.perf_counter() - start) * 1000)
print(f"median {statistics.median(times):.1f} ms  min {min(times):.1f}  max {max(times):.1f}  ({runs} runs)")
