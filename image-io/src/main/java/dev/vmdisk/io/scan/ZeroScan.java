package dev.vmdisk.io.scan;

/**
 * What a {@link ZeroScanner} found.
 *
 * @param scannedBytes data bytes read (holes are skipped, never read)
 * @param zeroBytes    bytes in whole all-zero blocks inside data extents: what punching would free
 * @param runs         how many separate runs of zero blocks there are
 */
public record ZeroScan(long scannedBytes, long zeroBytes, long runs) {
}
