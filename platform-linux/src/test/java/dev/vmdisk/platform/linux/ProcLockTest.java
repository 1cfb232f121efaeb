package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.HoldKind;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProcLockTest {

    @Test
    void parsesEachLockClassAsTheKernelPrintsIt() {
        ProcLock posix = ProcLock.parse("1: POSIX  ADVISORY  WRITE 4242 08:01:1234 100 100").orElseThrow();
        assertEquals(new ProcLock(HoldKind.POSIX_LOCK, true, 4242, 8, 1, 1234, "100-100"), posix);
        ProcLock flock = ProcLock.parse("2: FLOCK  ADVISORY  WRITE 17 fd:01:99 0 EOF").orElseThrow();
        assertEquals(new ProcLock(HoldKind.FLOCK, true, 17, 0xfd, 1, 99, "0-EOF"), flock);
        ProcLock ofd = ProcLock.parse("3: OFDLCK ADVISORY  READ  -1 00:2d:7 200 203").orElseThrow();
        assertEquals(new ProcLock(HoldKind.OFD_LOCK, false, -1, 0, 0x2d, 7, "200-203"), ofd);
        assertEquals("read lock 200-203", ofd.detail());
    }

    @Test
    void waitersLeasesAndGarbageHoldNothing() {
        assertTrue(ProcLock.parse("1: -> POSIX  ADVISORY  WRITE 4243 08:01:1234 100 100").isEmpty());
        assertTrue(ProcLock.parse("4: LEASE  ACTIVE    READ  900 08:01:55 0 EOF").isEmpty());
        assertTrue(ProcLock.parse("").isEmpty());
        assertTrue(ProcLock.parse("5: POSIX ADVISORY WRITE x 08:01:1 0 EOF").isEmpty());
    }

    @Test
    void fdInfoGivesTheOpenModeAndTheLocksTakenThroughTheDescriptor() {
        FdInfo info = FdInfo.parse("pos:\t0\nflags:\t02100002\nmnt_id:\t30\nino:\t1234\n"
                + "lock:\t1: OFDLCK ADVISORY  READ  -1 08:01:1234 100 100\n");
        assertEquals("read-write", info.mode());
        assertEquals(1, info.locks().size());
        assertEquals(HoldKind.OFD_LOCK, info.locks().get(0).kind());
        assertEquals("read-only", FdInfo.parse("flags:\t0100000\n").mode());
    }
}
