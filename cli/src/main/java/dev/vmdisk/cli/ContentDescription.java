package dev.vmdisk.cli;

import dev.vmdisk.io.Sizes;
import dev.vmdisk.io.content.ContentFacts;
import dev.vmdisk.io.content.ForeignFormats;
import dev.vmdisk.io.content.ImageContent;

/**
 * The one line that says what a content is, from the figures its detector read: "ext4, 4.0 MiB, 1024-byte blocks",
 * "GPT, 2 partitions", "qcow2, version 3, virtual size 64.0 MiB (67108864 bytes)". Text and JSON
 * ({@code description}) both use it; label, UUID and disk id are added by {@link ContentOutput#summary}.
 */
final class ContentDescription {
    private ContentDescription() {
    }

    static String of(ImageContent c) {
        String name = c.kind().displayName();
        ContentFacts facts = c.facts();
        if (ForeignFormats.isForeign(c.kind())) {
            String detail = foreignDetail(facts);
            return name + ", " + (detail.isEmpty() ? "" : detail + ", ") + virtualSize(c.virtualBytes());
        }
        return switch (c.kind()) {
            case GPT, MBR -> name + ", " + c.partitions().size() + (c.partitions().size() == 1 ? " partition" : " partitions");
            case ASIF -> "ASIF disk image, virtual disk " + size(c.virtualDisk().virtualBytes()) + ", "
                    + size(c.virtualDisk().mappedBytes()) + " of it mapped, " + size(c.virtualDisk().chunkBytes()) + " chunks";
            case EMPTY -> "empty (all zeros)";
            case UNKNOWN -> facts instanceof ContentFacts.Unknown u && u.zeroBytesRead() > 0
                    ? "unknown (no known signature; the first " + size(u.zeroBytesRead()) + " are zeros)"
                    : "unknown (no known signature)";
            default -> volume(name, facts);
        };
    }

    /** A file system, swap or encrypted volume: its name, then what its superblock or header told. */
    private static String volume(String name, ContentFacts facts) {
        if (facts instanceof ContentFacts.Ext e) {
            return name + ", " + size(e.sizeBytes()) + ", " + e.blockBytes() + "-byte blocks"
                    + (e.externalJournalDevice() ? ", external journal device" : "");
        }
        if (facts instanceof ContentFacts.Volume v) {
            return (v.variant() != null ? v.variant() : name) + ", " + size(v.sizeBytes())
                    + (v.blockBytes() > 0 ? ", " + v.blockBytes() + "-byte blocks" : "");
        }
        if (facts instanceof ContentFacts.Swap s) {
            return name + ", " + size(s.sizeBytes()) + ", " + s.pageBytes() + "-byte pages";
        }
        if (facts instanceof ContentFacts.Squashfs q) {
            return name + ", version " + q.major() + "." + q.minor() + ", "
                    + (q.compression() == null ? "unknown" : q.compression()) + ", " + size(q.bytesUsed()) + " used";
        }
        if (facts instanceof ContentFacts.Luks l) {
            return name + ", version " + l.version() + ", encrypted";
        }
        return name;
    }

    /** What another program's image header says of itself, before its virtual size; empty when nothing. */
    private static String foreignDetail(ContentFacts facts) {
        if (facts instanceof ContentFacts.Qcow2 q) {
            return "version " + q.version() + (q.hasBackingFile() ? ", over a backing file" : "");
        }
        if (facts instanceof ContentFacts.Vhd v) {
            long t = v.diskType();
            return t == 2 ? "fixed" : t == 3 ? "dynamic" : t == 4 ? "differencing" : "disk type " + t;
        }
        if (facts instanceof ContentFacts.Vmdk v) {
            return (v.sparse() ? "sparse extent, version " + v.version() : "descriptor")
                    + (v.createType() == null ? "" : ", " + v.createType());
        }
        if (facts instanceof ContentFacts.Vdi v) {
            long t = v.imageType();
            String type = t == 1 ? "dynamic" : t == 2 ? "fixed" : t == 3 ? "undo" : t == 4 ? "differencing"
                    : "image type " + t;
            return "version " + v.major() + "." + v.minor() + ", " + type;
        }
        if (facts instanceof ContentFacts.Udif u) {
            return "version " + u.version();
        }
        if (facts instanceof ContentFacts.SparseImage s) {
            return "version " + s.version() + ", bands of " + size(s.bandBytes());
        }
        return "";
    }

    private static String virtualSize(Long bytes) {
        return bytes == null ? "virtual size not given by the header"
                : "virtual size " + Sizes.human(bytes) + " (" + bytes + " bytes)";
    }

    /** 4194304 -> "4.0 MiB"; a negative size is one the structure does not give. */
    private static String size(long bytes) {
        return bytes < 0 ? "size unknown" : Sizes.human(bytes);
    }
}
