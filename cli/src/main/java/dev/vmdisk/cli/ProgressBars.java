package dev.vmdisk.cli;

import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.scan.ScanProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

/**
 * Progress on stderr with me.tongfei:progressbar: bytes scanned or items counted, rate and time left.
 * Shown when stderr is a terminal or when asked; never on stdout, never into {@code --json}.
 */
final class ProgressBars {
    private ProgressBars() {
    }

    /** Whether stderr is a terminal (see {@link Terminal#isTerminal}). */
    static boolean stderrIsTerminal() {
        return Terminal.isTerminal(2);
    }

    /**
     * A bar counting {@code unit}s ("inodes", "entries", "phases") onto {@code err}: with rate and time left when the
     * work gives its total, as a running count when it does not. Drawn from {@link CountProgress#begin} to
     * {@link CountProgress#end}.
     */
    static CountProgress countBar(String task, String unit, PrintWriter err) {
        return countBar(task, " " + unit, 1, err);
    }

    /** Bytes in MiB, as {@link #countBar(String, String, PrintWriter)} draws counts. */
    static CountProgress byteBar(String task, PrintWriter err) {
        return countBar(task, " MiB", 1 << 20, err);
    }

    /** A scan's progress in MiB, one bar per image scanned. */
    static ScanProgress scanBar(PrintWriter err) {
        return new ScanProgress() {
            private CountProgress bar = CountProgress.NONE;

            @Override
            public void begin(Path image, long totalBytes) {
                bar = byteBar(String.valueOf(image.getFileName()), err);
                bar.begin(totalBytes);
            }

            @Override
            public void advance(long scannedBytes) {
                bar.advance(scannedBytes);
            }

            @Override
            public void end() {
                bar.end();
                bar = CountProgress.NONE;
            }
        };
    }

    private static CountProgress countBar(String task, String unit, long unitSize, PrintWriter err) {
        return new CountProgress() {
            private ProgressBar bar;

            @Override
            public void begin(long total) {
                bar = new ProgressBarBuilder()
                        .setTaskName(task)
                        .setInitialMax(total)
                        .setUnit(unit, unitSize)
                        .showSpeed()
                        .setSpeedUnit(ChronoUnit.SECONDS)
                        .setStyle(ProgressBarStyle.ASCII)
                        .setUpdateIntervalMillis(250)
                        .setConsumer(new WriterConsumer(err))
                        .build();
            }

            @Override
            public void advance(long done) {
                if (bar != null) {
                    bar.stepTo(done);
                }
            }

            @Override
            public void end() {
                if (bar != null) {
                    bar.close();
                    bar = null;
                }
            }
        };
    }

    /** The library's console consumer, but onto the command's own stderr writer (so tests can see it). */
    private static final class WriterConsumer implements ProgressBarConsumer {
        private final PrintWriter err;

        WriterConsumer(PrintWriter err) {
            this.err = err;
        }

        @Override
        public int getMaxRenderedLength() {
            return 100;
        }

        @Override
        public void accept(String rendered) {
            err.print('\r' + rendered);
            err.flush();
        }

        @Override
        public void close() {
            err.println();
            err.flush();
        }
    }
}
