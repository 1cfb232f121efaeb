package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.HoldKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lines as Linux 6.x prints them in /proc/locks and fdinfo (captured from python3 and flock(1) children). */
class ProcLocksTest {
    private static final FileId FILE = new FileId(0xfe00, 2146661);

    @Test
    void parsesEachLockClass() {
        String text = """
                1: POSIX  ADVISORY  WRITE 8557 fe:00:2146661 0 9
                2: FLOCK  ADVISORY  READ 8557 fe:00:2146661 0 EOF
                3: OFDLCK ADVISORY  READ -1 fe:00:2146661 100 100
                """;
        assertEquals(List.of(
                new ProcLock(HoldKind.POSIX_LOCK, true, 8557, FILE, 0, 9),
                new ProcLock(HoldKind.FLOCK, false, 8557, FILE, 0, -1),
                new ProcLock(HoldKind.OFD_LOCK, false, -1, FILE, 100, 100)), ProcLocks.parse(text));
    }

    @Test
    void detailsSayTypeAndRange() {
        List<ProcLock> locks = ProcLocks.parse("""
                1: POSIX  ADVISORY  WRITE 8557 fe:00:2146661 100 100
                2: FLOCK  ADVISORY  READ 8557 fe:00:2146661 0 EOF
                """);
        assertEquals("write lock 100-100", locks.get(0).detail());
        assertEquals("read lock 0-EOF", locks.get(1).detail());
    }

    @Test
    void readsAnFdinfoLine() {
        assertEquals(Optional.of(new ProcLock(HoldKind.OFD_LOCK, true, -1, FILE, 0, -1)),
                ProcLocks.parseLine("lock:\t1: OFDLCK ADVISORY  WRITE -1 fe:00:2146661 0 EOF"));
    }

    @Test
    void skipsWaitersLeasesAndLinesWithoutAnInode() {
        assertEquals(List.of(new ProcLock(HoldKind.POSIX_LOCK, true, 100, new FileId(0x801, 12), 0, -1)), ProcLocks.parse("""
                1: POSIX  ADVISORY  WRITE 100 08:01:12 0 EOF
                1: -> POSIX  ADVISORY  WRITE 200 08:01:12 0 EOF
                2: LEASE  ACTIVE    READ 300 08:01:13 0 EOF
                3: DELEG  ACTIVE    READ 300 08:01:13 0 EOF
                4: POSIX  ADVISORY  WRITE 301 <none>:0 0 EOF
                """));
    }

    @Test
    void decodesWideDeviceNumbersAndHugeInodes() {
        // minor 0x123 does not fit 8 bits: the upper bits go above the major (new_encode_dev)
        ProcLock l = ProcLocks.parseLine("7: FLOCK  ADVISORY  WRITE 42 103:123:18446744073709551615 0 EOF").orElseThrow();
        assertEquals(new FileId(0x23 | 0x103 << 8 | 0x100 << 12, -1L), l.file());
    }

    @Test
    void rejectsMalformedLinesInsteadOfThrowing() {
        for (String bad : List.of("", "garbage", "1: POSIX ADVISORY WRITE x fe:00:1 0 EOF",
                "1: POSIX ADVISORY WRITE 1 fe00:1 0 EOF", "1: POSIX ADVISORY WRITE 1 zz:00:1 0 EOF",
                "1: POSIX ADVISORY WRITE 1 fe:00:1 -5 EOF", "1: POSIX ADVISORY WRITE 1 fe:00:1 0 99999999999999999999",
                "1: POSIX ADVISORY WRITE 1 fe:00:18446744073709551616 0 EOF", "1: POSIX ADVISORY UNLCK 1 fe:00:1 0 EOF",
                "1: POSIX ADVISORY WRITE 99999999999 fe:00:1 0 EOF", "1: POSIX ADVISORY WRITE 1 fe:00: 0 EOF")) {
            assertEquals(Optional.empty(), ProcLocks.parseLine(bad), bad);
        }
    }
}
