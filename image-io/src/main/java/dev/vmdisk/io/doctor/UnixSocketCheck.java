package dev.vmdisk.io.doctor;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Whether a Unix-domain socket can be created and bound in a directory, as a sandbox's bridges
 * ({@code socat UNIX-LISTEN:/tmp/claude-http-….sock}) need: first {@code socket(AF_UNIX)}, then
 * {@code bind} of a path there. When one fails, the errno says whose doing it is.
 */
final class UnixSocketCheck {
    static final String CHECK = "unix socket";

    /** {@code sizeof(sun_path)}: 108 on Linux, 104 on macOS and the BSDs; a path needs its NUL too. */
    private final int sunPathBytes;

    /** strerror texts the JDK puts in its exceptions, by errno name. */
    private static final Map<String, String> ERRNO = Map.of(
            "Operation not permitted", "EPERM",
            "Permission denied", "EACCES",
            "Function not implemented", "ENOSYS",
            "Address family not supported by protocol", "EAFNOSUPPORT",
            "Read-only file system", "EROFS",
            "No space left on device", "ENOSPC",
            "Disk quota exceeded", "EDQUOT",
            "File name too long", "ENAMETOOLONG");

    UnixSocketCheck(String osName) {
        this.sunPathBytes = osName.toLowerCase(Locale.ROOT).startsWith("linux") ? 108 : 104;
    }

    Finding run(String label, Path dir) {
        String check = CHECK + " in " + label;
        if (!Files.isDirectory(dir)) {
            return Finding.unknown(check, dir + " is not a directory here");
        }
        Path sock = dir.resolve("vmdisk-doctor-" + ProcessHandle.current().pid() + ".sock");
        int bytes = sock.toString().getBytes(StandardCharsets.UTF_8).length;
        if (bytes >= sunPathBytes) {
            return new Finding(check, Finding.Status.PROBLEM, "a socket path in " + dir + " is " + bytes
                    + " bytes; sun_path holds " + (sunPathBytes - 1) + " and a NUL",
                    "bind fails (ENAMETOOLONG or a truncated path) for every socket the sandbox makes there",
                    "point " + label + " at a shorter directory (e.g. export TMPDIR=/tmp/claude-$(id -u))");
        }
        ServerSocketChannel channel;
        try {
            channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        } catch (IOException | UnsupportedOperationException e) {
            String errno = errno(e);
            return new Finding(check, Finding.Status.PROBLEM, "socket(AF_UNIX) refused: " + errno + " (" + e.getMessage() + ")",
                    errno.startsWith("EPERM") || errno.startsWith("EACCES") || errno.startsWith("ENOSYS")
                            ? "a seccomp filter (or an LSM such as AppArmor) refuses Unix sockets to this process: the sandbox's bridges "
                            + "never create their sockets (\"Failed to create bridge sockets after 5 attempts\")"
                            : "this process cannot create Unix sockets, so the sandbox's bridges cannot start",
                    "start the agent outside the sandbox or service that installs the filter, or allow socket(AF_UNIX) in it "
                            + "(systemd: RestrictAddressFamilies= must include AF_UNIX; SystemCallFilter= must allow socket)");
        }
        try (channel) {
            channel.bind(UnixDomainSocketAddress.of(sock));
            removeOwn(sock); // only after this run bound it: never a file that was there before
            return Finding.ok(check, "created and bound " + sock);
        } catch (IOException e) {
            String errno = errno(e);
            String why = switch (errno.split(" ")[0]) {
                case "EROFS" -> dir + " is on a read-only mount here";
                case "ENOSPC", "EDQUOT" -> "the file system or the user's quota under " + dir + " is full (no inode for the socket)";
                case "EACCES", "EPERM" -> "this user may not create files in " + dir;
                default -> "the sandbox's bridges cannot bind their sockets there";
            };
            return new Finding(check, Finding.Status.PROBLEM, "bind " + sock + " refused: " + errno + " (" + e.getMessage() + ")",
                    why + "; the sandbox's bridges never create their sockets",
                    errno.startsWith("ENOSPC") || errno.startsWith("EDQUOT") ? "free space there (vmdisk tmp --clean), or raise the quota"
                            : "point " + label + " at a writable directory, or fix the mount or permissions of " + dir);
        }
    }

    private static void removeOwn(Path sock) {
        try {
            Files.deleteIfExists(sock);
        } catch (IOException e) {
            // left behind in a temp directory: harmless, and the next sweep removes it
        }
    }

    private static String errno(Exception e) {
        String m = String.valueOf(e.getMessage());
        for (Map.Entry<String, String> x : ERRNO.entrySet()) {
            if (m.contains(x.getKey())) {
                return x.getValue();
            }
        }
        return "errno unknown";
    }
}
