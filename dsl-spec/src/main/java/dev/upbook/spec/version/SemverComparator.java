package dev.upbook.spec.version;

import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;

/**
 * One primitive comparator of a desugared semver range (node-semver's {@code Comparator}): an
 * operator ({@code ""} for equality, {@code <}, {@code <=}, {@code >}, {@code >=}) and a version,
 * or {@link #ANY} (the empty comparator, which every version passes).
 *
 * @param operator one of {@code "", "<", "<=", ">", ">="}
 * @param semver the version compared with, or null for {@link #ANY}
 */
public record SemverComparator(String operator, SemverVersion semver) {

    /** The empty comparator, which every version passes. */
    public static final SemverComparator ANY = new SemverComparator("", null);

    /** node's null set: the comparator no version passes. */
    private static final String NULL_SET = "<0.0.0-0";

    public SemverComparator {
        Objects.requireNonNull(operator, "operator");
        if (!List.of("", "<", "<=", ">", ">=").contains(operator)) {
            throw new IllegalArgumentException("expected a comparator operator of '', <, <=, > or >=, got '"
                    + operator + "'");
        }
        if (semver == null && !operator.isEmpty()) {
            throw new IllegalArgumentException("expected a version after operator '" + operator + "'");
        }
    }

    /** Reads one primitive comparator as node's {@code new Comparator(comp, options)}. */
    static SemverComparator parse(String comp, SemverOptions options) throws VersionSyntaxException {
        String text = String.join(" ", JsText.splitOnWhiteSpace(JsText.trim(comp)));
        Matcher m = (options.loose() ? SemverPatterns.COMPARATORLOOSE : SemverPatterns.COMPARATOR).matcher(text);
        if (!m.find()) {
            throw new VersionSyntaxException("'" + text + "' is not a comparator such as >=1.2.3");
        }
        String operator = m.group(1) == null || m.group(1).equals("=") ? "" : m.group(1);
        if (m.group(2) == null || m.group(2).isEmpty()) {
            return ANY;
        }
        return new SemverComparator(operator,
                SemverVersion.parse(m.group(2), options.loose() ? SemverOptions.LOOSE : SemverOptions.STRICT));
    }

    /** Whether this is {@link #ANY}. */
    public boolean isAny() {
        return semver == null;
    }

    boolean isNullSet() {
        return value().equals(NULL_SET);
    }

    /** node's {@code comparator.value}: operator and normalized version, or empty for {@link #ANY}. */
    public String value() {
        return semver == null ? "" : operator + semver.normalized();
    }

    /** Whether {@code version} passes this comparator by plain precedence. */
    public boolean test(SemverVersion version) {
        if (semver == null) {
            return true;
        }
        int c = version.compareTo(semver);
        return switch (operator) {
            case "" -> c == 0;
            case "<" -> c < 0;
            case "<=" -> c <= 0;
            case ">" -> c > 0;
            case ">=" -> c >= 0;
            default -> throw new IllegalStateException("unknown comparator operator '" + operator + "'");
        };
    }

    @Override
    public String toString() {
        return value();
    }
}
