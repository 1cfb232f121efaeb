package dev.vmdisk.io.bundle;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.inspect.FileNames;
import dev.vmdisk.io.reset.BaseFormat;
import dev.vmdisk.io.reset.ResetLeftovers;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Finds the images in a VM bundle directory and the bases beside them. Reads names and a few header bytes only. */
public final class BundleScanner {
    /** What an image is called: the raw disks VM bundles hold. */
    private static final List<String> IMAGE_ENDINGS = List.of(".img", ".raw");
    /** Base name endings, in the order they are listed: zstd first, the format bundles ship. */
    private static final List<String> BASE_ENDINGS = baseEndings();

    private BundleScanner() {
    }

    /**
     * The images directly in {@code dir} (not in subdirectories), sorted by name, each with its bases.
     *
     * @throws BadInputException    {@code dir} is missing or not a directory
     * @throws EnvironmentException {@code dir} or a base cannot be read
     */
    public static List<BundleImage> scan(Path dir) {
        if (!Files.exists(dir)) {
            throw new BadInputException(dir + ": no such directory (pass the VM bundle directory that holds the images)");
        }
        if (!Files.isDirectory(dir)) {
            throw new BadInputException(dir + ": not a directory (pass the VM bundle directory that holds the images; for one image use vmdisk inspect)");
        }
        List<Path> images = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (isImageName(p.getFileName().toString()) && Files.isRegularFile(p)) {
                    images.add(p);
                }
            }
        } catch (AccessDeniedException e) {
            throw new EnvironmentException(dir + ": permission denied listing the directory (run as its owner)", e);
        } catch (IOException e) {
            throw new EnvironmentException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        images.sort(Comparator.comparing(p -> p.getFileName().toString()));
        List<BundleImage> found = new ArrayList<>();
        for (Path image : images) {
            // A name Java cannot give back to the OS has no base to look for; whoever uses the image reports it.
            found.add(new BundleImage(image, FileNames.representable(image) ? basesOf(image) : List.of()));
        }
        return found;
    }

    /** Regular files directly in {@code dir} named like a reset's temporary file, sorted by name. */
    static List<Path> resetTemporaries(Path dir) {
        List<Path> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (ResetLeftovers.imageOfTemporary(p.getFileName().toString()) != null
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    found.add(p);
                }
            }
        } catch (IOException e) {
            throw new EnvironmentException(dir + ": cannot list the directory: " + e.getMessage(), e);
        }
        found.sort(Comparator.comparing(p -> p.getFileName().toString()));
        return found;
    }

    /** The bases named after {@code image}, in {@link #BASE_ENDINGS} order. */
    static List<BaseFile> basesOf(Path image) {
        List<BaseFile> bases = new ArrayList<>();
        for (String ending : BASE_ENDINGS) {
            Path base = image.resolveSibling(image.getFileName() + ending);
            if (!Files.isRegularFile(base)) {
                continue;
            }
            try {
                bases.add(new BaseFile(base, Files.size(base), BaseFormat.detect(base),
                        BaseFormat.claimedByName(base.getFileName().toString())));
            } catch (AccessDeniedException e) {
                throw new EnvironmentException(base + ": permission denied reading the base (run as its owner)", e);
            } catch (IOException e) {
                throw new EnvironmentException(base + ": cannot read the base: " + e.getMessage(), e);
            }
        }
        return bases;
    }

    static boolean isImageName(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        // Hidden files are vmdisk's own temporaries (.rootfs.img.vmdisk-reset.tmp) or the OS's.
        return !name.startsWith(".") && IMAGE_ENDINGS.stream().anyMatch(lower::endsWith);
    }

    private static List<String> baseEndings() {
        List<String> endings = new ArrayList<>();
        for (BaseFormat f : BaseFormat.values()) {
            if (f != BaseFormat.RAW) {
                endings.add(f.extension());
            }
        }
        endings.add(".zstd");
        return List.copyOf(endings);
    }
}
