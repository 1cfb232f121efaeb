package dev.vmdisk.io.partition;

/**
 * One partition of a table, in bytes from the start of the image.
 *
 * @param index    the slot number as Linux numbers it ({@code sda2} is 2): GPT entry or MBR slot, from 1
 * @param type     GPT: the type GUID; MBR: the type byte as {@code 0x83}
 * @param typeName the name sfdisk shows for the type ("Linux filesystem", "EFI System"), or "unknown"
 * @param uuid     GPT: the partition's unique GUID; MBR: the PARTUUID Linux derives ({@code 1234abcd-01})
 * @param name     GPT: the partition name (may be empty); MBR: null
 */
public record Partition(int index, long startByte, long lengthBytes, String type, String typeName,
                        String uuid, String name) {
    public long endByte() {
        return startByte + lengthBytes;
    }
}
