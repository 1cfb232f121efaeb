package dev.vmdisk.io.reset;

import dev.vmdisk.io.binary.Le;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Locale;

/** What a base image is, told from its first bytes, never from its name. */
public enum BaseFormat {
    ZSTD("zstd", ".zst"),
    XZ("xz", ".xz"),
    GZIP("gzip", ".gz"),
    BZIP2("bzip2", ".bz2"),
    LZ4("lz4", ".lz4"),
    /** Not compressed: the image's bytes as they are. */
    RAW("raw", "");

    /** {@code 28 B5 2F FD}, RFC 8878 Magic_Number. */
    static final long ZSTD_MAGIC = 0xFD2F_B528L;
    /** Skippable frames (zstd and lz4 share them): {@code 0x184D2A50..0x184D2A5F}. */
    static final long SKIPPABLE_MAGIC = 0x184D_2A50L;
    static final long SKIPPABLE_MASK = 0xFFFF_FFF0L;
    /** LZ4 frame format magic {@code 04 22 4D 18}. */
    static final long LZ4_MAGIC = 0x184D_2204L;
    /** {@code FD 37 7A 58 5A 00}: the xz stream header magic. */
    private static final byte[] XZ_MAGIC = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    /** Skippable frame header: magic, then {@code Frame_Size} (u32) of the user data after it. */
    static final int SKIPPABLE_HEADER = 8;
    private static final int SKIPPABLE_SIZE = 4;

    private final String word;
    private final String extension;

    BaseFormat(String word, String extension) {
        this.word = word;
        this.extension = extension;
    }

    /** The lower-case name used in output: "zstd", "xz", "gzip", "bzip2", "lz4", "raw". */
    public String word() {
        return word;
    }

    /** The file name ending of a base in this format ({@code ".zst"}), or "" for RAW. */
    public String extension() {
        return extension;
    }

    /**
     * The format of the file at {@code path}, told from its first bytes as {@code vmdisk reset} tells it;
     * for {@code vmdisk status}, which shows a base without decompressing it.
     */
    public static BaseFormat detect(Path path) throws IOException {
        try (BaseReader base = BaseReader.open(path)) {
            return sniff(base);
        }
    }

    /**
     * Sniffs the format from the base's bytes. Skippable frames at the start are stepped over, since
     * zstd and lz4 both use them; anything without a known magic is a raw image.
     */
    static BaseFormat sniff(BaseReader base) throws IOException {
        long at = 0;
        long size = base.size();
        while (size - at >= SKIPPABLE_HEADER) {
            ByteBuffer head = base.read(at, SKIPPABLE_HEADER);
            if ((Le.u32(head, 0) & SKIPPABLE_MASK) != SKIPPABLE_MAGIC) {
                break;
            }
            at += SKIPPABLE_HEADER + Le.u32(head, SKIPPABLE_SIZE);
        }
        if (at >= size) {
            return at == 0 ? RAW : ZSTD; // only skippable frames: zstd's reader gives the (empty) answer
        }
        return sniff(base.read(at, (int) Math.min(8, size - at)));
    }

    /** The format of data starting with {@code head} (up to 8 bytes, little-endian reads at 0). */
    static BaseFormat sniff(ByteBuffer head) {
        int n = head.remaining();
        if (n >= 4) {
            long magic = Le.u32(head, 0);
            if (magic == ZSTD_MAGIC) {
                return ZSTD;
            }
            if (magic == LZ4_MAGIC) {
                return LZ4;
            }
        }
        if (n >= XZ_MAGIC.length && startsWith(head, XZ_MAGIC)) {
            return XZ;
        }
        // gzip: ID1 ID2 and CM = 8 (deflate), the only method gzip defines.
        if (n >= 3 && Le.u8(head, 0) == 0x1F && Le.u8(head, 1) == 0x8B && Le.u8(head, 2) == 8) {
            return GZIP;
        }
        // bzip2: "BZh" and the block size digit 1..9.
        if (n >= 4 && Le.u8(head, 0) == 'B' && Le.u8(head, 1) == 'Z' && Le.u8(head, 2) == 'h'
                && Le.u8(head, 3) >= '1' && Le.u8(head, 3) <= '9') {
            return BZIP2;
        }
        return RAW;
    }

    /** The compressed format a file name claims ({@code rootfs.img.zst} → ZSTD), or RAW for any other name. */
    public static BaseFormat claimedByName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        for (BaseFormat f : values()) {
            if (f != RAW && lower.endsWith(f.extension)) {
                return f;
            }
        }
        if (lower.endsWith(".zstd")) {
            return ZSTD;
        }
        return RAW;
    }

    private static boolean startsWith(ByteBuffer head, byte[] magic) {
        for (int i = 0; i < magic.length; i++) {
            if (head.get(i) != magic[i]) {
                return false;
            }
        }
        return true;
    }
}
