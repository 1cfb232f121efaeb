#!/usr/bin/env bash
# C1 alone (what ./vmdisk runs) against the JVM's default tiered C1 + C2, command by command, with
# hyperfine: the trim survey and scan (compact --dry-run of the trim bench's image, cold), du of the same
# image and of a larger one (every file of /usr), a zero scan of a cold 1.5 GiB mixed image, and a reset
# of a 2 GiB zstd base. C2 is turned back on with VMDISK_JAVA_OPTS=-XX:TieredStopAtLevel=4.
#
# Usage: bench/jit-bench.sh WORKDIR [RUNS]   (needs hyperfine, python3, mke2fs, zstd; ~12 GB free)
# Reuses WORKDIR/base.img of bench/trim-bench.sh (made here when missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: bench/jit-bench.sh WORKDIR [RUNS]}
runs=${2:-8}
vmdisk="$here/../vmdisk"
c2="VMDISK_JAVA_OPTS=-XX:TieredStopAtLevel=4"
mkdir -p "$work"
[ -f "$work/base.img" ] || BASE_ONLY=1 bash "$here/trim-bench.sh" "$work"
[ -f "$work/trim.img" ] || python3 "$here/sparse-copy.py" "$work/base.img" "$work/trim.img"
if [ ! -f "$work/usr.img" ]; then
  rm -rf "$work/usr-stage" && mkdir -p "$work/usr-stage"
  cp -al /usr "$work/usr-stage/usr" 2>/dev/null || cp -a /usr "$work/usr-stage/usr"
  mke2fs -q -F -t ext4 -d "$work/usr-stage" "$work/usr.img" 8G
  rm -rf "$work/usr-stage"
fi
[ -f "$work/mixed.img" ] || python3 "$here/make-image.py" "$work/mixed.img" 1.5 4096 >/dev/null
if [ ! -f "$work/rootfs.img.zst" ]; then
  mke2fs -q -F -t ext4 -d /usr/lib/jvm "$work/golden.img" 2048M
  zstd -q -f -o "$work/rootfs.img.zst" "$work/golden.img"
  rm -f "$work/golden.img"
fi
drop="python3 -c 'import os,sys; fd=os.open(sys.argv[1], os.O_RDONLY); os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_DONTNEED)'"

bench() { # FILE NAME PREPARE COMMAND: one table per command, WORKDIR/jit-FILE.md
  hyperfine --warmup 1 --runs "$runs" --export-markdown "$work/jit-$1.md" --prepare "$3" \
    -n "$2, C1 (./vmdisk)" "$4" -n "$2, C1 + C2" "$c2 $4"
}
bench trim "trim dry run, cold" "$drop $work/trim.img" "$vmdisk compact --dry-run $work/trim.img"
bench du "du, trim image" "true" "$vmdisk du $work/trim.img"
bench du-usr "du, all of /usr" "true" "$vmdisk du $work/usr.img"
bench zeros "zero scan, cold" "$drop $work/mixed.img" "$vmdisk compact --dry-run --zeros-only $work/mixed.img"
bench reset "reset, 2 GiB base" "rm -f $work/rootfs.img" "$vmdisk reset $work/rootfs.img"
