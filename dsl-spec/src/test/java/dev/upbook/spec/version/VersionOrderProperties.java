package dev.upbook.spec.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * Both schemes order versions totally and consistently with equals and hashCode, read their own
 * normal form back to an equal version, and sort the same whatever the input order. The
 * generators write valid versions in many spellings, from small domains so that equal versions
 * written differently come up often.
 */
class VersionOrderProperties {

    private static final SemverScheme SEMVER = new SemverScheme();
    private static final LooseScheme LOOSE = new LooseScheme();

    // --- semver ----------------------------------------------------------------------------

    @Property
    void semverOrderIsTotalAndAgreesWithEquals(@ForAll("semver") Version a, @ForAll("semver") Version b,
            @ForAll("semver") Version c) {
        assertTotalOrder(a, b, c);
    }

    @Property
    void semverNormalFormReadsBackEqual(@ForAll("semver") Version v) throws VersionSyntaxException {
        assertReadsBack(SEMVER, v);
    }

    @Property
    void semverSortIsIndependentOfInputOrder(@ForAll @Size(max = 40) List<@From("semver") Version> versions,
            @ForAll long seed) {
        assertSortIgnoresOrder(versions, seed);
    }

    @Property
    void semverPrereleaseSortsBeforeItsRelease(@ForAll("semver") Version v) {
        SemverVersion pre = (SemverVersion) v;
        SemverVersion release = new SemverVersion(pre.normalized(), pre.major(), pre.minor(), pre.patch(), List.of(),
                List.of());
        assertEquals(pre.isPrerelease(), pre.compareTo(release) < 0, pre.text());
        assertEquals(!pre.isPrerelease(), pre.equals(release), pre.text());
    }

    @Provide
    Arbitrary<Version> semver() {
        Arbitrary<Long> number = Arbitraries.oneOf(Arbitraries.longs().between(0, 3),
                Arbitraries.of(10L, SemverScheme.MAX_SAFE_INTEGER));
        Arbitrary<String> identifier = Arbitraries.oneOf(
                Arbitraries.longs().between(0, 12).map(String::valueOf),
                Arbitraries.of("alpha", "beta", "rc", "a1", "1a", "x-y", "-", "RC", "0a", "90071992547409930"));
        Arbitrary<List<String>> prerelease = identifier.list().ofMaxSize(3);
        Arbitrary<String> build = Arbitraries.of("", "+b", "+build.7", "+0.x-y");
        Arbitrary<Boolean> loose = Arbitraries.of(false, true);
        Arbitrary<String> around = Arbitraries.of("", " ", "\t", "\u00A0", " \n");
        return Combinators.combine(number.list().ofSize(3), prerelease, build, loose, around, Arbitraries.integers().between(0, 7))
                .as((numbers, pre, b, isLoose, space, style) -> {
                    String text = isLoose ? looseSemverSpelling(numbers, pre, style) : strictSemverSpelling(numbers, pre, style);
                    return parse(SEMVER, space + text + b + space,
                            isLoose ? SemverOptions.LOOSE : SemverOptions.STRICT);
                });
    }

    private static String strictSemverSpelling(List<Long> numbers, List<String> pre, int style) {
        String prefix = style % 2 == 0 ? "" : "v";
        String release = numbers.stream().map(String::valueOf).collect(Collectors.joining("."));
        return prefix + release + (pre.isEmpty() ? "" : "-" + String.join(".", pre));
    }

    /** node's loose spellings: {@code =}/{@code v} prefixes with spaces, leading zeros, no hyphen before a letter. */
    private static String looseSemverSpelling(List<Long> numbers, List<String> pre, int style) {
        String prefix = List.of("", "=", "v", "= v ", "=v", " v ", "v=", "==").get(style);
        String zeros = style % 3 == 0 ? "0" : "";
        String release = numbers.stream().map(n -> zeros + n).collect(Collectors.joining("."));
        if (pre.isEmpty()) {
            return prefix + release;
        }
        List<String> ids = pre.stream().map(id -> id.matches("[0-9]+") ? zeros + id : id).toList();
        boolean hyphenOptional = Character.isLetter(ids.get(0).charAt(0)) && style % 2 == 1;
        return prefix + release + (hyphenOptional ? "" : "-") + String.join(".", ids);
    }

    // --- loose -----------------------------------------------------------------------------

    @Property
    void looseOrderIsTotalAndAgreesWithEquals(@ForAll("loose") Version a, @ForAll("loose") Version b,
            @ForAll("loose") Version c) {
        assertTotalOrder(a, b, c);
    }

    @Property
    void looseNormalFormReadsBackEqual(@ForAll("loose") Version v) throws VersionSyntaxException {
        assertReadsBack(LOOSE, v);
    }

    @Property
    void looseSortIsIndependentOfInputOrder(@ForAll @Size(max = 40) List<@From("loose") Version> versions,
            @ForAll long seed) {
        assertSortIgnoresOrder(versions, seed);
    }

