package dev.vmdisk.io;

/** The command line asks for something that cannot be done as given (a missing argument a command needs). Exit 2. */
public class UsageException extends VmdiskException {
    private static final long serialVersionUID = 1L;

    public UsageException(String message) {
        super(ExitCode.USAGE, message);
    }
}
