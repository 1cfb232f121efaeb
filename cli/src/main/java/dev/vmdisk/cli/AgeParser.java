package dev.vmdisk.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An age on the command line: a whole number with a unit, {@code s}, {@code m}, {@code h}, {@code d} or
 * {@code w} ({@code 72h}, {@code 3d}, {@code 90m}). A bare number is refused rather than guessed at
 * (seconds, hours or days?).
 */
final class AgeParser implements ITypeConverter<Duration> {
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})\\s*([smhdw])", Pattern.CASE_INSENSITIVE);

    @Override
    public Duration convert(String value) {
        return parse(value);
    }

    static Duration parse(String value) {
        Matcher m = AGE.matcher(value.strip());
        if (!m.matches()) {
            throw new TypeConversionException("'" + value + "' is not an age; write a number and a unit: 30m, 72h, 3d, 1w");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }
}