    @Property
    void loosePrereleaseSortsBeforeItsReleaseAndAfterTheOneBefore(@ForAll("loose") Version v) {
        LooseVersion pre = (LooseVersion) v;
        LooseVersion release = new LooseVersion(pre.text(), pre.release(), Optional.empty());
        assertEquals(pre.isPrerelease(), pre.compareTo(release) < 0, pre.text());
        if (!pre.release().isEmpty()) {
            List<Long> lower = new ArrayList<>(pre.release());
            int last = lower.size() - 1;
            lower.set(last, lower.get(last) - 1);
            LooseVersion before = new LooseVersion("lower", lower, Optional.empty());
            assertTrue(before.compareTo(pre) < 0, before.normalized() + " < " + pre.text());
        }
    }

    @Provide
    Arbitrary<Version> loose() {
        Arbitrary<String> number = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 4).map(String::valueOf),
                Arbitraries.of("00", "01", "060", "10", "204", "9223372036854775807"));
        Arbitrary<String> release = number.list().ofMinSize(1).ofMaxSize(5).map(parts -> String.join(".", parts));
        Arbitrary<String> prefix = Arbitraries.of("", "", "v", "V");
        Arbitrary<String> separator = Arbitraries.of("", "-", ".", "_", " ", "   ");
        Arbitrary<String> word = Arbitraries.of("dev", "alpha", "a", "ALPHA", "beta", "b", "Beta", "pre", "preview",
                "rc", "RC", "cr", "foo", "bar", "SNAPSHOT", "");
        Arbitrary<String> qualifierNumber = Arbitraries.oneOf(Arbitraries.of(""),
                Arbitraries.integers().between(0, 11).map(String::valueOf), Arbitraries.of("01", "007"));
        Arbitrary<String> around = Arbitraries.of("", " ", "\t");
        return Combinators.combine(prefix, release, separator, word, separator, qualifierNumber, around)
                .as((p, rel, sep1, w, sep2, n, space) -> {
                    String qualifier = w.isEmpty() ? "" : sep1 + w + (n.isEmpty() ? "" : sep2 + n);
                    return parse(LOOSE, space + p + rel + qualifier + space, null);
                });
    }

    // --- shared checks ---------------------------------------------------------------------

    private static Version parse(VersionScheme scheme, String text, SemverOptions options) {
        try {
            return options == null ? scheme.parse(text) : SEMVER.parse(text, options);
        } catch (VersionSyntaxException e) {
            throw new AssertionError("generated '" + text + "' should be valid: " + e.getMessage(), e);
        }
    }

    private static void assertTotalOrder(Version a, Version b, Version c) {
        String abc = a.text() + " / " + b.text() + " / " + c.text();
        // antisymmetric (and reflexive)
        assertEquals(Integer.signum(a.compareTo(b)), -Integer.signum(b.compareTo(a)), abc);
        assertEquals(0, a.compareTo(a), abc);
        // consistent with equals and hashCode
        assertEquals(a.compareTo(b) == 0, a.equals(b), abc);
        if (a.equals(b)) {
            assertEquals(a.hashCode(), b.hashCode(), abc);
            assertEquals(a.normalized(), b.normalized(), abc);
        }
        // transitive: a <= b and b <= c imply a <= c, the same for >=, and equality
        if (a.compareTo(b) <= 0 && b.compareTo(c) <= 0) assertTrue(a.compareTo(c) <= 0, abc);
        if (a.compareTo(b) >= 0 && b.compareTo(c) >= 0) assertTrue(a.compareTo(c) >= 0, abc);
        if (a.compareTo(b) == 0) assertEquals(Integer.signum(a.compareTo(c)), Integer.signum(b.compareTo(c)), abc);
    }

    private static void assertReadsBack(VersionScheme scheme, Version v) throws VersionSyntaxException {
        Version back = scheme.parse(v.normalized());
        assertEquals(v, back, v.text() + " -> " + v.normalized());
        assertEquals(0, v.compareTo(back));
        assertEquals(v.hashCode(), back.hashCode());
        assertEquals(v.normalized(), back.normalized());
        assertEquals(v.isPrerelease(), back.isPrerelease());
        for (int i = 0; i < 6; i++) {
            assertEquals(v.component(i), back.component(i), "component " + i + " of " + v.text());
        }
    }

    private static void assertSortIgnoresOrder(List<Version> versions, long seed) {
        List<Version> sorted = new ArrayList<>(versions);
        Collections.sort(sorted);
        for (int i = 0; i + 1 < sorted.size(); i++) {
            assertTrue(sorted.get(i).compareTo(sorted.get(i + 1)) <= 0, "sorted order");
        }
        List<Version> shuffled = new ArrayList<>(versions);
        Collections.shuffle(shuffled, new Random(seed));
        Collections.sort(shuffled);
        assertEquals(sorted, shuffled, "equal elements position by position");
        assertEquals(sorted.stream().map(Version::normalized).toList(),
                shuffled.stream().map(Version::normalized).toList());
    }
}
