package dev.upbook.steps.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sizes as written in playbooks: {@code 2GiB}, {@code 500MB}, {@code 1.5 GB}, {@code 4096},
 * {@code 100 bytes}. KB/MB/GB/TB are powers of 1000, KiB/MiB/GiB/TiB powers of 1024; units ignore case.
 */
public final class ByteSizes {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([a-z]*)");
    private static final Map<String, Long> UNITS = Map.ofEntries(
            Map.entry("", 1L), Map.entry("b", 1L), Map.entry("byte", 1L), Map.entry("bytes", 1L),
            Map.entry("kb", 1_000L), Map.entry("mb", 1_000_000L), Map.entry("gb", 1_000_000_000L), Map.entry("tb", 1_000_000_000_000L),
            Map.entry("kib", 1L << 10), Map.entry("mib", 1L << 20), Map.entry("gib", 1L << 30), Map.entry("tib", 1L << 40));
    private static final String[] BINARY = {"bytes", "KiB", "MiB", "GiB", "TiB", "PiB"};

    private ByteSizes() {}

    /** The number of bytes, or empty when {@code text} is not a size. */
    public static Optional<Long> parse(String text) {
        Matcher m = SIZE.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!m.matches() || !UNITS.containsKey(m.group(2))) return Optional.empty();
        try {
            BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(UNITS.get(m.group(2))));
            return Optional.of(bytes.longValueExact());
        } catch (ArithmeticException e) {
            return Optional.empty(); // a fraction of a byte, or beyond a long
        }
    }

    /** A size for people: {@code 512 bytes}, {@code 1.5 GiB}. */
    public static String format(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < BINARY.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0) return bytes + " bytes";
        return String.format(Locale.ROOT, value >= 100 ? "%.0f %s" : "%.1f %s", value, BINARY[unit]);
    }
}
