#!/usr/bin/env bash
# Makes the partitioned-disk fixtures with public tools, byte for byte reproducibly:
#   gpt-efi-ext4.img  8 MiB GPT disk: 1 "EFI System" FAT partition, 1 "Linux filesystem" ext4 partition
#   mbr-ext2.img      4 MiB MBR disk: 1 "Linux" (0x83) ext2 partition
#   bare-ext4.img     4 MiB ext4 file system, no partition table
# Needs sfdisk (util-linux, Debian package fdisk), mke2fs (e2fsprogs), mkfs.vfat (dosfstools), gzip.
# Usage: make-partitioned.sh [OUTDIR]   (default: the fixtures directory next to this script)
# Writes OUTDIR/NAME.gz and prints "SHA256  NAME" of each uncompressed image, the format of
# testdata/fixtures-partitioned.sha256.
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../src/main/resources/fixtures}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# Fixed times and ids: the same tools give the same bytes.
export E2FSPROGS_FAKE_TIME=1700000000
export SOURCE_DATE_EPOCH=1700000000
export LC_ALL=C TZ=UTC
# mke2fs keeps only its last -E, so each call passes all extended options in one.
ext_opts="hash_seed=3b6c3b0e-8a2a-4b1c-9d3e-5f0a1b2c3d4e,lazy_itable_init=0,lazy_journal_init=0"

# GPT: partition 1 at 1 MiB (2 MiB, EFI System), partition 2 at 3 MiB (4 MiB, Linux filesystem),
# the backup header in the last sector of the 8 MiB disk.
gpt="$work/gpt-efi-ext4.img"
truncate -s 8M "$gpt"
sfdisk -q --no-reread --no-tell-kernel "$gpt" <<'TABLE'
label: gpt
label-id: 6A1B2C3D-4E5F-4A6B-8C7D-9E0F1A2B3C4D
unit: sectors
first-lba: 2048
start=2048, size=4096, type=C12A7328-F81F-11D2-BA4B-00A0C93EC93B, uuid=11111111-2222-4333-8444-555555555555, name="EFI System"
start=6144, size=8192, type=0FC63DAF-8483-4772-8E79-3D69D8477DE4, uuid=AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE, name="root"
TABLE
# mkfs.vfat warns that the file holds more than the partition; the count given is what it uses.
mkfs.vfat --invariant -i 12345678 -n EFI --offset=2048 "$gpt" $((4096 / 2)) >/dev/null 2>&1
mke2fs -q -F -t ext4 -b 1024 -L gptroot -U 0b1e7a55-0000-4000-8000-00000000e4e4 \
  -E "$ext_opts,offset=$((6144 * 512))" "$gpt" $((8192 / 2))

# MBR: one Linux partition from 1 MiB to the end of the 4 MiB disk.
mbr="$work/mbr-ext2.img"
truncate -s 4M "$mbr"
sfdisk -q --no-reread --no-tell-kernel "$mbr" <<'TABLE'
label: dos
label-id: 0x1234abcd
unit: sectors
start=2048, size=6144, type=83
TABLE
mke2fs -q -F -t ext2 -b 1024 -L mbrdata -U 0b1e7a55-0000-4000-8000-00000000e2e2 \
  -E "$ext_opts,offset=$((2048 * 512))" "$mbr" $((6144 / 2))

# A bare ext4 file system filling the whole 4 MiB image.
bare="$work/bare-ext4.img"
truncate -s 4M "$bare"
mke2fs -q -F -t ext4 -b 1024 -L bare -U 0b1e7a55-0000-4000-8000-0000000ba4e4 -E "$ext_opts" "$bare"

mkdir -p "$out"
for img in "$gpt" "$mbr" "$bare"; do
  name="$(basename "$img")"
  gzip -n -9 -c "$img" >"$out/$name.gz"
  echo "$(sha256sum <"$img" | cut -d' ' -f1)  $name"
done
