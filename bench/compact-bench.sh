#!/usr/bin/env bash
# Times `vmdisk compact --zeros-only` against `fallocate --dig-holes` on identical copies of a
# 4.5 GiB image (random data, allocated zero runs, holes), side by side, with a cold and a warm
# page cache, then checks both copies have the same content and compares what each left allocated.
#
# Usage: bench/compact-bench.sh [WORKDIR] [RUNS] [MIXED_RUN]   (needs hyperfine, python3, fallocate; ~10 GB free)
# MIXED_RUN is make-image.py's zero/data run length in its mixed MiBs: 4096 (default, ~60k punches)
# or 262144 (long runs, as zeroed guest free space has).
# Cold: the copy's pages are dropped with posix_fadvise(DONTNEED) after it is written and synced
# (no root needed). Warm: the freshly written, synced copy is still in the page cache.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
runs=${2:-3}
mixed=${3:-4096}
jar="$here/../cli/target/vmdisk.jar"
mkdir -p "$work"
[ -f "$jar" ] || (cd "$here/.." && mvn -B -q -DskipTests package)
[ -f "$work/base.img" ] || python3 "$here/make-image.py" "$work/base.img" 4.5 "$mixed"
sync

for cache in cold warm; do
  flag=""
  [ "$cache" = cold ] && flag="--cold"
  hyperfine --runs "$runs" --export-markdown "$work/$cache.md" \
    --prepare "python3 $here/sparse-copy.py $work/base.img $work/vmdisk.img $flag" \
    -n "vmdisk compact --zeros-only ($cache)" "java -jar $jar compact --zeros-only $work/vmdisk.img" \
    --prepare "python3 $here/sparse-copy.py $work/base.img $work/fallocate.img $flag" \
    -n "fallocate --dig-holes ($cache)" "fallocate --dig-holes $work/fallocate.img"
done

echo
echo "allocated after (KiB, du): vmdisk $(du -k "$work/vmdisk.img" | cut -f1), fallocate $(du -k "$work/fallocate.img" | cut -f1), before $(du -k "$work/base.img" | cut -f1)"
cmp "$work/base.img" "$work/vmdisk.img" && echo "vmdisk copy: same content as the original"
cmp "$work/base.img" "$work/fallocate.img" && echo "fallocate copy: same content as the original"
