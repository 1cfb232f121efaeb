package dev.vmdisk.io.doctor;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.bundle.BundleStatus;
import dev.vmdisk.io.bundle.BundleStatusReader;
import dev.vmdisk.io.bundle.ImageStatus;
import dev.vmdisk.io.bundle.VolumeUsage;
import dev.vmdisk.io.guest.GuestFsReport;
import dev.vmdisk.io.bundle.ImageFigures;
import dev.vmdisk.io.nativefs.NativeFs;
import dev.vmdisk.io.scan.ScanProgress;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The host volume's free space, and for each bundle what {@code vmdisk status} computes: each image's
 * guest file systems, how full they are, and what compact would give back.
 */
final class BundleCheck {
    private final NativeFs fs;

    BundleCheck(NativeFs fs) {
        this.fs = fs;
    }

    Finding hostVolume(String label, VolumeUsage v) {
        String check = "host volume " + label;
        Found found = new Found.HostVolume(v);
        return switch (v.level()) {
            case OK -> Finding.ok(check, found);
            case WARN, FULL -> new Finding(check, v.level() == VolumeUsage.Level.FULL ? Finding.Status.PROBLEM : Finding.Status.WARN,
                    found, "a growing image fails to grow on a full host: sessions fail with No space left on device",
                    "free space on the host: vmdisk compact or vmdisk reset on the bundle's images, vmdisk tmp --clean");
        };
    }

    List<Finding> bundle(Path dir) {
        List<Finding> findings = new ArrayList<>();
        BundleStatus st;
        try {
            st = new BundleStatusReader(fs).read(dir, ScanProgress.NONE);
        } catch (VmdiskException e) {
            findings.add(new Finding("bundle " + dir, Finding.Status.PROBLEM, e.getMessage(),
                    "vmdisk cannot read the bundle the sandbox runs from", "check the path; vmdisk status " + dir + " says more"));
            return findings;
        }
        findings.add(hostVolume("of " + dir, st.volume()));
        for (ImageStatus s : st.images()) {
            String check = "image " + s.image().path();
            if (s.problem().isPresent()) {
                findings.add(new Finding(check, Finding.Status.PROBLEM, s.problem().get().getMessage(),
                        "vmdisk cannot inspect this image", "vmdisk inspect " + s.image().path() + " says more"));
                continue;
            }
            ImageFigures ins = s.figures().orElseThrow();
            for (GuestFsReport g : ins.fileSystems()) {
                Found found = new Found.GuestSpace(g, ins.format().equals("asif"), ins.reclaim());
                findings.add(g.nearlyFull()
                        ? new Finding(check, Finding.Status.PROBLEM, found,
                        "programs in the guest fail with No space left on device even though the host has room",
                        "delete files in the guest, or grow the image")
                        : Finding.ok(check, found));
            }
            if (ins.fileSystems().isEmpty()) {
                findings.add(Finding.ok(check, new Found.NoGuestFs(ins.allocatedBytes(), ins.reclaim())));
            }
        }
        return findings;
    }
}
