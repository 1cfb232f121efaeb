package dev.vmdisk.io.content;

import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Locale;

/** Labels and UUIDs as on-disk bytes give them and as blkid prints them. */
final class Text {
    private Text() {
    }

    /** A fixed-size text field cut at the first NUL, trailing spaces dropped; null when empty. */
    static String label(ByteBuffer b, int offset, int size, Charset cs) {
        int n = 0;
        while (n < size && b.get(offset + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        b.get(offset, bytes);
        String s = new String(bytes, cs).stripTrailing();
        return s.isEmpty() ? null : s;
    }

    /** 16 bytes in order as a lowercase 8-4-4-4-12 UUID, the way blkid prints ext, XFS, Btrfs and swap UUIDs. */
    static String uuid(ByteBuffer b, int offset) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(String.format(Locale.ROOT, "%02x", b.get(offset + i) & 0xFF));
        }
        String s = sb.toString();
        return s.equals("00000000-0000-0000-0000-000000000000") ? null : s;
    }
}
