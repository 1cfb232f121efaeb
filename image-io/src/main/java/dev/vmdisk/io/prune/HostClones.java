package dev.vmdisk.io.prune;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * {@link ImageClones} through the port's {@link NativeFs#cloneFile}: {@code .IMAGE.vmdisk-prune.clone} beside
 * the image, a clone that costs no space until prune writes (Linux {@code FICLONE}, macOS {@code fclonefileat}).
 * Where the host file system cannot clone (ext4, HFS+), there is no backup and the ordered writes alone hold.
 *
 * <p>A restore writes back, through the image's own descriptor (so vmdisk's lease stands), every piece of the
 * image that differs from the clone, and only after {@code stillExclusive} has passed: a restore must not write
 * while another process has the image open, so after a lost lease the image is left as the synced phases left it.
 */
public final class HostClones implements ImageClones {
    /** The clone's name beside {@code image}: {@code .IMAGE.vmdisk-prune.clone} (status counts it as a vmdisk leftover). */
    public static Path cloneOf(Path image) {
        return image.resolveSibling("." + image.getFileName() + ".vmdisk-prune.clone");
    }

    private static final int PIECE = 1 << 20;

    private final NativeFs fs;
    private final Runnable stillExclusive;

    /** @param stillExclusive throws when the image is no longer vmdisk's alone (checked before a restore writes) */
    public HostClones(NativeFs fs, Runnable stillExclusive) {
        this.fs = fs;
        this.stillExclusive = stillExclusive;
    }

    @Override
    public Backup take(NativeFile image) {
        Path clone = cloneOf(image.path());
        try {
            // One left by a prune that was killed: vmdisk's own file, and no other prune can be running now
            // (this one holds the image's lock and lease).
            Files.deleteIfExists(clone);
        } catch (IOException e) {
            throw new EnvironmentException(clone + ": an earlier prune's clone could not be removed (" + e.getMessage() + ")");
        }
        if (!fs.cloneFile(image, clone)) {
            return NO_BACKUP;
        }
        return new Backup() {
            @Override
            public boolean taken() {
                return true;
            }

            @Override
            public void restore() {
                stillExclusive.run();
                writeBack(clone, image);
                discard();
            }

            @Override
            public void discard() {
                try {
                    Files.deleteIfExists(clone);
                } catch (IOException e) {
                    throw new EnvironmentException(clone + ": prune's clone of the image could not be removed ("
                            + e.getMessage() + "); remove it by hand");
                }
            }
        };
    }

    /** Writes into {@code image} each piece of {@code clone} that differs from it, then syncs. */
    static void writeBack(Path clone, NativeFile image) {
        try (FileChannel from = FileChannel.open(clone, StandardOpenOption.READ)) {
            long size = from.size();
            if (size != image.apparentSize()) {
                throw new EnvironmentException(image.path() + ": its size changed since prune cloned it; the clone "
                        + clone + " is left for you to compare");
            }
            ByteBuffer want = ByteBuffer.allocateDirect(PIECE);
            ByteBuffer have = ByteBuffer.allocateDirect(PIECE);
            for (long at = 0; at < size; at += PIECE) {
                int n = (int) Math.min(PIECE, size - at);
                want.clear().limit(n);
                have.clear().limit(n);
                readFully(from, want, at);
                while (have.hasRemaining()) {
                    if (image.read(have, at + have.position()) <= 0) {
                        throw new EnvironmentException(image.path() + ": ended before " + (at + have.position()));
                    }
                }
                if (!want.flip().equals(have.flip())) {
                    image.write(want, at);
                }
            }
            image.sync();
        } catch (IOException e) {
            throw new UncheckedIOException(clone + ": could not read prune's clone back", e);
        }
    }

    private static void readFully(FileChannel from, ByteBuffer dst, long at) throws IOException {
        while (dst.hasRemaining()) {
            if (from.read(dst, at + dst.position()) < 0) {
                throw new IOException("ended before " + (at + dst.position()));
            }
        }
    }
}
