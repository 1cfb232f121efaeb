package dev.vmdisk.cli;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.CountProgress;
import dev.vmdisk.io.EnvironmentException;
import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.asif.AsifImage;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.content.PartitionContent;
import dev.vmdisk.io.ext4.DiskUsage;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.guest.GuestFileSystems;
import dev.vmdisk.io.guest.GuestFs;
import dev.vmdisk.io.inspect.FileKind;
import dev.vmdisk.io.partition.Partition;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code vmdisk du}: what takes space inside the guest's ext2/3/4 file system, per directory, without mounting. */
@Command(name = "du", mixinStandardHelpOptions = true,
        header = "What takes space inside the guest's ext2/3/4 file system, by directory.",
        description = "Show the space directories take inside the guest's ext2/3/4 file system, like du, "
            + "without mounting the image and without root. Sizes are allocated space; hard links count once.")
final class DuCommand extends VmdiskCommand {

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The raw disk image.")
    Path image;

    @Parameters(index = "1", arity = "0..1", paramLabel = "PATH", defaultValue = "/",
            description = "Directory inside the guest (default: /).")
    String path;

    @Option(names = "--depth", paramLabel = "N", defaultValue = "1",
            description = "List directories down to N levels below PATH (default: ${DEFAULT-VALUE}; -1: all).")
    int depth;

    @Option(names = "--top", paramLabel = "N", description = "List only the N largest directories, largest first.")
    Integer top;

    @ArgGroup(exclusive = true)
    Where where = new Where();

    /** Where the file system is: a partition, or a byte offset; never both. */
    static final class Where {
        @Option(names = "--partition", paramLabel = "N",
                description = "Use partition N of the image's MBR or GPT (default: the image itself if it is ext2/3/4, "
                        + "else its first ext2/3/4 partition).")
        Integer partition;

        @Option(names = "--offset", paramLabel = "BYTES",
                description = "Byte offset of the file system in the image, instead of finding it through the partition table.")
        Long offset;
    }

    @ArgGroup(exclusive = true)
    JsonOrQuiet stdout = new JsonOrQuiet();

    @Mixin
    ProgressOption progress;

    @Mixin
    ColorOption color;

    private static final int BAR_WIDTH = 20;

    @Override
    public Integer call() {
        if (top != null && top < 1) {
            throw new UsageException("--top must be at least 1");
        }
        if (where.offset != null && where.offset < 0) {
            throw new UsageException("--offset must not be negative");
        }
        DiskUsage usage = read();
        List<DiskUsage.Entry> entries = new ArrayList<>(usage.entries());
        if (top != null) {
            entries.sort(Comparator.comparingLong(DiskUsage.Entry::bytes).reversed());
            entries = entries.subList(0, Math.min(top, entries.size()));
        }
        PrintWriter out = out();
        if (stdout.quiet) {
            return 0;
        }
        if (stdout.json) {
            Map<String, Object> doc = JsonDocument.start();
            doc.put("path", image.toString());
            doc.put("guestPath", usage.path());
            doc.put("bytes", usage.bytes());
            List<Object> list = new ArrayList<>();
            for (DiskUsage.Entry e : entries) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("guestPath", e.path());
                m.put("bytes", e.bytes());
                m.put("depth", e.depth());
                list.add(m);
            }
            doc.put("directories", list);
            out.println(Json.write(doc));
        } else {
            boolean pictures = color.pictures();
            for (DiskUsage.Entry e : entries) {
                if (pictures) { // the share of the listed total, as dust and ncdu draw it
                    out.printf("%8s  │%s│ %3d%%  %s%n", Sizes.brief(e.bytes()), Bars.share(e.bytes(), usage.bytes(), BAR_WIDTH),
                            percent(e.bytes(), usage.bytes()), e.path());
                } else {
                    out.printf("%8s  %s%n", Sizes.brief(e.bytes()), e.path());
                }
            }
        }
        return 0;
    }

    private DiskUsage read() {
        FileKind.requireRegularFile(image);
        try (FileChannel file = FileChannel.open(image, StandardOpenOption.READ)) {
            // An ASIF file: read the guest's file system on its virtual disk.
            FileChannel ch = AsifImage.isAsif(file) ? AsifImage.read(file, image).disk() : file;
            long size = ch.size();
            if (where.offset != null) {
                if (where.offset >= size || !Ext4Volume.probe(ch, where.offset, size - where.offset, image)) {
                    throw new BadInputException(image + ": no ext2/3/4 file system at byte " + where.offset);
                }
                return Ext4Volume.open(ch, where.offset, size - where.offset, image).du(path, depth, walkProgress());
            }
            GuestFs fs = locate(ch, size);
            return Ext4Volume.open(ch, fs.offset(), fs.length(), image).du(path, depth, walkProgress());
        } catch (NoSuchFileException e) {
            throw new BadInputException(image + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new EnvironmentException(image + ": permission denied; run as a user who may read it", e);
        } catch (IOException | UncheckedIOException e) {
            throw new EnvironmentException(image + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** A bar of inodes read on stderr when asked or on a terminal (see {@link ProgressOption}). */
    private CountProgress walkProgress() {
        return progress.shown(stdout.quiet) ? ProgressBars.countBar("du " + image.getFileName(), "inodes", err())
                : CountProgress.NONE;
    }

    /** The file system to read: the partition asked for, else the image itself or its first ext partition. */
    private GuestFs locate(FileChannel ch, long size) {
        ImageContent content = ContentDetector.detect(ch, 0, size, image);
        if (where.partition == null) {
            List<GuestFs> found = GuestFileSystems.in(content);
            if (found.isEmpty()) {
                throw new BadInputException(image + ": no ext2/3/4 file system in the image (it holds "
                        + ContentOutput.summary(content) + ")");
            }
            return found.get(0);
        }
        for (PartitionContent pc : content.partitions()) {
            Partition p = pc.partition();
            if (p.index() == where.partition) {
                if (!GuestFileSystems.isExt(pc.content().kind())) {
                    throw new BadInputException(image + ": partition " + where.partition + " holds "
                            + ContentOutput.summary(pc.content()) + ", not an ext2/3/4 file system");
                }
                return new GuestFs(p.index(), p.startByte(), p.lengthBytes(), pc.content().kind());
            }
        }
        String have = content.partitions().stream().map(pc -> String.valueOf(pc.partition().index()))
                .reduce((a, b) -> a + ", " + b).map(list -> "its partitions are " + list).orElse("it has no partition table");
        throw new BadInputException(image + ": no partition " + where.partition + " in the image; " + have);
    }

    private static long percent(long part, long whole) {
        return whole <= 0 ? 0 : Math.round(100.0 * part / whole);
    }
}
