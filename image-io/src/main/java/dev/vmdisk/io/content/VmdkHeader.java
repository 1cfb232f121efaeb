package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A VMDK: a hosted sparse extent starting with "KDMV" ({@code SparseExtentHeader} in VMware's "Virtual
 * Disk Format 1.1"), little-endian, or a text descriptor ("# Disk DescriptorFile") naming its extents.
 *
 * @param sparse      a sparse extent (else a descriptor)
 * @param version     the sparse header's {@code version}, or 0 for a descriptor
 * @param createType  the descriptor's {@code createType} ("monolithicSparse", "twoGbMaxExtentFlat"), or null
 * @param virtualSize the sparse header's {@code capacity}, or the sum of the descriptor's extents, in bytes; -1 when not given
 */
record VmdkHeader(boolean sparse, long version, String createType, long virtualSize) {
    static final int VERSION = 4;
    static final int CAPACITY = 12;
    static final int DESCRIPTOR_OFFSET = 28;
    static final int DESCRIPTOR_SIZE = 36;
    private static final byte[] SPARSE_MAGIC = {'K', 'D', 'M', 'V'};
    private static final byte[] DESCRIPTOR_MAGIC = "# Disk DescriptorFile".getBytes(StandardCharsets.US_ASCII);
    /** An extent line: access, size in sectors, type ("RW 2048 SPARSE \"disk-s001.vmdk\""). */
    private static final Pattern EXTENT = Pattern.compile("(?m)^\\s*(RW|RDONLY|NOACCESS)\\s+(\\d{1,18})\\s+\\w+");
    private static final Pattern CREATE_TYPE = Pattern.compile("(?m)^\\s*createType\\s*=\\s*\"([^\"]{0,64})\"");

    static boolean matches(ByteBuffer head) {
        return (head.limit() >= 512 && Bytes.equalAt(head, 0, SPARSE_MAGIC)) || Bytes.equalAt(head, 0, DESCRIPTOR_MAGIC);
    }

    static VmdkHeader parse(ByteBuffer head) {
        if (!Bytes.equalAt(head, 0, SPARSE_MAGIC)) {
            String text = descriptorText(head, 0, head.limit());
            return new VmdkHeader(false, 0, createType(text), extentsSize(text));
        }
        long capacity = Found.bytes(Le.u64(head, CAPACITY), 512);
        // A monolithic sparse file embeds its descriptor; read it when it lies in the bytes at hand.
        long descAt = Found.bytes(Le.u64(head, DESCRIPTOR_OFFSET), 512);
        long descLen = Found.bytes(Le.u64(head, DESCRIPTOR_SIZE), 512);
        String type = null;
        if (descAt > 0 && descLen > 0 && descAt < head.limit()) {
            type = createType(descriptorText(head, (int) descAt, (int) Math.min(descLen, head.limit() - descAt)));
        }
        return new VmdkHeader(true, Le.u32(head, VERSION), type, capacity);
    }

    Found found() {
        return ForeignFormats.found(ContentKind.VMDK, new ContentFacts.Vmdk(sparse, version, createType), virtualSize);
    }

    private static String descriptorText(ByteBuffer b, int offset, int length) {
        byte[] bytes = new byte[length];
        b.get(offset, bytes);
        int end = 0;
        while (end < length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.US_ASCII);
    }

    private static String createType(String text) {
        Matcher m = CREATE_TYPE.matcher(text);
        return m.find() ? m.group(1) : null;
    }

    /** The extents' sizes added up, or -1 when there are none or the sum overflows. */
    private static long extentsSize(String text) {
        Matcher m = EXTENT.matcher(text);
        long sectors = 0;
        boolean any = false;
        while (m.find()) {
            long n = Long.parseLong(m.group(2));
            if (sectors > Long.MAX_VALUE / 512 - n) {
                return -1;
            }
            sectors += n;
            any = true;
        }
        return any ? sectors * 512 : -1;
    }
}
