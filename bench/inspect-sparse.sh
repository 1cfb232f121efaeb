#!/usr/bin/env bash
# inspect must cost what the image holds, not what it claims: time `vmdisk inspect` on a 1 GiB and a
# 100 GiB sparse image holding the same 64 MiB of data, side by side (hyperfine), with `du` for scale.
# Usage: bench/inspect-sparse.sh WORKDIR [RUNS]
set -euo pipefail
work=${1:?usage: $0 WORKDIR [RUNS]}
runs=${2:-10}
here=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$work"
for size in 1G 100G; do
  img="$work/sparse-$size.img"
  rm -f "$img"
  truncate -s "$size" "$img"
  # 64 MiB of random data in 16 runs spread over the first GiB, the same in both images
  for i in $(seq 0 15); do
    dd if=/dev/urandom of="$img" bs=1M count=4 seek=$((i * 60)) conv=notrunc status=none
  done
done
(cd "$here" && ./vmdisk --version >/dev/null) # build once, outside the timing
hyperfine --warmup 2 --runs "$runs" \
  "$here/vmdisk inspect $work/sparse-1G.img" \
  "$here/vmdisk inspect $work/sparse-100G.img" \
  "du -B1 $work/sparse-100G.img"
