#!/usr/bin/env python3
"""Replays the hole punches of a vmdisk run on a fresh copy, to measure what the host's punches cost alone.

Usage:
  strace -f -e trace=fallocate -o PUNCHES.strace vmdisk compact COPY1.img
  python3 bench/sparse-copy.py BASE.img COPY2.img --cold
  python3 bench/punch-replay.py COPY2.img PUNCHES.strace

Prints the wall time of the punches and of the final fsync. With the host file system mounted with
-o discard, each punch waits for the device to discard what it freed (see bench/RESULTS.md, trim):
that time is the floor of any tool that punches the same ranges.
"""
import ctypes
import os
import re
import sys
import time

FALLOC_FL_KEEP_SIZE = 1
FALLOC_FL_PUNCH_HOLE = 2

image, trace = sys.argv[1], sys.argv[2]
ranges = [(int(m.group(1)), int(m.group(2)))
          for m in re.finditer(r"PUNCH_HOLE, (\d+), (\d+)\)", open(trace).read())]
libc = ctypes.CDLL(None, use_errno=True)
libc.fallocate.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.c_long, ctypes.c_long]
fd = os.open(image, os.O_RDWR)
start = time.monotonic()
for offset, length in ranges:
    if libc.fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, offset, length) != 0:
        raise SystemExit(f"fallocate at {offset}: {os.strerror(ctypes.get_errno())}")
punched = time.monotonic()
os.fsync(fd)
os.close(fd)
print(f"{len(ranges)} punches: {punched - start:.3f} s, fsync {time.monotonic() - punched:.3f} s")
