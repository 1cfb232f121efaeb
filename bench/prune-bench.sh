#!/usr/bin/env bash
# Times `vmdisk prune` against doing the same by hand as root (loop mount, rm -rf of the same stale
# session directories, fstrim, umount) on identical copies of one session disk, in alternating rounds,
# and compares what each leaves allocated on the host (du -B1) and free in the guest (dumpe2fs).
#
# Usage: sudo bench/prune-bench.sh [WORKDIR] [RUNS] [SESSIONS]
# Needs root (the loop mount), python3, mke2fs and dumpe2fs (e2fsprogs), mount, fstrim, du; ~3 GB free.
# The base image (4 GiB, whole-disk ext4 like sessiondata.img): mke2fs -t ext4 -d over SESSIONS (default
# 300) session directories, each a hard-linked copy of a slice of /usr/share (some MiB of small and large
# files), two in three made 40 to 400 days old with touch -d (mke2fs -d keeps the host's times), the
# rest a few days old, and every inode's ctime set to its mtime with debugfs. Each run starts from a fresh sparse copy (cp --sparse=always), caches dropped.
# The by-hand removal is given the names vmdisk prune --dry-run --json chose, so both remove the same.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
runs=${2:-3}
sessions=${3:-300}
jar="$here/../cli/target/vmdisk.jar"
[ "$(id -u)" = 0 ] || { echo "prune-bench: run as root (the by-hand side loop-mounts the image)" >&2; exit 2; }
mkdir -p "$work"
[ -f "$jar" ] || (cd "$here/.." && mvn -B -q -DskipTests package)

base="$work/base.img"
if [ ! -f "$base" ]; then
  stage="$work/stage"
  rm -rf "$stage" && mkdir -p "$stage"
  mapfile -t dirs < <(find /usr/share -mindepth 1 -maxdepth 1 -type d | sort)
  for i in $(seq 0 $((sessions - 1))); do
    s="$stage/session-$i"
    mkdir -p "$s"
    src=${dirs[$((i % ${#dirs[@]}))]}
    cp -al "$src" "$s/data" 2>/dev/null || cp -a "$src" "$s/data" 2>/dev/null || true
    echo "session $i" >"$s/transcript.txt"
    if [ $((i % 3)) != 0 ]; then
      find "$s" -exec touch -h -d "$((40 + i % 360)) days ago" {} +
    else
      find "$s" -exec touch -h -d "$((i % 7)) days ago" {} +
    fi
  done
  mke2fs -q -F -t ext4 -L sessions -d "$stage" "$base" 4G
  # mke2fs -d copies the host's ctime, which touch cannot set back: give every inode its mtime as ctime,
  # as a guest's own old files have (debugfs set_inode_field, one session of commands).
  (cd "$stage" && find . -mindepth 1 -printf '%P\t%T@\n') \
    | awk -F'\t' '{ split($2, t, "."); print "sif \"/" $1 "\" ctime @" t[1] }' >"$work/ctime.cmds"
  debugfs -w -f "$work/ctime.cmds" "$base" >/dev/null 2>&1
  rm -rf "$stage"
  e2fsck -fn "$base" >/dev/null
fi
sync
echo "base: $(du -B1 "$base" | cut -f1) bytes allocated of $(stat -c %s "$base"); $(dumpe2fs -h "$base" 2>/dev/null | grep -E '^(Block count|Free blocks|Block size)' | tr -s ' ' | paste -sd ';')"

# The stale names, as prune judges them; the by-hand side removes exactly these.
cp --sparse=always "$base" "$work/plan.img"
java -jar "$jar" prune --dry-run --json "$work/plan.img" \
  | python3 -c 'import json,sys; [print(e["name"]) for e in json.load(sys.stdin)["removed"]]' >"$work/stale.txt"
rm -f "$work/plan.img"
echo "stale sessions: $(wc -l <"$work/stale.txt") of $sessions"

mnt="$work/mnt"
mkdir -p "$mnt"
by_hand() {
  mount -o loop "$1" "$mnt"
  (cd "$mnt" && xargs -d '\n' rm -rf -- <"$work/stale.txt")
  fstrim "$mnt"
  umount "$mnt"
}

: >"$work/rounds.tsv"
for round in $(seq 1 "$runs"); do
  order="vmdisk hand"
  [ $((round % 2)) = 0 ] && order="hand vmdisk"
  for who in $order; do
    img="$work/$who.img"
    rm -f "$img" && cp --sparse=always "$base" "$img" && sync && echo 3 >/proc/sys/vm/drop_caches
    t0=$(date +%s.%N)
    if [ "$who" = vmdisk ]; then
      "$here/../vmdisk" prune "$img" >"$work/vmdisk.out"
    else
      by_hand "$img"
    fi
    t1=$(date +%s.%N)
    free=$(dumpe2fs -h "$img" 2>/dev/null | awk -F: '/^Free blocks/ {gsub(/ /, "", $2); print $2}')
    printf '%s\t%s\t%s\t%s\t%s\n' "$round" "$who" "$(echo "$t1 - $t0" | bc)" "$(du -B1 "$img" | cut -f1)" "$free" >>"$work/rounds.tsv"
    e2fsck -fn "$img" >/dev/null || { echo "prune-bench: e2fsck -fn failed after $who" >&2; exit 1; }
  done
done
python3 - "$work/rounds.tsv" <<'PY'
import statistics, sys
t, alloc, free = {"vmdisk": {}, "hand": {}}, {}, {}
for line in open(sys.argv[1]):
    r, who, sec, du, fb = line.split()
    t[who][int(r)] = float(sec)
    alloc[who], free[who] = int(du), int(fb)
rounds = sorted(t["vmdisk"])
ratios = [t["vmdisk"][r] / t["hand"][r] for r in rounds]
for r, q in zip(rounds, ratios):
    print(f"round {r}: vmdisk prune {t['vmdisk'][r]:.3f} s, mount + rm -rf + fstrim + umount {t['hand'][r]:.3f} s, ratio {q:.3f}")
v, h = list(t["vmdisk"].values()), list(t["hand"].values())
print(f"vmdisk prune: mean {statistics.mean(v):.3f} s; by hand: mean {statistics.mean(h):.3f} s; "
      f"ratio of the means {statistics.mean(v) / statistics.mean(h):.3f}, round by round median {statistics.median(ratios):.3f}")
print(f"left allocated on the host: vmdisk {alloc['vmdisk']} bytes, by hand {alloc['hand']} bytes; "
      f"free guest blocks: vmdisk {free['vmdisk']}, by hand {free['hand']}")
PY
