package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.FileId;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Offsets, sizes, encoders and decoders of the macOS structs, on hand-built little-endian buffers
 * (both macOS architectures are little-endian). Expected offsets are literals from the platform facts.
 */
class MacStructsTest {

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void putString(ByteBuffer b, int offset, String s) {
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        b.put(offset, bytes);
    }

    // ---- struct stat (64-bit inode) ----

    @Test
    void statOffsets() {
        assertEquals(144, MacStat.SIZE);
        assertEquals(0, MacStat.ST_DEV);
        assertEquals(4, MacStat.ST_MODE);
        assertEquals(8, MacStat.ST_INO);
        assertEquals(96, MacStat.ST_SIZE);
        assertEquals(104, MacStat.ST_BLOCKS);
        assertEquals(112, MacStat.ST_BLKSIZE);
        assertEquals(116, MacStat.ST_FLAGS); // after st_blksize: st_flags, st_gen, st_lspare, st_qspare[2]
        assertEquals(0x2, MacStat.UF_IMMUTABLE);
        assertEquals(0x20000, MacStat.SF_IMMUTABLE);
    }

    @Test
    void statDecodesEachFieldFromItsOffset() {
        ByteBuffer b = le(144);
        b.putInt(0, 0x1000013); // st_dev of an APFS volume
        b.putShort(4, (short) 0100644);
        b.putShort(6, (short) 1); // st_nlink, not read
        b.putLong(8, 0x1_2345_6789L);
        b.putLong(32, 1_700_000_000L); // st_atimespec: must not leak into st_size
        b.putLong(96, 1L << 30);
        b.putLong(104, 8L);
        b.putInt(112, 4096);
        b.putInt(116, 0xFFFF_FFFF); // st_flags, not read
        MacStat st = MacStat.decode(b);
        assertEquals(new MacStat(0x1000013, 0100644, 0x1_2345_6789L, 1L << 30, 8, 4096), st);
        assertTrue(st.isRegularFile());
        assertFalse(st.isDirectory());
        assertEquals(new FileId(0x1000013, 0x1_2345_6789L), st.id());
    }

    @Test
    void statDeviceStaysUnsigned() {
        ByteBuffer b = le(144);
        b.putInt(0, 0xFF00_0001); // dev_t with the top bit set
        b.putShort(4, (short) 0040755);
        MacStat st = MacStat.decode(b);
        assertEquals(0xFF00_0001L, st.device());
        assertTrue(st.isDirectory());
    }

    // ---- struct statfs (64-bit inode) ----

    @Test
    void statfsOffsets() {
        assertEquals(2168, MacStatfs.SIZE);
        assertEquals(0, MacStatfs.F_BSIZE);
        assertEquals(4, MacStatfs.F_IOSIZE);
        assertEquals(8, MacStatfs.F_BLOCKS);
        assertEquals(16, MacStatfs.F_BFREE);
        assertEquals(24, MacStatfs.F_BAVAIL);
        assertEquals(72, MacStatfs.F_FSTYPENAME);
        assertEquals(88, MacStatfs.F_MNTONNAME);
        // f_mntfromname[1024] at 1112, f_flags_ext at 2136, f_reserved[7]: the sizes add up
        assertEquals(2168, MacStatfs.F_MNTONNAME + 2 * MacStatfs.MAXPATHLEN + 4 + 7 * 4);
    }

    @Test
    void statfsDecodesEachFieldFromItsOffset() {
        ByteBuffer b = le(2168);
        b.putInt(0, 4096);
        b.putInt(4, 1 << 20);
        b.putLong(8, 1_000_000L);
        b.putLong(16, 600_000L);
        b.putLong(24, 500_000L);
        putString(b, 72, "apfs");
        putString(b, 88, "/System/Volumes/Data");
        putString(b, 1112, "/dev/disk3s5"); // f_mntfromname, not read
        MacStatfs fs = MacStatfs.decode(b);
        assertEquals(new MacStatfs(4096, 500_000L, "apfs", "/System/Volumes/Data"), fs);
        assertEquals(500_000L * 4096, fs.freeBytes());
    }

