package dev.vmdisk.platform.linux;

import dev.vmdisk.io.nativefs.ProcessNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a process is, for people: its name by {@link ProcessNames#describe} from
 * {@code /proc/PID/exe} (unreadable for other users' processes without root), {@code cmdline}
 * (arguments split on NUL; gVisor's role shows only here) and {@code comm}.
 *
 * @param name    e.g. {@code qemu-system-x86_64}, {@code runsc-gofer}, {@code python3.11}
 * @param command the arguments joined by spaces, else the executable path, else ""
 */
record ProcIdentity(String name, String command) {

    static ProcIdentity of(Path procPid) {
        String exe;
        try {
            exe = Files.readSymbolicLink(procPid.resolve("exe")).toString();
        } catch (IOException | UnsupportedOperationException e) {
            exe = ""; // kernel thread, another user's process, or exited
        }
        List<String> argv = splitNul(ProcFiles.readOrEmpty(procPid.resolve("cmdline")));
        String comm = ProcFiles.readOrEmpty(procPid.resolve("comm")).strip();
        String command = argv.isEmpty() ? exe : String.join(" ", argv);
        return new ProcIdentity(ProcessNames.describe(exe, argv, comm), command);
    }

    /** The arguments in {@code cmdline}: NUL-terminated strings. */
    static List<String> splitNul(String cmdline) {
        List<String> argv = new ArrayList<>();
        int from = 0;
        while (from < cmdline.length()) {
            int nul = cmdline.indexOf('\0', from);
            int to = nul < 0 ? cmdline.length() : nul;
            argv.add(cmdline.substring(from, to));
            from = to + 1;
        }
        return argv;
    }
}
