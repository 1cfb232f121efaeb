#!/usr/bin/env python3
"""Times commands in alternating rounds and prints medians and ratios; the benches' common runner.

Usage: rounds.py ROUNDS -- NAME PREPARE COMMAND [-- NAME PREPARE COMMAND ...]

Each round runs every command once, in the given order in odd rounds and reversed in even ones, so
neither side always runs after the other (the disk may still be busy with the one before). PREPARE
(a shell command, untimed; "" for none) runs before each timed run, e.g. a fresh cold copy, a sync
and a settle. COMMAND runs under sh -c and is timed wall-clock; a failing command stops the bench.
Prints each round, then per command the median, mean and range, and the ratio of the first command
(vmdisk) to each other one: of the medians, and the median of the per-round ratios.
"""
import statistics
import subprocess
import sys
import time


def parse(argv):
    rounds = int(argv[1])
    groups, cur = [], None
    for a in argv[2:]:
        if a == "--":
            cur = []
            groups.append(cur)
        else:
            cur.append(a)
    if not groups or any(len(g) != 3 for g in groups):
        sys.exit(__doc__)
    return rounds, groups


def main():
    rounds, cmds = parse(sys.argv)
    times = {name: [] for name, _, _ in cmds}
    for r in range(1, rounds + 1):
        order = cmds if r % 2 else cmds[::-1]
        line = []
        for name, prepare, command in order:
            if prepare:
                subprocess.run(["sh", "-c", prepare], check=True)
            t0 = time.monotonic()
            p = subprocess.run(["sh", "-c", command], stdout=subprocess.DEVNULL)
            t = time.monotonic() - t0
            if p.returncode != 0:
                sys.exit(f"{name}: exit {p.returncode}: {command}")
            times[name].append(t)
            line.append(f"{name} {t:.3f} s")
        print(f"round {r}: " + ", ".join(line), flush=True)
    first = cmds[0][0]
    for name, _, _ in cmds:
        t = times[name]
        print(f"{name}: median {statistics.median(t):.3f} s, mean {statistics.mean(t):.3f} s"
              f" ({min(t):.3f} .. {max(t):.3f}), {len(t)} runs")
    for name, _, _ in cmds[1:]:
        per_round = [a / b for a, b in zip(times[first], times[name])]
        print(f"{first} / {name}: {statistics.median(times[first]) / statistics.median(times[name]):.3f} of the medians;"
              f" round by round median {statistics.median(per_round):.3f} ({min(per_round):.3f} .. {max(per_round):.3f})")


if __name__ == "__main__":
    main()
