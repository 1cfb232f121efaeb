package dev.vmdisk.io.content;

import dev.vmdisk.io.binary.Le;

import java.nio.ByteBuffer;

/**
 * VirtualBox's VDI header (VirtualBox's VDICore.h {@code VDIPREHEADER} and {@code VDIHEADER1}, as QEMU's
 * block/vdi.c lays them out), little-endian: 64 bytes of text, then the signature and the header.
 *
 * @param version     {@code u32Version}: major in the high 16 bits (1.1 is 0x00010001)
 * @param imageType   {@code u32Type}: 1 dynamic, 2 fixed, 3 undo, 4 differencing
 * @param virtualSize {@code cbDisk}: the virtual disk's length in bytes (version 1 headers)
 */
record VdiHeader(long version, long imageType, long virtualSize) {
    static final int SIGNATURE = 0x40;
    static final int VERSION = 0x44;
    static final int IMAGE_TYPE = 0x4C;
    static final int DISK_SIZE = 0x170;
    static final long MAGIC = 0xBEDA107FL;

    static boolean matches(ByteBuffer head) {
        return head.limit() >= 0x200 && Le.u32(head, SIGNATURE) == MAGIC;
    }

    static VdiHeader parse(ByteBuffer head) {
        long version = Le.u32(head, VERSION);
        // Only version 1 headers (every VirtualBox since 1.x) keep cbDisk at 0x170; an older layout's size is not guessed.
        long size = version >> 16 == 1 ? Le.u64(head, DISK_SIZE) : -1;
        return new VdiHeader(version, Le.u32(head, IMAGE_TYPE), size);
    }

    Found found() {
        return ForeignFormats.found(ContentKind.VDI, new ContentFacts.Vdi(version >> 16, version & 0xFFFF, imageType),
                virtualSize);
    }
}
