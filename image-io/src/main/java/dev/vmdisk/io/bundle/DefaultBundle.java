package dev.vmdisk.io.bundle;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/** Where the VM bundle is when none is named: the Claude desktop app's on macOS; nowhere known elsewhere. */
public final class DefaultBundle {
    private DefaultBundle() {
    }

    /**
     * The default bundle directory for a user with home {@code home} on {@code osName}
     * ({@code System.getProperty("os.name")}), or empty where there is none.
     */
    public static Optional<Path> location(String osName, Path home) {
        if (osName.toLowerCase(Locale.ROOT).startsWith("mac")) {
            return Optional.of(home.resolve("Library/Application Support/Claude/vm_bundles/claudevm.bundle"));
        }
        return Optional.empty();
    }
}
