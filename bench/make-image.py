#!/usr/bin/env python3
"""Writes a sparse raw image for compaction benchmarks: random data, zero runs and holes.

Usage: make-image.py PATH [SIZE_GIB] [MIXED_RUN]   (default 4.5 GiB, 4096)

Per MiB, by a fixed seed: 50% random data, 20% zeros written out (allocated), 10% alternating
MIXED_RUN-byte zero and data runs, 20% left as a hole. Deterministic, so runs are comparable.
MIXED_RUN 4096 (the default) is the worst case for hole punching: one punch per 8 KiB of those MiBs,
about 60,000 punches in all; 262144 gives zero runs as zeroed free space in a guest tends to have.
"""
import os
import random
import sys

MIB = 1 << 20
path = sys.argv[1]
size = int(float(sys.argv[2] if len(sys.argv) > 2 else "4.5") * (1 << 30))
rng = random.Random(20240601)
pool = os.urandom(64 * MIB)  # random bytes reused at shifting offsets: fast, incompressible enough
zero = bytes(MIB)
run = int(sys.argv[3]) if len(sys.argv) > 3 else 4096
mixed = b"".join((bytes(run) if i % 2 == 0 else pool[i * run:(i + 1) * run]) for i in range(MIB // run))

with open(path, "wb") as f:
    f.truncate(0)
    for i in range(size // MIB):
        kind = rng.random()
        if kind < 0.5:
            off = rng.randrange(0, len(pool) - MIB)
            f.seek(i * MIB)
            f.write(pool[off:off + MIB])
        elif kind < 0.7:
            f.seek(i * MIB)
            f.write(zero)
        elif kind < 0.8:
            f.seek(i * MIB)
            f.write(mixed)
        # else: a hole
    f.truncate(size)
