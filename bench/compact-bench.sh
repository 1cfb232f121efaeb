#!/usr/bin/env bash
# Times `vmdisk compact --zeros-only` against `fallocate --dig-holes` on identical copies of one image,
# in alternating rounds (bench/rounds.py), with a cold and then a warm page cache; prints medians and the
# ratio, then checks both copies kept the content and compares what each left allocated.
#
# Usage: bench/compact-bench.sh [WORKDIR] [ROUNDS] [MIXED_RUN]     (needs python3, fallocate; ~10 GB free)
#   GUEST=DIR   the realistic guest of bench/make-debian-guest.sh DIR (DIR/guest.img) instead of the synthetic image
#   IMAGE=FILE  any image instead
# The synthetic image (make-image.py): 4.5 GiB apparent, per MiB 50% random data, 20% written zeros, 10%
# alternating zero/data runs of MIXED_RUN bytes (4096 by default, ~60k punches; 262144 for long runs, as
# zeroed guest free space has), 20% holes.
# Each run gets a fresh copy (sparse-copy.py: holes stay holes, zero blocks stay allocated), synced, then
# SETTLE seconds (2) of quiet. Cold: the copy's pages dropped (posix_fadvise DONTNEED, no root needed).
# Warm: the freshly written copy still cached. Start-up is included: vmdisk runs through ./vmdisk.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${1:-$(mktemp -d)}
rounds=${2:-5}
mixed=${3:-4096}
settle=${SETTLE:-2}
mkdir -p "$work"
[ -f "$here/../cli/target/vmdisk.jar" ] || (cd "$here/.." && mvn -B -q -DskipTests package)
base=${IMAGE:-}
[ -z "${GUEST:-}" ] || base="$GUEST/guest.img"
if [ -z "$base" ]; then
  base="$work/base.img"
  [ -f "$base" ] || python3 "$here/make-image.py" "$base" 4.5 "$mixed"
fi
sync
echo "image: $base, $(du -B1 "$base" | cut -f1) bytes allocated of $(stat -c %s "$base")"

for cache in cold warm; do
  flag=""
  [ "$cache" = cold ] && flag="--cold"
  echo "== $cache page cache"
  python3 "$here/rounds.py" "$rounds" \
    -- "vmdisk compact --zeros-only" "python3 $here/sparse-copy.py $base $work/vmdisk.img $flag && sync && sleep $settle" \
       "$here/../vmdisk compact --zeros-only -q $work/vmdisk.img" \
    -- "fallocate --dig-holes" "python3 $here/sparse-copy.py $base $work/fallocate.img $flag && sync && sleep $settle" \
       "fallocate --dig-holes $work/fallocate.img"
done

sync
echo
echo "allocated after (du -B1): vmdisk $(du -B1 "$work/vmdisk.img" | cut -f1), fallocate $(du -B1 "$work/fallocate.img" | cut -f1), before $(du -B1 "$base" | cut -f1)"
cmp "$base" "$work/vmdisk.img" && echo "vmdisk copy: same content as the original"
cmp "$base" "$work/fallocate.img" && echo "fallocate copy: same content as the original"
