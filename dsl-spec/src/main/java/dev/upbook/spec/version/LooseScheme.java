package dev.upbook.spec.version;

/**
 * The {@code loose} scheme, for products that number releases loosely: {@code 3.60.00},
 * {@code 4.01.204}, {@code v1.6 RC1}, {@code 1.6RC1}, {@code 1.6-rc.1}, {@code 1.6 beta 2},
 * {@code 4.0.0-alpha.3}.
 *
 * <p><b>Versions</b> ({@link LooseVersion}): an optional {@code v} or {@code V}, one or more
 * dot-separated numbers (leading zeros allowed), then optionally one qualifier word and a number,
 * each after an optional separator ({@code -}, {@code .}, {@code _} or spaces). Trailing zero
 * components do not count ({@code 3.60.00} = {@code 3.60.0} = {@code 3.60}). A qualified version
 * is a pre-release and sorts before its release, as the products mean it:
 * {@code 1.6 RC1 < 1.6 RC2 < 1.6 < 1.6.0.1 < 1.6.1}. Qualifier ranks: dev &lt; unknown words
 * (alphabetically among themselves) &lt; alpha ({@code a}) &lt; beta ({@code b}) &lt; pre
 * ({@code preview}) &lt; rc ({@code cr}); then the number, numerically, with no number first.
 * Case does not matter. {@link Version#normalized()} gives {@code 1.6.0-rc.1}.
 *
 * <p><b>Ranges</b> ({@link LooseRange}): {@code < <= > >= =} comparators (a bare version is
 * {@code =}), space-separated AND, {@code ||} OR, {@code *} and inclusive hyphen ranges
 * {@code A - B}. No x-ranges, tildes or carets. Pre-releases are matched by plain precedence:
 * {@code >=1.6 RC1} contains {@code 1.6 RC2}, and {@code <1.7} contains {@code 1.7 RC1}.
 *
 * <p>Rejected, with a message that says what was expected: the empty string, {@code 1..2},
 * {@code abc}, {@code 1.2.x}, negative numbers, numbers above {@link Long#MAX_VALUE}, more than
 * {@value LooseVersion#MAX_LENGTH} characters.
 */
public final class LooseScheme implements VersionScheme {

    /** The scheme's name in playbooks. */
    public static final String NAME = "loose";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public LooseVersion parse(String text) throws VersionSyntaxException {
        return LooseVersion.parse(text);
    }

    @Override
    public LooseRange parseRange(String text) throws VersionSyntaxException {
        return LooseRange.parse(text);
    }

    @Override
    public String toString() {
        return NAME;
    }
}
