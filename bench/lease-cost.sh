#!/usr/bin/env bash
# What the write lease and the checks around it cost: `vmdisk compact` (trim) and `vmdisk reset` of the
# same ext4 guest with the current jar and with a jar built from a commit before the lease (OLD_JAR),
# in alternating rounds (one run of each per round, the order swapped every round), cold for compact.
# The old jar also maps its windows through a second, Java-opened descriptor, so the difference is the
# whole of what issue 17 changed on the hot path: the lease, a check before every punch and after every
# window or decompressed buffer, the one-descriptor mapping, and reset's second name around the rename.
#
# Usage: OLD_JAR=/path/to/old/vmdisk.jar bench/lease-cost.sh [WORKDIR] [ROUNDS]
# With GUEST=DIR (made by bench/make-debian-guest.sh DIR) it runs on that realistic guest and its base
# instead of building a 1 GiB one.
# Make OLD_JAR with: git worktree add /tmp/old <commit> && (cd /tmp/old && mvn -B -q -DskipTests package)
# Needs hyperfine, python3, e2fsprogs, zstd; ~4 GB free.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
rounds=${2:-5}
new_jar="$here/../cli/target/vmdisk.jar"
old_jar=${OLD_JAR:?set OLD_JAR to a vmdisk.jar built before the lease}
mkdir -p "$work"
base="$work/base.img"
zst="$work/base.img.zst"
if [ -n "${GUEST:-}" ]; then
  base="$GUEST/guest.img"
  zst="$GUEST/guest-base.img.zst"
elif [ ! -f "$base" ]; then
  stage="$work/stage"
  rm -rf "$stage" && mkdir -p "$stage"
  cp -a /usr/lib/jvm "$stage/jvm"
  cp -a /usr/share/doc "$stage/doc" 2>/dev/null || true
  mke2fs -q -F -t ext4 -d "$stage" "$base" 1G
  (cd "$stage" && find . -type f | awk 'NR % 7 != 0 { sub(/^\./, ""); print "rm \"" $0 "\"" }') >"$work/rm.cmds"
  debugfs -w -f "$work/rm.cmds" "$base" >/dev/null 2>&1
  rm -rf "$stage"
  python3 - "$base" <<'PY'
import sys, os
# every block allocated, as an image never compacted is
p = sys.argv[1]; q = p + ".full"
with open(p, "rb") as a, open(q, "wb") as b:
    while True:
        c = a.read(1 << 22)
        if not c:
            break
        b.write(c)
os.replace(q, p)
PY
  zstd -q -1 -f "$base" -o "$work/base.img.zst"
  e2fsck -fn "$base" >/dev/null
fi
sync
: >"$work/rounds.tsv"
for round in $(seq 1 "$rounds"); do
  order="old new"
  [ $((round % 2)) = 0 ] && order="new old"
  for who in $order; do
    jar=$old_jar
    [ "$who" = new ] && jar=$new_jar
    hyperfine --runs 1 --export-json "$work/c.json" \
      --prepare "python3 $here/sparse-copy.py $base $work/$who.img --cold && sync && sleep 2" \
      "java -XX:TieredStopAtLevel=1 -jar $jar compact -q $work/$who.img" >/dev/null
    c=$(python3 -c "import json;print(json.load(open('$work/c.json'))['results'][0]['mean'])")
    hyperfine --runs 1 --export-json "$work/r.json" \
      --prepare "sync && sleep 1" \
      "java -XX:TieredStopAtLevel=1 -jar $jar reset --from $zst $work/$who.img" >/dev/null
    r=$(python3 -c "import json;print(json.load(open('$work/r.json'))['results'][0]['mean'])")
    printf '%s\t%s\t%s\t%s\n' "$round" "$who" "$c" "$r" | tee -a "$work/rounds.tsv"
  done
done
python3 - "$work/rounds.tsv" <<'PY'
import sys, statistics
rows = [l.split("\t") for l in open(sys.argv[1]).read().split("\n") if l]
for kind, col in (("compact (trim, cold)", 2), ("reset from .zst", 3)):
    old = [float(r[col]) for r in rows if r[1] == "old"]
    new = [float(r[col]) for r in rows if r[1] == "new"]
    print(f"{kind}: old median {statistics.median(old):.3f} s, new median {statistics.median(new):.3f} s,"
          f" new/old {statistics.median(new) / statistics.median(old):.3f}")
PY
