package dev.vmdisk.io.nativefs;

import java.util.Objects;

/**
 * The answer to {@link NativeFile#tryWriteLease()}: the lease, or why the kernel would not grant it.
 *
 * @param lease   the lease, or null when refused
 * @param refusal why not, or null when granted
 * @param detail  the kernel's words for a refusal ({@code strerror}), or "" when granted
 */
public record LeaseAttempt(WriteLease lease, Refusal refusal, String detail) {
    /** Why a lease was not granted. */
    public enum Refusal {
        /** Another open file of the inode exists (EAGAIN): someone holds it, seen by vmdisk or not. */
        HELD,
        /** Not the file's owner and no {@code CAP_LEASE} (EACCES): no proof either way. */
        NOT_PERMITTED,
        /** The platform or file system has no leases (macOS; EINVAL, leases disabled): no proof either way. */
        UNSUPPORTED
    }

    public LeaseAttempt {
        if ((lease == null) == (refusal == null)) {
            throw new IllegalArgumentException("a lease attempt is granted or refused, not both");
        }
        Objects.requireNonNull(detail);
    }

    public static LeaseAttempt granted(WriteLease lease) {
        return new LeaseAttempt(lease, null, "");
    }

    public static LeaseAttempt refused(Refusal refusal, String detail) {
        return new LeaseAttempt(null, refusal, detail);
    }

    public boolean isGranted() {
        return lease != null;
    }
}
