#!/usr/bin/env bash
# Builds the realistic guest the benches run on beside their synthetic images: a debootstrap Debian
# minbase root in a 4 GiB ext4 image, then what an agent sandbox does to it through a loop mount:
# session directories, package and browser caches and a systemd journal written, most of them deleted
# again. The host file keeps every block the guest wrote (about 1.7 GB allocated), as an image that was
# never compacted does; its zstd base is made from the image right after the install, as a vendor's is.
#
# Usage (as root: debootstrap and the loop mount need it):
#   bench/make-debian-guest.sh WORKDIR     -> WORKDIR/guest.img, WORKDIR/guest-base.img.zst
# Needs debootstrap, e2fsprogs, zstd, util-linux (mount -o loop), and Debian's package mirror.
set -euo pipefail
work=${1:?usage: make-debian-guest.sh WORKDIR}
mirror=${MIRROR:-http://deb.debian.org/debian}
mkdir -p "$work"
cd "$work"
if [ ! -d root/usr ]; then
  rm -rf root
  debootstrap --variant=minbase bookworm root "$mirror" >debootstrap.log 2>&1
fi
rm -f guest.img
truncate -s 4G guest.img
mkfs.ext4 -q -F -L rootfs guest.img
mkdir -p mnt
mount -o loop guest.img mnt
trap 'umount mnt 2>/dev/null || true' EXIT
cp -a root/. mnt/
sync
umount mnt
zstd -q -T0 -f guest.img -o guest-base.img.zst
mount -o loop guest.img mnt
# An agent sandbox's churn, fixed by a seed-free recipe: sizes and counts, random (incompressible) bytes.
rand() { head -c "$1" /dev/urandom; }
mkdir -p mnt/sessions mnt/var/tmp/.pw-browsers mnt/var/cache/apt/archives mnt/var/log/journal/0
for s in $(seq 1 40); do
  d=mnt/sessions/session-$s
  mkdir -p "$d/build" "$d/node_modules/pkg"
  for f in $(seq 1 30); do rand $((64 * 1024)) >"$d/node_modules/pkg/f$f.js"; done  # many small files
  rand $((8 * 1024 * 1024)) >"$d/build/build.out"                                 # a few big ones
  rand $((2 * 1024 * 1024)) >"$d/transcript.jsonl"
done
for b in 1 2; do rand $((200 * 1024 * 1024)) >mnt/var/tmp/.pw-browsers/chromium-$b.tar; done
for p in $(seq 1 60); do rand $((2 * 1024 * 1024)) >mnt/var/cache/apt/archives/pkg$p.deb; done
for j in $(seq 1 8); do rand $((16 * 1024 * 1024)) >mnt/var/log/journal/0/system@$j.journal; done
sync
# Most of it goes again, as sessions end and caches are cleaned; a fifth of the sessions stay.
for s in $(seq 1 40); do [ $((s % 5)) = 0 ] || rm -rf mnt/sessions/session-$s; done
rm -f mnt/var/tmp/.pw-browsers/chromium-1.tar mnt/var/cache/apt/archives/*.deb
rm -f mnt/var/log/journal/0/system@[1-6].journal
sync
umount mnt
trap - EXIT
e2fsck -fn guest.img >/dev/null
echo "guest.img: $(du -B1 guest.img | cut -f1) bytes allocated of $(stat -c %s guest.img); base $(stat -c %s guest-base.img.zst) bytes"
