#!/usr/bin/env bash
# Times `vmdisk reset` against `zstd -d --sparse` (with and without an fsync of its output) on the
# same >= 2 GiB base, side by side in one hyperfine run, and compares what each allocated.
# Usage: bench/reset-vs-zstd.sh [WORKDIR]   (needs mke2fs, zstd, hyperfine; ~3 GiB free in WORKDIR)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-$(mktemp -d)}
jar="$here/cli/target/vmdisk.jar"
[ -f "$jar" ] || (cd "$here" && mvn -B -q -DskipTests package)
cd "$work"

# The base: a 2 GiB ext4 image holding the JDK (about 560 MiB of data, the rest never written).
if [ ! -f rootfs.img.zst ]; then
  mke2fs -q -t ext4 -d "${BENCH_CONTENT:-/usr/lib/jvm}" golden.img 2048M
  zstd -q -f -o rootfs.img.zst golden.img
  rm -f golden.img
fi
ls -l rootfs.img.zst

hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown results.md \
  --prepare 'rm -f rootfs.img z.img' \
  -n 'vmdisk reset' "$here/vmdisk reset rootfs.img" \
  -n 'zstd -d --sparse' 'zstd -q -d --sparse -o z.img rootfs.img.zst' \
  -n 'zstd -d --sparse + sync' 'zstd -q -d --sparse -o z.img rootfs.img.zst && sync z.img'

java -jar "$jar" reset rootfs.img
zstd -q -d -f --sparse -o z.img rootfs.img.zst
cmp rootfs.img z.img && echo "identical content"
echo "allocated KiB: vmdisk $(du -k rootfs.img | cut -f1), zstd --sparse $(du -k z.img | cut -f1)"
