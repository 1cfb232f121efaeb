package dev.vmdisk.io;

/** The input is not what vmdisk can work on: missing, not a regular file, corrupt, truncated. The CLI exits 4. */
public class BadInputException extends VmdiskException {
    private static final long serialVersionUID = 1L;

    public BadInputException(String message) {
        super(FailureKind.BAD_INPUT, message);
    }

    public BadInputException(String message, Throwable cause) {
        super(FailureKind.BAD_INPUT, message, cause);
    }
}
