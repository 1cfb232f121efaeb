package dev.vmdisk.io.nativefs;

import java.util.List;

/**
 * A process that holds a file.
 *
 * @param pid     process id, or 0 for the kernel itself (a loop device backed by the file)
 * @param name    what the process is, from its executable path or command line
 *                ({@code runsc-sandbox}, {@code qemu-system-aarch64}, {@code vfkit},
 *                {@code com.apple.Virtualization.VirtualMachine})
 * @param command the command line or executable path as far as it could be read, else ""
 * @param holds   each way it holds the file
 */
public record Holder(long pid, String name, String command, List<Hold> holds) {
    public Holder {
        holds = List.copyOf(holds);
    }
}
