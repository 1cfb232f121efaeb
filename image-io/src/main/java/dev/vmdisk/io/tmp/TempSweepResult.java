package dev.vmdisk.io.tmp;

import dev.vmdisk.io.nativefs.OpenFileSet;

import java.util.List;

/**
 * A sweep of several temp directories with one scan of the processes.
 *
 * @param dirs  one report per directory, in the order given
 * @param open  the scan: its unchecked-process count and whether the platform could answer
 */
public record TempSweepResult(List<TempDirReport> dirs, OpenFileSet open) {
    public TempSweepResult {
        dirs = List.copyOf(dirs);
    }

    public long failures() {
        return dirs.stream().flatMap(d -> d.swept().stream()).filter(e -> e.verdict() == TempEntry.Verdict.FAILED).count();
    }
}
