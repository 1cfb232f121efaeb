package dev.vmdisk.io.reset;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * xz, gzip, bzip2 and lz4 bases through commons-compress, concatenated streams included (as
 * {@code xz -d}, {@code gzip -d} … read them). These formats are not on zstd's fast path; a byte
 * array stages the copy into the direct buffer.
 */
final class StreamDecompressor implements Decompressor {
    /** XZ for Java's decoder memory cap, so a hostile header cannot ask for more than the heap has. */
    private static final int XZ_MEMORY_LIMIT_KIB = 256 * 1024;
    private static final int CHUNK = 1 << 16;

    private final Path path;
    private final BaseFormat format;
    private final CountingInput counting;
    private final InputStream in;
    private final byte[] chunk = new byte[CHUNK];
    private final boolean checksummed;

    StreamDecompressor(Path path, BaseFormat format, boolean checksummed) {
        this.path = path;
        this.format = format;
        this.checksummed = checksummed;
        try {
            this.counting = new CountingInput(Files.newInputStream(path));
        } catch (IOException e) {
            throw new EnvironmentException(path + ": cannot read the base: " + e.getMessage(), e);
        }
        try {
            this.in = new CompressorStreamFactory(true, XZ_MEMORY_LIMIT_KIB)
                    .createCompressorInputStream(name(format), new BufferedInputStream(counting, CHUNK));
        } catch (CompressorException | RuntimeException e) {
            close();
            throw failure(e);
        }
    }

    private static String name(BaseFormat format) {
        return switch (format) {
            case XZ -> CompressorStreamFactory.XZ;
            case GZIP -> CompressorStreamFactory.GZIP;
            case BZIP2 -> CompressorStreamFactory.BZIP2;
            case LZ4 -> CompressorStreamFactory.LZ4_FRAMED;
            default -> throw new IllegalArgumentException("not a commons-compress format: " + format);
        };
    }

    @Override
    public boolean fill(ByteBuffer into) {
        try {
            while (into.hasRemaining()) {
                int n = in.read(chunk, 0, Math.min(CHUNK, into.remaining()));
                if (n < 0) {
                    return false;
                }
                into.put(chunk, 0, n);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            throw failure(e);
        }
    }

    /** A read the OS refused is the environment's fault; anything else the decoder threw is bad data. */
    private RuntimeException failure(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BaseReadException r) {
                return new EnvironmentException(path + ": reading the base failed: " + r.getCause().getMessage(), e);
            }
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new BadInputException(path + ": corrupt or truncated " + format.word() + " data after "
                + counting.count + " bytes (" + why + "); the base is damaged (re-download or re-create it)", e);
    }

    @Override
    public long consumed() {
        return counting.count;
    }

    @Override
    public boolean checksummed() {
        return checksummed;
    }

    @Override
    public void close() {
        try {
            if (in != null) {
                in.close();
            } else {
                counting.close();
            }
        } catch (IOException e) {
            // Read-only input: nothing is lost by a failed close.
        }
    }

    /** Marks an I/O failure of the file itself, so it is not mistaken for corrupt data. */
    private static final class BaseReadException extends IOException {
        private static final long serialVersionUID = 1L;

        BaseReadException(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** Counts the base bytes read (for progress) and tags the file's own read errors. */
    private static final class CountingInput extends FilterInputStream {
        volatile long count;

        CountingInput(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    count += n;
                }
                return n;
            } catch (IOException e) {
                throw new BaseReadException(e);
            }
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = in.skip(n);
            count += skipped;
            return skipped;
        }
    }
}
