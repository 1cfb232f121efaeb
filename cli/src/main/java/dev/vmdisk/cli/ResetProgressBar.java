package dev.vmdisk.cli;

import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.reset.ResetProgress;

import java.io.PrintWriter;

/** {@code vmdisk reset}'s progress on stderr (me.tongfei:progressbar): base bytes read, rate, time left. */
final class ResetProgressBar implements ResetProgress, AutoCloseable {
    private final String task;
    private final PrintWriter err;
    private CountProgress bar;

    ResetProgressBar(String task, PrintWriter err) {
        this.task = task;
        this.err = err;
    }

    @Override
    public void update(long done, long total) {
        if (bar == null) {
            bar = ProgressBars.byteBar(task, err);
            bar.begin(total);
        }
        bar.advance(done);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.end();
            bar = null;
        }
    }
}
