package dev.vmdisk.platform.macos;

import dev.vmdisk.io.nativefs.FileId;
import dev.vmdisk.io.nativefs.Hold;
import dev.vmdisk.io.nativefs.HoldKind;
import dev.vmdisk.io.nativefs.HolderReport;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The libproc holder scan against a libproc written in Java that answers as xnu does (see
 * {@link FakeLibproc}), so the scan's logic runs on Linux: what only a Mac can show (the real kernel's
 * answers) is left to the macOS job's MacNativeFsIT.
 */
class MacHolderScanTest {
    static final Path IMAGE = Path.of("rootfs.img");
    static final FileId TARGET = new FileId(0x1000010, 4711);
    static final int FREAD = 1;
    static final int FWRITE = 2;

    final FakeLibproc proc = new FakeLibproc();

    HolderReport scan() {
        return new MacHolders(FakeLibproc.libc(), proc).scan(IMAGE, TARGET, 1);
    }

    /**
     * The kernel cuts the fd list to the buffer without a word. A VM that opened 200 more descriptors after
     * the sizing call, the image among the last, was reported as not holding it before the retry.
     */
    @Test
    void anFdListThatFillsTheBufferIsAskedAgainWithABiggerOne() {
        FakeLibproc.Proc vm = proc.add(900);
        for (int fd = 0; fd < 300; fd++) {
            vm.fds.add(FakeLibproc.Fd.vnode(fd, 0x1000010, 10_000 + fd, FREAD));
        }
        vm.fds.add(FakeLibproc.Fd.vnode(300, TARGET.device(), TARGET.inode(), FREAD | FWRITE));
        vm.hiddenFromSizing = 201;
        HolderReport r = scan();
        assertTrue(r.held(), r.toString());
        assertEquals(List.of(new Hold(HoldKind.OPEN, "fd 300 (read-write)")), r.holders().get(0).holds());
        assertEquals(0, r.unchecked());
    }

    /** A per-fd query that fails for a reason other than "gone" leaves the process unchecked, not "closed". */
    @Test
    void aFailedFdQueryMakesTheProcessUncheckedUnlessTheFdIsGone() {
        proc.add(901).fds.add(FakeLibproc.Fd.failing(5, MacErrno.EACCES));
        proc.add(902).fds.add(FakeLibproc.Fd.failing(6, MacErrno.ENOENT));
        proc.add(903).fds.add(FakeLibproc.Fd.failing(7, MacErrno.EBADF));
        HolderReport r = scan();
        assertFalse(r.held());
        assertEquals(1, r.unchecked(), "only pid 901's failure is unknown");
    }

    /** A process that mapped the image and closed its descriptor still holds it (mmap keeps the file). */
    @Test
    void aMappingWithoutADescriptorIsAHold() {
        FakeLibproc.Proc p = proc.add(904);
        p.regions.add(new FakeLibproc.Region(0x10000, 0x4000, 0, 0, 5)); // anonymous or no file
        p.regions.add(new FakeLibproc.Region(0x20000, 0x1000, TARGET.device(), TARGET.inode(), 1));
        p.regions.add(new FakeLibproc.Region(0x30000, 0x2000, TARGET.device(), TARGET.inode(), 3));
        p.regions.add(new FakeLibproc.Region(0x40000, 0x1000, TARGET.device(), 99, 1));
        HolderReport r = scan();
        assertTrue(r.held());
        assertEquals(List.of(new Hold(HoldKind.MAPPED, "2 mappings (r--, rw-), 12288 bytes")), r.holders().get(0).holds());
        assertEquals(0, r.unchecked());
    }

    /** A region walk that ends on an error other than the end of the regions is an unchecked process. */
    @Test
    void aRegionWalkThatFailsMidwayIsUnchecked() {
        FakeLibproc.Proc p = proc.add(905);
        p.regions.add(new FakeLibproc.Region(0x10000, 0x1000, 0, 0, 1));
        p.regionsEndErrno = MacErrno.EPERM;
        assertEquals(1, scan().unchecked());
        p.regionsEndErrno = MacErrno.ESRCH;
        assertEquals(0, scan().unchecked());
    }

    /** A file watcher (O_EVTONLY) is shown, but does not block compact or reset. */
    @Test
    void anEventsOnlyDescriptorIsShownButDoesNotBlock() {
        proc.add(906).fds.add(FakeLibproc.Fd.vnode(4, TARGET.device(), TARGET.inode(), FREAD | VnodeFdInfoWithPath.O_EVTONLY));
        HolderReport watched = scan();
        assertEquals(1, watched.holders().size());
        assertEquals(HoldKind.WATCH, watched.holders().get(0).holds().get(0).kind());
        assertFalse(watched.held(), "a watcher alone does not hold the image");
        proc.add(907).fds.add(FakeLibproc.Fd.vnode(8, TARGET.device(), TARGET.inode(), FREAD | FWRITE));
        assertTrue(scan().held(), "a real descriptor beside it still does");
    }

    /** Another user's process (EPERM on the fd list) is counted, never dropped. */
    @Test
    void anotherUsersProcessIsCounted() {
        proc.add(908).listFdsErrno = MacErrno.EPERM;
        proc.add(909).listFdsErrno = MacErrno.ESRCH; // exited meanwhile: holds nothing
        assertEquals(1, scan().unchecked());
    }
}