    @Test
    void statfsTypeNameWithoutTerminatorStopsAtItsField() {
        ByteBuffer b = le(2168);
        putString(b, 72, "abcdefghijklmnop"); // 16 bytes, no NUL
        putString(b, 88, "/x");
        assertEquals("abcdefghijklmnop", MacStatfs.decode(b).fsTypeName());
    }

    // ---- struct radvisory ----

    @Test
    void radvisoryLayoutAndEncoding() {
        assertEquals(16, Radvisory.SIZE);
        assertEquals(0, Radvisory.RA_OFFSET);
        assertEquals(8, Radvisory.RA_COUNT);
        ByteBuffer expected = le(16);
        expected.putLong(0, 0x0102_0304_0506_0708L);
        expected.putInt(8, 1 << 30);
        assertArrayEquals(expected.array(), new Radvisory(0x0102_0304_0506_0708L, 1 << 30).encode());
    }

    // ---- fpunchhole_t ----

    @Test
    void fpunchholeLayoutAndEncoding() {
        assertEquals(24, Fpunchhole.SIZE);
        assertEquals(0, Fpunchhole.FP_FLAGS);
        assertEquals(4, Fpunchhole.RESERVED);
        assertEquals(8, Fpunchhole.FP_OFFSET);
        assertEquals(16, Fpunchhole.FP_LENGTH);

        byte[] bytes = Fpunchhole.of(0x1122_3344_5566_7788L, 4096).encode();
        assertEquals(24, bytes.length);
        ByteBuffer expected = le(24);
        expected.putLong(8, 0x1122_3344_5566_7788L);
        expected.putLong(16, 4096);
        assertArrayEquals(expected.array(), bytes); // flags and reserved are zero
    }

    @Test
    void fpunchholeRoundTrip() {
        Fpunchhole p = new Fpunchhole(0xFFFF_FFFFL, 7, 1L << 40, (1L << 33) + 4096);
        assertEquals(p, Fpunchhole.decode(ByteBuffer.wrap(p.encode())));
        Fpunchhole q = Fpunchhole.of(8192, 65536);
        assertEquals(q, Fpunchhole.decode(ByteBuffer.wrap(q.encode())));
    }

    // ---- struct flock ----

    @Test
    void flockLayoutDiffersFromLinux() {
        assertEquals(24, Flock.SIZE);
        assertEquals(0, Flock.L_START);
        assertEquals(8, Flock.L_LEN);
        assertEquals(16, Flock.L_PID);
        assertEquals(20, Flock.L_TYPE);
        assertEquals(22, Flock.L_WHENCE);

        byte[] bytes = new Flock(100, 4, 4242, MacLibc.F_WRLCK, (short) 1).encode();
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(100, b.getLong(0));
        assertEquals(4, b.getLong(8));
        assertEquals(4242, b.getInt(16));
        assertEquals(3, b.getShort(20));
        assertEquals(1, b.getShort(22));
    }

    @Test
    void flockRoundTrip() {
        for (Flock f : new Flock[] {
                Flock.wholeFileWrite(),
                new Flock(200, 1, -1, MacLibc.F_RDLCK, (short) 0),
                new Flock(Long.MAX_VALUE, 0, Integer.MAX_VALUE, MacLibc.F_UNLCK, (short) 2)}) {
            assertEquals(f, Flock.decode(ByteBuffer.wrap(f.encode())));
        }
        assertEquals(new Flock(0, 0, 0, (short) 3, (short) 0), Flock.wholeFileWrite());
    }

    @Test
    void flockConflictDescriptions() {
        assertEquals("", new Flock(0, 0, 0, MacLibc.F_UNLCK, (short) 0).describeConflict());
        assertEquals("fcntl write lock held by pid 77", new Flock(0, 0, 77, MacLibc.F_WRLCK, (short) 0).describeConflict());
        assertEquals("flock or OFD read lock", new Flock(100, 1, -1, MacLibc.F_RDLCK, (short) 0).describeConflict());
    }

