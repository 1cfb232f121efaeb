#!/usr/bin/env bash
# Times `vmdisk reset` against `zstd -d --sparse`, alone and followed by an fsync of its output (the
# durability a reset has before its rename), on the same base, in alternating rounds (bench/rounds.py);
# prints medians and ratios, then compares the content and what each allocated.
#
# Usage: bench/reset-vs-zstd.sh [WORKDIR] [ROUNDS]     (needs zstd, python3, mke2fs; ~5 GiB free in WORKDIR)
#   GUEST=DIR  the realistic guest's base of bench/make-debian-guest.sh DIR (DIR/guest-base.img.zst)
#   BASE=FILE  any zstd base instead
# Without either: a 2 GiB ext4 image holding BENCH_CONTENT (/usr/lib/jvm, about 560 MiB), one zstd frame.
# Before each run the outputs are removed and the disk synced, then SETTLE seconds (1) of quiet.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
rounds=${2:-${RUNS:-5}}
settle=${SETTLE:-1}
[ -f "$here/cli/target/vmdisk.jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
mkdir -p "$work"
cd "$work"
base=${BASE:-}
[ -z "${GUEST:-}" ] || base="$GUEST/guest-base.img.zst"
if [ -z "$base" ]; then
  base="$work/rootfs.img.zst"
  if [ ! -f "$base" ]; then
    mke2fs -q -t ext4 -d "${BENCH_CONTENT:-/usr/lib/jvm}" golden.img 2048M
    zstd -q -f -o "$base" golden.img
    rm -f golden.img
  fi
fi
echo "base: $base, $(stat -c %s "$base") bytes"

clean="rm -f $work/new.img $work/z.img && sync && sleep $settle"
python3 "$here/bench/rounds.py" "$rounds" \
  -- "vmdisk reset" "$clean" "$here/vmdisk reset --from $base $work/new.img" \
  -- "zstd -d --sparse + fsync" "$clean" "zstd -q -d --sparse -o $work/z.img $base && sync $work/z.img" \
  -- "zstd -d --sparse" "$clean" "zstd -q -d --sparse -o $work/z.img $base"

rm -f new.img z.img
"$here/vmdisk" reset --from "$base" new.img >/dev/null
zstd -q -d -f --sparse -o z.img "$base"
sync
cmp new.img z.img && echo "identical content"
echo "allocated KiB: vmdisk $(du -k new.img | cut -f1), zstd --sparse $(du -k z.img | cut -f1)"
