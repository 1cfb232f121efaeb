package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoldKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class FdInfoTest {
    @Test
    void readsModeAndLocks() {
        FdInfo info = FdInfo.parse("""
                pos:	0
                flags:	02100002
                mnt_id:	27
                ino:	2146661
                lock:	1: OFDLCK ADVISORY  READ -1 fe:00:2146661 100 100
                """);
        assertEquals("read-write", info.accessWord());
        assertEquals(List.of(new ProcLock(HoldKind.OFD_LOCK, false, -1, new FileId(0xfe00, 2146661), 100, 100)), info.locks());
    }

    @Test
    void namesEachAccessMode() {
        assertEquals("read-only", FdInfo.parse("flags:\t02100000\n").accessWord());
        assertEquals("write-only", FdInfo.parse("flags:\t0100001\n").accessWord());
        assertEquals("read-write", FdInfo.parse("flags:\t02\n").accessWord());
        assertEquals("mode unknown", FdInfo.parse("pos:\t0\n").accessWord());
        assertEquals("mode unknown", FdInfo.parse("flags:\t0x9\n").accessWord());
    }
}
