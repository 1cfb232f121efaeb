package dev.vmdisk.io.partition;

/**
 * Why one copy of the GPT (header and its entry array) cannot be used. Only {@link GptReader} sees it:
 * it tries the other copy, and turns the reasons into a {@link dev.vmdisk.io.BadInputException} when
 * neither copy is good.
 */
final class GptDefect extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GptDefect(String reason) {
        super(reason, null, false, false);
    }
}
