#!/usr/bin/env python3
"""Writes a sparse raw image for compaction benchmarks: random data, zero runs and holes.

Usage: make-image.py PATH [SIZE_GIB]   (default 4.5 GiB)

Per MiB, by a fixed seed: 50% random data, 20% zeros written out (allocated), 10% alternating
4 KiB zero and data blocks, 20% left as a hole. Deterministic, so runs are comparable.
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
mixed = b"".join((bytes(4096) if i % 2 == 0 else pool[i * 4096:(i + 1) * 4096]) for i in range(256))

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
