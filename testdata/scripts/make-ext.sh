#!/bin/sh
# Makes the ext2/3/4 fixture images the ext4 reader is tested against, gzip-compressed into
# src/main/resources/fixtures/NAME.gz, and records each image's SHA-256 in fixtures-ext.sha256.
# Needs e2fsprogs (mke2fs, debugfs, e2fsck) and gzip. Run from anywhere: sh testdata/scripts/make-ext.sh
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
out="$here/src/main/resources/fixtures"
sums="$here/fixtures-ext.sha256"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

export E2FSPROGS_FAKE_TIME=1700000000
# The distribution's mke2fs.conf must not change the result: use this one.
export MKE2FS_CONFIG="$work/mke2fs.conf"
cat > "$MKE2FS_CONFIG" <<'CONF'
[defaults]
	base_features = sparse_super,large_file,filetype,resize_inode,dir_index,ext_attr
	blocksize = 4096
	inode_size = 256
	inode_ratio = 16384
[fs_types]
	small = {
		inode_ratio = 4096
	}
	ext2 = {
		features = ^has_journal
	}
	ext3 = {
		features = has_journal
	}
	ext4 = {
		features = has_journal,extent,huge_file,flex_bg,dir_nlink,extra_isize
	}
CONF
uuid=5a1e0000-0000-4000-8000-00000000e4e4

# content: NAME KIB writes a file of KIB KiB of non-zero, compressible text.
content() {
    awk -v n="$2" -v tag="$1" 'BEGIN { line = sprintf("%-63s\n", tag); for (i = 0; i < n * 16; i++) printf "%s", line }' > "$1"
}

# tree DIR: the directory tree every image starts from.
tree() {
    mkdir -p "$1/etc" "$1/home/user/docs" "$1/var/log" "$1/empty"
    (cd "$1" && content etc/hostname 1 && content home/user/docs/report.txt 40 \
        && content home/user/big.bin 1200 && content var/log/syslog 300 \
        && content home/user/small.txt 3 && ln -s docs/report.txt home/user/link \
        && ln home/user/small.txt home/user/hardlink.txt \
        && echo vmdisk > etc/motd && head -c 100 etc/hostname > etc/issue \
        && content home/user/deleteme.bin 500 && content var/log/old.log 200)
}

# finish IMG: deletes some files (their blocks become free but keep their bytes) and checks the result.
finish() {
    debugfs -w -R "rm /home/user/deleteme.bin" "$1" >/dev/null 2>&1
    debugfs -w -R "rm /var/log/old.log" "$1" >/dev/null 2>&1
    e2fsck -fn "$1" >/dev/null 2>&1 || { echo "e2fsck found errors in $1" >&2; exit 1; }
}

make() {  # make NAME SIZE MKE2FS-ARGS...
    name=$1 size=$2
    shift 2
    img="$work/$name"
    rm -rf "$work/root" && mkdir "$work/root" && tree "$work/root"
    truncate -s "$size" "$img"
    mke2fs -q -F -U "$uuid" -E hash_seed="$uuid" -L "$name" -d "$work/root" "$@" "$img"
}

make ext2-1k.img 8M -t ext2 -b 1024 -I 128 -O ^resize_inode
finish "$work/ext2-1k.img"

make ext3-1k.img 8M -t ext3 -b 1024 -I 256 -J size=1
finish "$work/ext3-1k.img"

make ext4-4k.img 32M -t ext4 -b 4096 -I 256 -O 64bit,metadata_csum -J size=4 -G 4 -g 2048
finish "$work/ext4-4k.img"

# A directory with enough entries to need an htree index (e2fsck -D builds it).
make ext4-htree.img 8M -t ext4 -b 1024 -I 256 -O metadata_csum -J size=1
mkdir "$work/many"
i=0
while [ $i -lt 300 ]; do echo "$i" > "$work/many/file-with-a-long-name-$i"; i=$((i + 1)); done
debugfs -w -R "mkdir /many" "$work/ext4-htree.img" >/dev/null 2>&1
{ i=0; while [ $i -lt 300 ]; do echo "write $work/many/file-with-a-long-name-$i /many/file-with-a-long-name-$i"; i=$((i + 1)); done; } \
    > "$work/cmds"
debugfs -w -f "$work/cmds" "$work/ext4-htree.img" >/dev/null 2>&1
e2fsck -fyD "$work/ext4-htree.img" >/dev/null 2>&1 || [ $? -le 1 ]
finish "$work/ext4-htree.img"

make ext4-inline.img 32M -t ext4 -b 4096 -I 256 -O inline_data,metadata_csum -J size=4
finish "$work/ext4-inline.img"

: > "$sums"
for name in ext2-1k.img ext3-1k.img ext4-4k.img ext4-htree.img ext4-inline.img; do
    (cd "$work" && sha256sum "$name") >> "$sums"
    gzip -9 -n -c "$work/$name" > "$out/$name.gz"
done
cat "$sums"
ls -l "$out"
