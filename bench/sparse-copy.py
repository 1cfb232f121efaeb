#!/usr/bin/env python3
"""Copies a file keeping its holes as holes and its zero-filled data allocated, then syncs it.

Usage: sparse-copy.py SRC DST [--cold]

cp --sparse=always would punch the zero blocks itself and leave nothing to compact. With --cold,
the copy's pages are dropped from the page cache afterwards (posix_fadvise DONTNEED), which needs
no root, unlike /proc/sys/vm/drop_caches.
"""
import os
import sys

src, dst = sys.argv[1], sys.argv[2]
cold = "--cold" in sys.argv[3:]
fi = os.open(src, os.O_RDONLY)
fo = os.open(dst, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
size = os.fstat(fi).st_size
pos = 0
while pos < size:
    try:
        data = os.lseek(fi, pos, os.SEEK_DATA)
    except OSError:
        break  # ENXIO: no more data
    hole = os.lseek(fi, data, os.SEEK_HOLE)
    off = data
    while off < hole:
        n = os.copy_file_range(fi, fo, hole - off, off, off)
        if n <= 0:
            raise SystemExit(f"copy_file_range stopped at {off}")
        off += n
    pos = hole
os.ftruncate(fo, size)
os.fsync(fo)
if cold:
    os.posix_fadvise(fo, 0, 0, os.POSIX_FADV_DONTNEED)
os.close(fo)
os.close(fi)
