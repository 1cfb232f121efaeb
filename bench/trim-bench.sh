#!/usr/bin/env bash
# Times `vmdisk compact` (trim the guest's free blocks, then punch zero blocks) against
# `zerofree IMG && fallocate --dig-holes IMG` on identical copies of an ext4 image whose guest deleted
# most of its files, in alternating rounds (bench/rounds.py: medians and ratios), and compares what each leaves
# allocated (du -B1).
# As root, also compares the allocation with the kernel's own trim: loop mount, fstrim, umount, then
# fallocate --dig-holes.
#
# Usage: bench/trim-bench.sh [WORKDIR] [RUNS]
#   GUEST=DIR   the realistic guest of bench/make-debian-guest.sh DIR (DIR/guest.img) instead of the base below
#   IMAGE=FILE  any ext4 image instead
# Needs python3, mke2fs and debugfs (e2fsprogs), zerofree, fallocate; ~10 GB free; strace
# (optional) to measure the punch floor, the time of the same punches replayed alone.
# The base image (3 GiB): mke2fs -t ext4 -d over hard-linked copies of /usr/share and /usr/lib/jvm,
# then debugfs rm of six files in seven, so the host file still holds their bytes, as after a guest's
# deletes. Each run starts from a fresh copy made by sparse-copy.py (holes stay holes, written blocks
# stay allocated) with the copy's pages dropped from the page cache (cold).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
runs=${2:-3}
jar="$here/../cli/target/vmdisk.jar"
mkdir -p "$work"
[ -f "$jar" ] || (cd "$here/.." && mvn -B -q -DskipTests package)

base=${IMAGE:-}
[ -z "${GUEST:-}" ] || base="$GUEST/guest.img"
[ -n "$base" ] || base="$work/base.img"
if [ ! -f "$base" ]; then
  stage="$work/stage"
  rm -rf "$stage" && mkdir -p "$stage"
  cp -al /usr/share "$stage/share" 2>/dev/null || cp -a /usr/share "$stage/share"
  cp -al /usr/lib/jvm "$stage/jvm" 2>/dev/null || cp -a /usr/lib/jvm "$stage/jvm"
  mke2fs -q -F -t ext4 -d "$stage" "$base" 3G
  # Delete six regular files in seven, in one debugfs session.
  (cd "$stage" && find . -type f | awk 'NR % 7 != 0 { sub(/^\./, ""); print "rm \"" $0 "\"" }') >"$work/rm.cmds"
  debugfs -w -f "$work/rm.cmds" "$base" >/dev/null 2>&1
  rm -rf "$stage"
  e2fsck -fn "$base" >/dev/null
fi
sync
[ "${BASE_ONLY:-0}" = 1 ] && exit 0  # only build the base image (e.g. while the machine is busy)
echo "base: $(du -B1 "$base" | cut -f1) bytes allocated of $(stat -c %s "$base"); $(dumpe2fs -h "$base" 2>/dev/null | grep -E '^(Block count|Free blocks|Block size)' | tr -s ' ' | paste -sd ';')"

# Rounds, not one block of runs per command (bench/rounds.py): the host's punch cost drifts over minutes
# (the pair and vmdisk both pay it), so each round times one run of each, alternating which goes first,
# and the ratio is taken round by round as well as of the medians. Each run waits SETTLE seconds (default
# 5) after its copy is made and synced: without it, whichever ran second in a round was slower, as the
# disk was still busy with the first's discards and writes (bench/RESULTS.md, trim, session 3).
settle=${SETTLE:-5}
python3 "$here/rounds.py" "$runs" \
  -- "vmdisk compact" "python3 $here/sparse-copy.py $base $work/vmdisk.img --cold && sync && sleep $settle" \
     "$here/../vmdisk compact -q $work/vmdisk.img" \
  -- "zerofree + fallocate --dig-holes" "python3 $here/sparse-copy.py $base $work/pair.img --cold && sync && sleep $settle" \
     "zerofree $work/pair.img && fallocate --dig-holes $work/pair.img"

sync
echo
echo "allocated after (du -B1): vmdisk $(du -B1 "$work/vmdisk.img" | cut -f1), zerofree + dig-holes $(du -B1 "$work/pair.img" | cut -f1), before $(du -B1 "$base" | cut -f1)"
e2fsck -fn "$work/vmdisk.img" >/dev/null && echo "vmdisk copy: e2fsck -fn clean"

if [ "$(id -u)" = 0 ]; then
  python3 "$here/sparse-copy.py" "$base" "$work/fstrim.img"
  mnt=$(mktemp -d)
  if mount -o loop "$work/fstrim.img" "$mnt"; then
    fstrim "$mnt"
    umount "$mnt"
    fallocate --dig-holes "$work/fstrim.img"
    sync
    echo "allocated after fstrim (loop mount) + fallocate --dig-holes: $(du -B1 "$work/fstrim.img" | cut -f1)"
  else
    echo "no loop mount here: fstrim comparison skipped"
  fi
  rmdir "$mnt"
fi

# The host's share: the same punches vmdisk made, replayed alone on a fresh cold copy (the floor any
# tool punching these ranges pays; on a file system mounted -o discard each punch waits for the device).
if command -v strace >/dev/null; then
  python3 "$here/sparse-copy.py" "$base" "$work/vmdisk.img" --cold
  strace -f -e trace=fallocate -o "$work/punches.strace" "$here/../vmdisk" compact -q "$work/vmdisk.img" >/dev/null 2>&1
  python3 "$here/sparse-copy.py" "$base" "$work/replay.img" --cold
  echo "punch floor (bench/punch-replay.py): $(python3 "$here/punch-replay.py" "$work/replay.img" "$work/punches.strace")"
  rm -f "$work/replay.img"
else
  echo "no strace here: punch floor not measured"
fi
