package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.ReadAt;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * Disk image formats of other programs (qcow2, VHDX, VHD, VMDK, VDI, Apple's UDIF and sparse images),
 * told by their magic. vmdisk names them and their virtual size but never reads the guest inside: its
 * bytes are laid out by the format, so a partition table or file system seen at a raw offset would be a
 * guess. Compacting one therefore only punches blocks that are already all zeros, which leaves every
 * byte of the file as it was; anything more is the owning tool's job.
 */
public final class ForeignFormats {
    private ForeignFormats() {
    }

    /** Whether {@code kind} is one of these formats. */
    public static boolean isForeign(ContentKind kind) {
        return switch (kind) {
            case QCOW2, VHDX, VHD, VMDK, VDI, UDIF, SPARSEIMAGE -> true;
            default -> false;
        };
    }

    /** The tool that owns the format and how it compacts or converts it. */
    public static String owningTool(ContentKind kind) {
        return switch (kind) {
            case QCOW2 -> "qemu-img (qemu-img convert -O qcow2 rewrites it without its free clusters)";
            case VHDX, VHD -> "qemu-img, or Hyper-V's Optimize-VHD on Windows";
            case VMDK -> "qemu-img, or VMware's vmware-vdiskmanager -k";
            case VDI -> "VBoxManage (VBoxManage modifymedium --compact)";
            case UDIF, SPARSEIMAGE -> "hdiutil on macOS (hdiutil compact, hdiutil convert)";
            default -> throw new IllegalArgumentException(kind + " is not another program's image format");
        };
    }

    /** One line for compact: what was done to such an image and what was not. */
    public static String compactNote(ContentKind kind) {
        return "a " + kind.displayName() + " image: the guest inside was not read (its layout is the format's), so compact"
                + " only punches blocks that are already all zeros and every byte of the file reads as before;"
                + " to give back the guest's free space use " + owningTool(kind);
    }

    /**
     * The format of the whole image on {@code ch}, from its first bytes ({@code head}) and its last 512,
     * or null when it is none of these.
     *
     * @throws dev.vmdisk.io.BadInputException when a VHDX's tables are damaged or cut short
     */
    static Found probe(FileChannel ch, ByteBuffer head, long length, Path image) {
        if (Qcow2Header.matches(head)) {
            return Qcow2Header.parse(head).found();
        }
        if (VhdxHeader.matches(head)) {
            return VhdxHeader.read(ch, length, image).found();
        }
        if (VhdFooter.matches(head, 0)) {
            return VhdFooter.parse(head, 0).found();
        }
        if (VmdkHeader.matches(head)) {
            return VmdkHeader.parse(head).found();
        }
        if (VdiHeader.matches(head)) {
            return VdiHeader.parse(head).found();
        }
        if (SparseImageHeader.matches(head)) {
            return SparseImageHeader.parse(head).found();
        }
        if (length < UdifTrailer.LENGTH) {
            return null;
        }
        // UDIF and a fixed VHD keep their marks at the end: the start is the disk itself (or compressed blocks).
        ByteBuffer tail = ReadAt.fully(ch, length - UdifTrailer.LENGTH, UdifTrailer.LENGTH, image, "last 512 bytes");
        if (UdifTrailer.matches(tail)) {
            return UdifTrailer.parse(tail).found();
        }
        if (VhdFooter.matches(tail, 0)) {
            return VhdFooter.parse(tail, 0).found();
        }
        return null;
    }

    /** What a probe found: the header's figures and the virtual size, -1 when the header does not give one. */
    static Found found(ContentKind kind, ContentFacts facts, long virtualSize) {
        return new Found(kind, facts, virtualSize, null, null);
    }
}
