package dev.vmdisk.io;

/**
 * A failure vmdisk expected and can explain in one line. The message is shown to the user
 * as {@code vmdisk: <message>}, so it names the file and says what to do where it can.
 */
public class VmdiskException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final FailureKind kind;

    public VmdiskException(FailureKind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public VmdiskException(FailureKind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public FailureKind kind() {
        return kind;
    }
}
