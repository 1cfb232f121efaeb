package dev.vmdisk.cli;

import dev.vmdisk.io.bundle.Reclaim;
import dev.vmdisk.io.content.ContentKind;

/**
 * What compact, status and doctor say of an image in another program's format: its guest was not read, so only
 * zero blocks were punched, and which tool gives back the guest's free space.
 */
final class ForeignFormatNote {
    private ForeignFormatNote() {
    }

    /** One line for compact: what was done to such an image and what was not. */
    static String of(ContentKind kind) {
        return "a " + kind.displayName() + " image: the guest inside was not read (its layout is the format's), so compact"
                + " only punches blocks that are already all zeros and every byte of the file reads as before;"
                + " to give back the guest's free space use " + owningTool(kind);
    }

    /** The note of a compact result: the foreign format's line, or "" when the image is none. */
    static String of(dev.vmdisk.io.compact.CompactResult r) {
        return r.foreignFormat() == null ? "" : of(r.foreignFormat());
    }

    /** The note of a reclaim figure: why it is zeros-only or unknown, or the foreign format's line; or "". */
    static String of(Reclaim r) {
        return r.foreignFormat() == null ? r.note() : of(r.foreignFormat());
    }

    /** The tool that owns the format and how it compacts or converts it. */
    static String owningTool(ContentKind kind) {
        return switch (kind) {
            case QCOW2 -> "qemu-img (qemu-img convert -O qcow2 rewrites it without its free clusters)";
            case VHDX, VHD -> "qemu-img, or Hyper-V's Optimize-VHD on Windows";
            case VMDK -> "qemu-img, or VMware's vmware-vdiskmanager -k";
            case VDI -> "VBoxManage (VBoxManage modifymedium --compact)";
            case UDIF, SPARSEIMAGE -> "hdiutil on macOS (hdiutil compact, hdiutil convert)";
            default -> throw new IllegalArgumentException(kind + " is not another program's image format");
        };
    }
}
