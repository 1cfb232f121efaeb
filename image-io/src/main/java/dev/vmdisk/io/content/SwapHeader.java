package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * A Linux swap area: "SWAPSPACE2" in the last 10 bytes of the first page, the header at byte 1024
 * (linux/swap.h {@code union swap_header}). The page size is the writer's: 4 KiB on x86, up to 64 KiB on arm64.
 *
 * @param pageSize the page size whose last bytes hold the magic
 * @param lastPage {@code info.last_page}
 * @param uuid     {@code info.sws_uuid}
 * @param label    {@code info.sws_volume}
 */
record SwapHeader(int pageSize, long lastPage, String uuid, String label) {
    static final int[] PAGE_SIZES = {4096, 8192, 16384, 65536};
    static final byte[] MAGIC = "SWAPSPACE2".getBytes(StandardCharsets.US_ASCII);
    static final int INFO = 1024;
    static final int LAST_PAGE = INFO + 0x4;
    static final int UUID = INFO + 0xC;
    static final int VOLUME = INFO + 0x1C;

    /** The page size at whose end the magic sits, or 0. */
    static int pageSize(ByteBuffer head) {
        for (int size : PAGE_SIZES) {
            if (head.limit() >= size && Bytes.equalAt(head, size - MAGIC.length, MAGIC)) {
                return size;
            }
        }
        return 0;
    }

    static SwapHeader parse(ByteBuffer head, int pageSize) {
        return new SwapHeader(pageSize, Le.u32(head, LAST_PAGE), Text.uuid(head, UUID),
                Text.label(head, VOLUME, 16, StandardCharsets.UTF_8));
    }

    Found found() {
        long size = Found.bytes(lastPage + 1, pageSize);
        return new Found(ContentKind.SWAP, new ContentFacts.Swap(size, pageSize), size, label, uuid);
    }
}
