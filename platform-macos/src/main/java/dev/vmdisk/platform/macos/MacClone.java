package dev.vmdisk.platform.macos;

/** Which {@code fclonefileat(2)} failures mean "this volume cannot clone", so reset keeps the old image by rename. */
final class MacClone {
    private MacClone() {
    }

    /**
     * clonefile(2): ENOTSUP when the volume does not support cloning (HFS+, exFAT, network volumes), EXDEV when
     * source and target are on different volumes; EOPNOTSUPP and ENOTTY as some file systems word the same.
     */
    static boolean unsupported(int errno) {
        return errno == MacErrno.ENOTSUP || errno == MacErrno.EOPNOTSUPP || errno == MacErrno.EXDEV
                || errno == MacErrno.ENOTTY;
    }
}