    // ---- libproc structs ----

    @Test
    void procFdInfoListDecodesByteCountNotBufferSize() {
        assertEquals(8, ProcFdInfo.SIZE);
        ByteBuffer b = le(64);
        int[][] entries = {{0, 1}, {1, 1}, {3, 2}, {7, 1}};
        for (int i = 0; i < entries.length; i++) {
            b.putInt(i * 8, entries[i][0]);
            b.putInt(i * 8 + 4, entries[i][1]);
        }
        b.putInt(32, 99); // beyond the byte count libproc returned: ignored
        var fds = ProcFdInfo.decodeAll(b, 32);
        assertEquals(4, fds.size());
        assertEquals(new ProcFdInfo(3, 2), fds.get(2));
        assertFalse(fds.get(2).isVnode());
        assertTrue(fds.get(3).isVnode());
        assertEquals(7, fds.get(3).fd());
    }

    @Test
    void procFdInfoNeverReadsPastTheBuffer() {
        assertEquals(2, ProcFdInfo.decodeAll(le(16), 1 << 20).size());
        assertEquals(0, ProcFdInfo.decodeAll(le(16), 0).size());
        assertEquals(0, ProcFdInfo.decodeAll(le(16), -5).size());
        assertEquals(1, ProcFdInfo.decodeAll(le(16), 12).size()); // a torn entry is dropped
    }

    @Test
    void vnodeFdInfoWithPathOffsets() {
        assertEquals(1200, VnodeFdInfoWithPath.SIZE);
        assertEquals(0, VnodeFdInfoWithPath.FI_OPENFLAGS);
        assertEquals(24, VnodeFdInfoWithPath.VST_DEV);
        assertEquals(32, VnodeFdInfoWithPath.VST_INO);
        assertEquals(176, VnodeFdInfoWithPath.VIP_PATH);
        // proc_fileinfo 24 + vinfo_stat 136 + vi_type 4 + vi_pad 4 + vi_fsid 8 = 176, + MAXPATHLEN
        assertEquals(1200, 176 + VnodeFdInfoWithPath.MAXPATHLEN);
    }

    @Test
    void vnodeFdInfoWithPathDecodes() {
        ByteBuffer b = le(1200);
        b.putInt(0, 3); // FREAD | FWRITE
        b.putLong(8, 12345); // fi_offset, not read
        b.putInt(24, 0x1000010);
        b.putShort(28, (short) 0100644); // vst_mode, not read
        b.putLong(32, 987654321L);
        putString(b, 176, "/Users/me/vm/rootfs.img");
        VnodeFdInfoWithPath v = VnodeFdInfoWithPath.decode(b);
        assertEquals(new VnodeFdInfoWithPath(3, 0x1000010, 987654321L, "/Users/me/vm/rootfs.img"), v);
        assertEquals("read-write", v.access());
        assertTrue(v.sameFile(new FileId(0x1000010, 987654321L)));
        assertFalse(v.sameFile(new FileId(0x1000011, 987654321L)));
        assertFalse(v.sameFile(new FileId(0x1000010, 987654322L)));
    }

    @Test
    void openFlagsNameTheAccess() {
        assertEquals("read-only", new VnodeFdInfoWithPath(1, 0, 0, "").access());
        assertEquals("write-only", new VnodeFdInfoWithPath(2, 0, 0, "").access());
        assertEquals("read-write", new VnodeFdInfoWithPath(0x403, 0, 0, "").access());
    }

    @Test
    void cStringsStopAtNulAndAtTheField() {
        ByteBuffer b = le(8);
        putString(b, 0, "ab");
        assertEquals("ab", CStrings.read(b, 0, 8));
        putString(b, 0, "abcdefgh");
        assertEquals("abcd", CStrings.read(b, 0, 4));
        assertEquals("efgh", CStrings.read(b, 4, 100)); // bounded by the buffer too
    }
}
