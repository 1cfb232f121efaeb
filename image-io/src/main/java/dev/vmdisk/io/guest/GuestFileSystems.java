package dev.vmdisk.io.guest;

import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ContentKind;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.content.PartitionContent;
import dev.vmdisk.io.partition.Partition;

import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Finds the ext2/3/4 file systems of an image: the image itself, or each partition of its MBR or GPT. */
public final class GuestFileSystems {
    private GuestFileSystems() {
    }

    /**
     * Reads what the image on {@code channel} holds and returns its ext file systems in image order.
     *
     * @throws dev.vmdisk.io.BadInputException when a partition table is there but unusable
     */
    public static List<GuestFs> find(FileChannel channel, long imageSize, Path image) {
        return in(ContentDetector.detect(channel, 0, imageSize, image));
    }

    /** The ext file systems in {@code content}, as {@link ContentDetector} found it, in image order. */
    public static List<GuestFs> in(ImageContent content) {
        if (isExt(content.kind())) {
            return List.of(new GuestFs(0, content.offset(), content.length(), content.kind()));
        }
        List<GuestFs> out = new ArrayList<>();
        for (PartitionContent pc : content.partitions()) {
            if (isExt(pc.content().kind())) {
                Partition p = pc.partition();
                out.add(new GuestFs(p.index(), p.startByte(), p.lengthBytes(), pc.content().kind()));
            }
        }
        out.sort(Comparator.comparingLong(GuestFs::offset));
        return List.copyOf(out);
    }

    public static boolean isExt(ContentKind kind) {
        return kind == ContentKind.EXT2 || kind == ContentKind.EXT3 || kind == ContentKind.EXT4;
    }

    /**
     * Names two partitions that overlap ("partitions 1 and 2 overlap"), or returns null. Trimming the
     * free blocks of one could then free blocks the other uses. (The GPT reader already refuses
     * overlaps; an MBR's entries are not checked when read.)
     */
    public static String overlap(ImageContent content) {
        List<Partition> parts = new ArrayList<>();
        content.partitions().forEach(pc -> parts.add(pc.partition()));
        parts.sort(Comparator.comparingLong(Partition::startByte));
        Partition reach = null;
        for (Partition p : parts) {
            if (reach != null && p.startByte() < reach.endByte()) {
                return "partitions " + reach.index() + " and " + p.index() + " overlap";
            }
            if (reach == null || p.endByte() > reach.endByte()) {
                reach = p;
            }
        }
        return null;
    }
}
