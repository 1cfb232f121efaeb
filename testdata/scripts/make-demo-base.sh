#!/bin/sh
# Makes the base image `vmdisk demo` starts from: a 512 MiB ext4 file system holding a small guest-like
# tree of text files, zstd-compressed into cli/src/main/resources/dev/vmdisk/cli/demo-rootfs.img.zst
# (the demo writes it out as the sample's rootfs.img.zst). Fixed UUID, hash seed and times, except the
# inode change times, which mke2fs -d copies from the files made here.
# Needs e2fsprogs (mke2fs, e2fsck) and zstd. Run from anywhere: sh testdata/scripts/make-demo-base.sh
set -eu
root=$(cd "$(dirname "$0")/../.." && pwd)
out="$root/cli/src/main/resources/dev/vmdisk/cli/demo-rootfs.img.zst"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export E2FSPROGS_FAKE_TIME=1700000000
# The distribution's mke2fs.conf must not change the result: use this one.
export MKE2FS_CONFIG="$work/mke2fs.conf"
cat > "$MKE2FS_CONFIG" <<'CONF'
[defaults]
	base_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr
[fs_types]
	ext4 = {
		features = has_journal,extent,huge_file,flex_bg,dir_nlink,extra_isize,64bit,metadata_csum
	}
CONF

# text PATH KIB: a file of KIB KiB of non-zero, compressible lines naming it.
text() {
    mkdir -p "$(dirname "$1")"
    awk -v n="$2" -v tag="$1" 'BEGIN { line = sprintf("%-63s\n", tag); for (i = 0; i < n * 16; i++) printf "%s", line }' > "$1"
}
tree="$work/tree"
mkdir -p "$tree"
cd "$tree"
text etc/hostname 1
text etc/os-release 1
text usr/lib/agent/runtime.js 3072
text usr/share/doc/agent/README 64
text var/log/journal/system.journal 4096
text home/user/notes.md 16
text sessions/first/transcript.jsonl 2048
text sessions/second/transcript.jsonl 1024
find . -exec touch -h -d @1700000000 {} + # mke2fs -d copies the files' times
cd "$work"

mke2fs -q -F -t ext4 -b 4096 -I 256 -N 8192 \
    -E lazy_itable_init=1,lazy_journal_init=1,hash_seed=5a1e0000-0000-4000-8000-0000000000d1 \
    -U 5a1e0000-0000-4000-8000-0000000000de -L rootfs -d "$tree" demo.img 512M
e2fsck -fn demo.img >/dev/null
zstd -q -19 --rm -f -o "$out" demo.img
ls -l "$out"
