package dev.vmdisk.platform.linux;

/** {@code struct flock} on 64-bit Linux, for the OFD lock calls. */
final class FlockLayout {
    static final int SIZE = 32;
    static final int L_TYPE = 0; // short
    static final int L_WHENCE = 2; // short
    static final int L_START = 8; // off_t
    static final int L_LEN = 16; // off_t
    static final int L_PID = 24; // pid_t

    private FlockLayout() {
    }
}
