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
