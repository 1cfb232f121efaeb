package dev.vmdisk.io.scan;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.port.HostPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A file that shrinks while a read-only command scans it (a VM truncating its disk beside `vmdisk inspect`):
 * the scan copies with pread, so it ends in one line, never in a SIGBUS that kills the JVM (issue 17, item 7).
 * Before, inspect mapped the file and the JVM died in vectorizedMismatch with exit 134.
 */
class ShrinkingFileTest {
    final NativeFs fs = HostPort.load();

    @TempDir
    Path dir;

    @Test
    void aFileThatShrinksUnderTheScanIsOneLineNotACrash() throws IOException {
        for (int threads = 1; threads <= 2; threads++) {
            Path p = PatternFileAccess.mixed(dir.resolve("img" + threads), 40 + threads, 8 << 20);
            try (NativeFile f = fs.open(p, Access.READ_ONLY)) {
                ZeroScanner scanner = new ZeroScanner(f.fsBlockSize(), 16, threads);
                BadInputException e = assertThrows(BadInputException.class, () -> scanner.scanFile(f, ScanWindows.Reads.COPIED,
                        new ZeroRunListener() {
                            int windows;

                            @Override
                            public void zeroRun(long offset, long length) {
                            }

                            @Override
                            public void progress(long scannedBytes) {
                                if (windows++ == 2) {
                                    try (RandomAccessFile raf = new RandomAccessFile(p.toFile(), "rw")) {
                                        raf.setLength(1 << 20); // by another open file, as another process would
                                    } catch (IOException x) {
                                        throw new UncheckedIOException(x);
                                    }
                                }
                            }
                        }));
                assertTrue(e.getMessage().contains("shrank while vmdisk read it"), e.getMessage());
            }
        }
    }
}
