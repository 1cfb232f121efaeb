package dev.vmdisk.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A size on the command line: plain bytes ({@code 1048576}, {@code 512B}) or binary units as vmdisk
 * prints them: {@code K}, {@code M}, {@code G}, {@code T}, each also as {@code KiB} .. {@code TiB}, with an
 * optional fraction ({@code 1.5G}). {@code GB} and the like are refused rather than guessed at (1000 or 1024?).
 */
final class SizeParser implements ITypeConverter<Long> {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([KMGT])(?:iB)?|B)?", Pattern.CASE_INSENSITIVE);
    private static final String UNITS = "KMGT";

    @Override
    public Long convert(String value) {
        return parse(value);
    }

    static long parse(String value) {
        Matcher m = SIZE.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not a size; write bytes or a binary unit: 1073741824, 512M, 1G, 1.5GiB");
        }
        int power = m.group(2) == null ? 0 : 10 * (UNITS.indexOf(m.group(2).toUpperCase(Locale.ROOT)) + 1);
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(2).pow(power));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new TypeConversionException("'" + value + "' is too large");
        }
        return bytes.longValue(); // a fraction of a byte is dropped
    }
}
