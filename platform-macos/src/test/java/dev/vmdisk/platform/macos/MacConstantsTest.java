package dev.vmdisk.platform.macos;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * Every constant equals the value in the project's platform facts and the xnu header it names.
 * Literal numbers on purpose: a typo in the binding must not be copied into its test.
 */
class MacConstantsTest {

    @Test
    void errnoNumbersAreXnus() { // bsd/sys/errno.h
        assertEquals(1, MacErrno.EPERM);
        assertEquals(2, MacErrno.ENOENT);
        assertEquals(3, MacErrno.ESRCH);
        assertEquals(6, MacErrno.ENXIO);
        assertEquals(13, MacErrno.EACCES);
        assertEquals(19, MacErrno.ENODEV);
        assertEquals(20, MacErrno.ENOTDIR);
        assertEquals(21, MacErrno.EISDIR);
        assertEquals(22, MacErrno.EINVAL);
        assertEquals(28, MacErrno.ENOSPC);
        assertEquals(30, MacErrno.EROFS);
        assertEquals(35, MacErrno.EAGAIN);
        assertEquals(45, MacErrno.ENOTSUP);
        assertEquals(62, MacErrno.ELOOP);
        assertEquals(69, MacErrno.EDQUOT);
        assertEquals(78, MacErrno.ENOSYS);
        assertEquals(102, MacErrno.EOPNOTSUPP);
    }

    @Test
    void fcntlCommandsAndFlags() { // bsd/sys/fcntl.h
        assertEquals(7, MacLibc.F_GETLK);
        assertEquals(8, MacLibc.F_SETLK);
        assertEquals(44, MacLibc.F_RDADVISE);
        assertEquals(48, MacLibc.F_NOCACHE);
        assertEquals(51, MacLibc.F_FULLFSYNC);
        assertEquals(65, MacLibc.F_LOG2PHYS_EXT);
        assertEquals(90, MacLibc.F_OFD_SETLK);
        assertEquals(92, MacLibc.F_OFD_GETLK);
        assertEquals(99, MacLibc.F_PUNCHHOLE);
        assertEquals(1, MacLibc.F_RDLCK);
        assertEquals(2, MacLibc.F_UNLCK);
        assertEquals(3, MacLibc.F_WRLCK);
        assertEquals(1, MacLibc.LOCK_SH);
        assertEquals(2, MacLibc.LOCK_EX);
        assertEquals(4, MacLibc.LOCK_NB);
        assertEquals(8, MacLibc.LOCK_UN);
        assertEquals(0, MacLibc.O_RDONLY);
        assertEquals(2, MacLibc.O_RDWR);
        assertEquals(0x01000000, MacLibc.O_CLOEXEC);
        assertEquals(0x0004, MacLibc.O_NONBLOCK); // sys/fcntl.h
    }

    @Test
    void cloneConstantsAndWhatMeansCannotClone() { // bsd/sys/fcntl.h, sys/clonefile.h, sys/errno.h
        assertEquals(-2, MacLibc.AT_FDCWD);
        assertEquals(1, MacLibc.CLONE_NOFOLLOW);
        assertEquals(18, MacErrno.EXDEV);
        assertTrue(MacClone.unsupported(45)); // ENOTSUP: HFS+, exFAT, SMB
        assertTrue(MacClone.unsupported(18)); // EXDEV: another volume
        assertFalse(MacClone.unsupported(28)); // ENOSPC is a failure to report
        assertFalse(MacClone.unsupported(17)); // EEXIST: the target was there
        assertFalse(MacClone.unsupported(1)); // EPERM
    }

    @Test
    void seekWhenceIsSwappedAgainstLinux() { // sys/_types/_seek_set.h
        assertEquals(3, MacLibc.SEEK_HOLE);
        assertEquals(4, MacLibc.SEEK_DATA);
    }

    @Test
    void libprocConstants() { // bsd/sys/proc_info.h
        assertEquals(1, MacLibproc.PROC_ALL_PIDS);
        assertEquals(1, MacLibproc.PROC_PIDLISTFDS);
        assertEquals(2, MacLibproc.PROC_PIDFDVNODEPATHINFO);
        assertEquals(1, MacLibproc.PROX_FDTYPE_VNODE);
        assertEquals(4096, MacLibproc.PROC_PIDPATHINFO_MAXSIZE);
        assertEquals(1, VnodeFdInfoWithPath.FREAD);
        assertEquals(2, VnodeFdInfoWithPath.FWRITE);
    }

    @Test
    void fileTypeBits() { // bsd/sys/stat.h
        assertEquals(0170000, MacStat.S_IFMT);
        assertEquals(0100000, MacStat.S_IFREG);
        assertEquals(0040000, MacStat.S_IFDIR);
    }
}
