package dev.vmdisk.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether a standard stream is a terminal: where progress bars and pictures are for people, not for a pipe. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Whether file descriptor {@code fd} (1 stdout, 2 stderr) is a terminal. Linux says exactly, through
     * {@code /proc/self/fd/N}; elsewhere {@link System#console()} is the closest Java 17 has (it also wants stdin
     * and stdout on a terminal).
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.exists(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
            } catch (Exception e) {
                return false;
            }
        }
        return System.console() != null;
    }
}
