package dev.vmdisk.io.bundle;

import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.reset.ResetLeftovers;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Every entry directly in a bundle directory, by kind, with the names the Claude app uses (gathered from user
 * reports: {@code vmlinuz}, {@code initrd}, {@code initrd-micro} and their {@code .zst}; {@code efivars.fd},
 * {@code macAddress}, {@code machineIdentifier}, {@code vmIP}, {@code gvisorMacAddress}; hidden markers
 * {@code .NAME.origin}, {@code .cowork-adopted}, {@code .sdk-version}, {@code .auto_reinstall_attempted};
 * {@code *.partial} downloads). Reads names, attributes and allocations only.
 */
final class BundleFiles {
    private static final Set<String> KERNELS = Set.of("vmlinuz");
    private static final Set<String> INITRDS = Set.of("initrd", "initrd-micro");
    private static final Set<String> VM_SETTINGS = Set.of("efivars.fd", "macAddress", "machineIdentifier", "vmIP",
            "gvisorMacAddress");
    private static final Set<String> APP_MARKERS = Set.of(".cowork-adopted", ".sdk-version", ".auto_reinstall_attempted");
    /** vmdisk's own hidden names: reset's temporary file, second name and clone, --sessions' second name, the marker's temporary. */
    private static final List<String> VMDISK_SUFFIXES = List.of(".vmdisk-reset.tmp", ".vmdisk-reset.old", ".vmdisk-reset.clone", ".vmdisk-prune.clone",
            ".vmdisk-removing", ".vmdisk-tmp");

    private BundleFiles() {
    }

    /**
     * @param images           the bundle's images
     * @param bases            their bases
     * @param downloadHolders  the holders of each {@code *.partial}; one that is held is a download in progress
     * @param du               counts allocations, each inode once over the whole bundle
     */
    static List<BundleEntry> of(Path dir, Set<Path> images, Set<Path> bases, Map<Path, HolderReport> downloadHolders,
                                HostDiskUsage du) {
        List<Path> entries = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(entries::add);
        } catch (IOException e) {
            throw new EnvironmentException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        entries.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<BundleEntry> out = new ArrayList<>();
        for (Path p : entries) {
            String name = p.getFileName().toString();
            BundleFileKind kind;
            String belongsTo = null;
            HolderReport holders = null;
            if (images.contains(p)) {
                kind = BundleFileKind.IMAGE;
            } else if (bases.contains(p)) {
                kind = BundleFileKind.BASE;
                belongsTo = name.substring(0, name.lastIndexOf('.'));
            } else if (name.endsWith(DownloadsInProgress.SUFFIX) && downloadHolders.containsKey(p)) {
                holders = downloadHolders.get(p);
                kind = holders.held() ? BundleFileKind.DOWNLOAD_IN_PROGRESS : BundleFileKind.STALLED_DOWNLOAD;
            } else {
                kind = byName(name);
                belongsTo = belongsTo(kind, name);
            }
            long apparent = apparentBytes(p);
            out.add(new BundleEntry(p, kind, apparent, du.of(p), belongsTo, holders, null));
        }
        return out;
    }

    static BundleFileKind byName(String name) {
        if (KERNELS.contains(name)) {
            return BundleFileKind.KERNEL;
        }
        if (INITRDS.contains(name)) {
            return BundleFileKind.INITRD;
        }
        if (name.endsWith(".zst") && (KERNELS.contains(stem(name)) || INITRDS.contains(stem(name)))) {
            return BundleFileKind.KERNEL_FILE_BASE;
        }
        if (VM_SETTINGS.contains(name)) {
            return BundleFileKind.VM_SETTING;
        }
        if (APP_MARKERS.contains(name)) {
            return BundleFileKind.APP_MARKER;
        }
        if (name.startsWith(".") && VMDISK_SUFFIXES.stream().anyMatch(name::endsWith)) {
            return BundleFileKind.RESET_LEFTOVER;
        }
        if (name.startsWith(".") && name.endsWith(".origin") && name.length() > ".origin".length() + 1) {
            return BundleFileKind.RELEASE_MARKER;
        }
        if (name.endsWith(".old") && BundleScanner.isImageName(stem(name))) {
            return BundleFileKind.KEPT_OLD_IMAGE;
        }
        return BundleFileKind.OTHER;
    }

    /** The file a marker, kernel base, kept copy or reset leftover belongs to, by its name; else null. */
    private static String belongsTo(BundleFileKind kind, String name) {
        return switch (kind) {
            case RELEASE_MARKER -> name.substring(1, name.length() - ".origin".length());
            case KERNEL_FILE_BASE, KEPT_OLD_IMAGE -> stem(name);
            case RESET_LEFTOVER -> ResetLeftovers.imageOfTemporary(name);
            default -> null;
        };
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? name : name.substring(0, dot);
    }

    /** A regular file's length, a directory's regular files' lengths, a link's own length. */
    static long apparentBytes(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!a.isDirectory()) {
                return a.size();
            }
            try (Stream<Path> all = Files.walk(p)) {
                return all.mapToLong(q -> {
                    try {
                        BasicFileAttributes b = Files.readAttributes(q, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                        return b.isRegularFile() ? b.size() : 0;
                    } catch (IOException e) {
                        return 0;
                    }
                }).sum();
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            return 0; // gone since the listing or unreadable; the allocation walk reports it
        }
    }
}
