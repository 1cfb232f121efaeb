package dev.vmdisk.testdata;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A small real file system that can clone files (XFS made with {@code mkfs.xfs -m reflink=1}), loop-mounted
 * at {@code work/reflink-mnt}; unmounted on close. Needs root, a loop device and xfsprogs; where the kernel
 * cannot mount it the calling test is skipped with the reason.
 */
public final class ReflinkFs implements AutoCloseable {
    private final Path mountPoint;
    private boolean mounted = true;

    private ReflinkFs(Path mountPoint) {
        this.mountPoint = mountPoint;
    }

    /** A 320 MiB XFS with reflink (XFS's smallest size is 300 MiB), sparse in {@code work}. */
    public static ReflinkFs mount(Path work) {
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")), "mounting a loop file system needs root");
        Tools.require("mkfs.xfs");
        try {
            Path img = work.resolve("reflink.xfs");
            try (RandomAccessFile f = new RandomAccessFile(img.toFile(), "rw")) {
                f.setLength(320L << 20);
            }
            Tools.run("mkfs.xfs", "-q", "-f", "-m", "reflink=1", img.toString()).orThrow();
            Path mnt = Files.createDirectories(work.resolve("reflink-mnt"));
            Tools.Result m = Tools.run("mount", "-o", "loop", img.toString(), mnt.toString());
            Assumptions.assumeTrue(m.exitCode() == 0, () -> "cannot loop-mount an XFS here (the kernel may lack XFS): "
                    + m.stderr().strip());
            return new ReflinkFs(mnt);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path mountPoint() {
        return mountPoint;
    }

    /** The volume's used bytes, as {@code df} counts them (blocks in use by any file). */
    public long usedBytes() {
        try {
            var store = Files.getFileStore(mountPoint);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (mounted) {
            mounted = false;
            Tools.run("umount", mountPoint.toString()).orThrow();
        }
    }
}
