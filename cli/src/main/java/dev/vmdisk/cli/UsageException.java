package dev.vmdisk.cli;

import dev.vmdisk.io.RequestException;

/** The command line asks for something that cannot be done as given (options that do not go together). Exit 2. */
class UsageException extends RequestException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
