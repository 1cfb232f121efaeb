package dev.vmdisk.platform.linux;

import java.nio.file.Path;

/**
 * Recognises kernel threads, whose descriptor tables a user may not read but which hold no user
 * files: counting them as "could not be checked" would only alarm.
 */
final class KernelThreads {
    /** {@code PF_KTHREAD} in the flags of {@code /proc/PID/stat}. */
    private static final long PF_KTHREAD = 0x00200000L;

    private KernelThreads() {
    }

    static boolean is(Path procPid) {
        return isKernelThread(ProcFiles.readOrEmpty(procPid.resolve("stat")));
    }

    /**
     * From the text of {@code /proc/PID/stat}: {@code pid (comm) state ppid pgrp session tty tpgid flags …};
     * comm may hold spaces and parentheses, so fields are counted from the last ')'.
     */
    static boolean isKernelThread(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return false;
        }
        String[] f = stat.substring(close + 1).strip().split("\\s+");
        return f.length > 6 && ProcText.isUnsigned63(f[6]) && (Long.parseLong(f[6]) & PF_KTHREAD) != 0;
    }
}
