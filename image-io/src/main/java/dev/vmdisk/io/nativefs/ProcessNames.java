package dev.vmdisk.io.nativefs;

import java.util.List;

/**
 * Names a process for people, the same way on every OS. Short kernel names ({@code comm}, cut to
 * 15 characters, or {@code pbi_name}) are not enough: gVisor's {@code runsc} shows its role only in
 * its arguments, and macOS's virtualization service has a long bundle name.
 */
public final class ProcessNames {
    private ProcessNames() {
    }

    /**
     * @param executable the executable's path ({@code /proc/PID/exe}, {@code proc_pidpath}), or "" when unknown
     * @param argv       the command line, possibly empty
     * @param shortName  the kernel's short name, used when nothing better is known
     */
    public static String describe(String executable, List<String> argv, String shortName) {
        String argv0 = argv.isEmpty() ? "" : basename(argv.get(0));
        String exe = basename(executable);
        // gVisor: runsc re-executes itself; the role is "runsc-gofer", "runsc-sandbox" in argv[0] or the first argument.
        if (argv0.startsWith("runsc-") || exe.startsWith("runsc-")) {
            return argv0.startsWith("runsc-") ? argv0 : exe;
        }
        if (exe.equals("runsc") || argv0.equals("runsc")) {
            for (String a : argv.subList(Math.min(1, argv.size()), argv.size())) {
                if (a.equals("gofer") || a.equals("sandbox") || a.equals("boot")) {
                    return "runsc-" + (a.equals("boot") ? "sandbox" : a);
                }
            }
            return "runsc";
        }
        if (!exe.isEmpty()) {
            return exe;
        }
        if (!argv0.isEmpty()) {
            return argv0;
        }
        return shortName == null || shortName.isEmpty() ? "?" : shortName;
    }

    /** Whether a described name is a known VM runner (for messages that say "stop the VM first"). */
    public static boolean isVmRunner(String name) {
        return name.startsWith("qemu-system-") || name.startsWith("runsc") || name.equals("vfkit")
                || name.equals("com.apple.Virtualization.VirtualMachine") || name.equals("krunvm")
                || name.equals("cloud-hypervisor") || name.equals("firecracker") || name.equals("crosvm");
    }

    static String basename(String path) {
        if (path == null || path.isEmpty()) {
            return "";
        }
        String p = path.endsWith(" (deleted)") ? path.substring(0, path.length() - " (deleted)".length()) : path;
        int slash = p.lastIndexOf('/');
        return slash >= 0 ? p.substring(slash + 1) : p;
    }
}
