package dev.vmdisk.io.asif;

import dev.vmdisk.io.BadInputException;
import dev.vmdisk.io.content.ContentDetector;
import dev.vmdisk.io.content.ImageContent;
import dev.vmdisk.io.ext4.Ext4Info;
import dev.vmdisk.io.ext4.Ext4Volume;
import dev.vmdisk.io.guest.GuestFileSystems;
import dev.vmdisk.io.guest.GuestFs;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.scan.DataExtents;
import dev.vmdisk.io.scan.Extent;

import java.nio.channels.FileChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What compacting an ASIF file may punch, found by reading only: the guest's ext file systems on the
 * virtual disk, their free runs resolved to host ranges inside data chunks ({@link AsifImage#forEachHostPiece},
 * each piece aligned inward to the host's block, then cut to what the host allocates), and the rest of the
 * data chunks' allocated bytes, for the zero scan. Nothing outside data chunks is ever in either list.
 *
 * @param content   what the virtual disk holds
 * @param reports   each ext file system on it, with how much of its free space the host still allocates
 * @param free      host ranges of guest free space that the host allocates, sorted and disjoint
 * @param rest      the data chunks' allocated host ranges less {@code free}, sorted: what the zero scan reads
 * @param data      the punchable data chunks' allocated host ranges, sorted: all that compaction may ever punch
 */
public record AsifSurvey(ImageContent content, List<GuestFsReport> reports, List<Extent> free, List<Extent> rest,
                         List<Extent> data) {

    /** Total bytes of {@link #free}. */
    public long freeBytes() {
        return HostRanges.bytes(free);
    }

    /** Bytes the zero scan reads. */
    public long restBytes() {
        return HostRanges.bytes(rest);
    }

    /**
     * Surveys the ASIF image open as {@code file} (and read into {@code asif} through the same descriptor).
     *
     * @param trim     whether the guest's free space is wanted at all (not with --zeros-only)
     * @param strict   refuse (rather than report) a file system that may not be trimmed, as compact does
     * @param content  what the virtual disk holds, when the caller has read it already; else null
     * @throws BadInputException with {@code strict} when a guest file system may not be trimmed
     */
    public static AsifSurvey of(NativeFile file, AsifImage asif, boolean trim, boolean strict, ImageContent content) {
        FileChannel disk = asif.disk();
        ImageContent inner = content != null ? content : ContentDetector.detect(disk, 0, asif.virtualSize(), asif.path());
        int block = file.fsBlockSize();
        List<GuestFsReport> reports = new ArrayList<>();
        List<Extent> pieces = new ArrayList<>();
        List<GuestFs> found = GuestFileSystems.in(inner);
        String overlap = GuestFileSystems.overlap(inner);
        if (trim && strict && !found.isEmpty() && overlap != null) {
            throw new BadInputException(asif.path() + ": cannot trim: " + overlap + " in the virtual disk's partition table");
        }
        List<Extent> data = HostRanges.intersect(alignedDataChunks(asif, block), DataExtents.of(file));
        for (GuestFs g : found) {
            if (!trim) {
                break;
            }
            List<Extent> mine = new ArrayList<>();
            GuestFsReport report = survey(disk, asif, g, block, mine);
            if (strict && !report.trimAllowed()) {
                throw new BadInputException(asif.path() + ": cannot trim the " + g.kind().displayName()
                        + " file system in " + g.where() + " of the ASIF virtual disk: " + report.trimReason()
                        + "; nothing was changed (vmdisk compact --zeros-only still punches the all-zero blocks)");
            }
            if (report.trimAllowed()) {
                List<Extent> allocated = HostRanges.intersect(HostRanges.normalise(mine), data);
                pieces.addAll(allocated);
                report = withHostAllocated(report, HostRanges.bytes(allocated));
            }
            reports.add(report);
        }
        List<Extent> free = HostRanges.normalise(pieces);
        return new AsifSurvey(inner, reports, free, HostRanges.subtract(data, free), data);
    }

    /** The punchable data chunks' host extents, the last one's end cut down to the host block (it may end mid-block). */
    private static List<Extent> alignedDataChunks(AsifImage asif, int block) {
        List<Extent> out = new ArrayList<>();
        for (Extent e : asif.dataChunkExtents()) {
            long s = (e.offset() + block - 1) & -block;
            long t = e.end() & -block;
            if (s < t) {
                out.add(new Extent(s, t - s));
            }
        }
        return HostRanges.normalise(out);
    }

    private static GuestFsReport survey(FileChannel disk, AsifImage asif, GuestFs g, int block, List<Extent> out) {
        Ext4Volume volume;
        Ext4Info info;
        try {
            volume = Ext4Volume.open(disk, g.offset(), g.length(), asif.path());
            info = volume.info();
        } catch (BadInputException e) {
            return new GuestFsReport(g, null, null, -1, -1, -1, "unreadable", false, reason(e, asif), -1);
        }
        if (!info.trim().allowed()) {
            return report(g, info, false, info.trim().reason());
        }
        try {
            // Free runs come in virtual order; each is resolved chunk by chunk, aligned inward to the host block.
            volume.forEachFreeRun((offset, length) -> asif.forEachHostPiece(offset, offset + length, (h, len, v) -> {
                long s = (h + block - 1) & -block;
                long t = (h + len) & -block;
                if (s < t) {
                    out.add(new Extent(s, t - s));
                }
            }));
        } catch (BadInputException e) {
            out.clear();
            return report(g, info, false, reason(e, asif));
        }
        return report(g, info, true, info.trim().reason());
    }

    private static GuestFsReport report(GuestFs g, Ext4Info info, boolean allowed, String reason) {
        String label = info.label() == null || info.label().isEmpty() ? null : info.label();
        return new GuestFsReport(g, label, info.uuid(), info.sizeBytes(), info.usedBytes(), info.freeBytes(), info.state(),
                allowed, reason, -1);
    }

    private static GuestFsReport withHostAllocated(GuestFsReport r, long bytes) {
        return new GuestFsReport(r.fs(), r.label(), r.uuid(), r.sizeBytes(), r.usedBytes(), r.freeBytes(), r.state(),
                r.trimAllowed(), r.trimReason(), bytes);
    }

    private static String reason(BadInputException e, AsifImage asif) {
        String m = e.getMessage();
        String prefix = asif.path() + ": ";
        return m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }
}
