package dev.vmdisk.io;

/** The request cannot be done as given: something the caller must name or choose differently. */
public class RequestException extends VmdiskException {
    private static final long serialVersionUID = 1L;

    public RequestException(String message) {
        super(FailureKind.REQUEST, message);
    }
}
