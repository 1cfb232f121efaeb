package dev.vmdisk.io.exclusive;

import dev.vmdisk.io.VmdiskException;
import dev.vmdisk.io.nativefs.Access;
import dev.vmdisk.io.nativefs.HolderReport;
import dev.vmdisk.io.nativefs.LeaseAttempt;
import dev.vmdisk.io.nativefs.NativeFile;
import dev.vmdisk.io.nativefs.NativeFs;

import java.nio.file.Path;

/**
 * What a holder scan that could not inspect every process leaves open: is the image held by one of the
 * processes vmdisk could not see? The kernel answers where it grants a write lease for a moment (only to
 * the file's owner or root on Linux): granted, no other open file exists; refused as held, one does.
 * Elsewhere the question stays open, and {@code holders} says so rather than "not held".
 */
public final class UnseenHolders {
    private UnseenHolders() {
    }

    /**
     * @return null when nothing unseen can hold the image (every process was checked, or the kernel's lease
     *         proved it); else one line saying that a process vmdisk cannot see holds it, or that this cannot
     *         be ruled out, and what to do
     */
    public static String check(NativeFs fs, Path image, HolderReport report) {
        if (report.held() || report.unchecked() == 0) {
            return null;
        }
        LeaseAttempt attempt;
        try (NativeFile f = fs.open(image, Access.READ_ONLY)) {
            attempt = f.tryWriteLease();
            if (attempt.isGranted()) {
                attempt.lease().close();
                return null;
            }
        } catch (VmdiskException e) {
            return "cannot rule out a holder among them (" + e.getMessage() + "); run vmdisk with sudo to check every process";
        }
        if (attempt.refusal() == LeaseAttempt.Refusal.HELD) {
            return "held by a process vmdisk cannot see: the kernel refused a write lease because another open file of it"
                    + " exists; run vmdisk holders as root to name it";
        }
        return "cannot rule out a holder among them: " + (attempt.refusal() == LeaseAttempt.Refusal.NOT_PERMITTED
                ? "the kernel proves it (a write lease) only for the file's owner or root"
                : "this system offers no write lease to prove it") + "; run vmdisk with sudo to check every process";
    }
}
