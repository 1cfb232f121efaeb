package dev.vmdisk.io;

/** The operating system refused: permission, no space, no hole punching, an unsupported OS. The CLI exits 5. */
public class EnvironmentException extends VmdiskException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(FailureKind.ENVIRONMENT, message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(FailureKind.ENVIRONMENT, message, cause);
    }
}
