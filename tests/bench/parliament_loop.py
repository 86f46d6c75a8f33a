"""Parliament 1.6.4 over every AWS managed policy in one Python process.

`parliament --directory` crashes on this corpus, so this loops over
`parliament.analyze_policy_string`, as the benchmark in BENCHMARKS.md prescribes. Prints the
number of files and findings so that the work is not optimised away.
Usage: python3 tests/bench/parliament_loop.py DIR
"""
import pathlib
import sys

import parliament

findings = 0
files = sorted(pathlib.Path(sys.argv[1]).glob("*.json"))
for path in files:
    try:
        policy = parliament.analyze_policy_string(path.read_text())
        findings += len(policy.findings)
    except Exception:  # noqa: BLE001 - parliament raises on some documents
        findings += 1
print(f"{len(files)} files, {findings} findings")
