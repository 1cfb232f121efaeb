package dev.vmdisk.cli;

import dev.vmdisk.io.reset.ResetProgress;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.temporal.ChronoUnit;

/** {@code vmdisk reset}'s progress on stderr (me.tongfei:progressbar): base bytes read, rate, time left. */
final class ResetProgressBar implements ResetProgress, AutoCloseable {
    private final String task;
    private final PrintWriter err;
    private ProgressBar bar;

    ResetProgressBar(String task, PrintWriter err) {
        this.task = task;
        this.err = err;
    }

    /**
     * Whether stderr is a terminal. Linux says exactly, through {@code /proc/self/fd/2}; elsewhere
     * {@link System#console()} is the closest Java 17 has (it also wants stdin and stdout on a terminal).
     */
    static boolean stderrIsTerminal() {
        Path fd2 = Path.of("/proc/self/fd/2");
        if (Files.exists(fd2)) {
            try {
                String target = Files.readSymbolicLink(fd2).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return false;
            }
        }
        return System.console() != null;
    }

    @Override
    public void update(long done, long total) {
        if (bar == null) {
            bar = new ProgressBarBuilder()
                    .setTaskName(task)
                    .setInitialMax(total)
                    .setUnit(" MiB", 1 << 20)
                    .showSpeed()
                    .setSpeedUnit(ChronoUnit.SECONDS)
                    .setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(250)
                    .setConsumer(new WriterConsumer(err))
                    .build();
        }
        bar.stepTo(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }

    /** Draws onto the command's own stderr writer, so tests and redirections see the same thing. */
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
