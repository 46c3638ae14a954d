package dev.upbook.spec.version;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The semver scheme through our interfaces; node-semver's own fixtures are in {@link SemverConformanceTests}. */
class SemverSchemeTests {

    private final SemverScheme scheme = new SemverScheme();

    private SemverVersion v(String text) throws VersionSyntaxException {
        return scheme.parse(text);
    }

    @Test
    void isNamedSemver() {
        assertEquals("semver", scheme.name());
    }

    @Test
    void versionExposesTextNormalFormAndComponents() throws VersionSyntaxException {
        SemverVersion version = v("  v1.2.3-rc.1+build.5 ");
        assertAll(
                () -> assertEquals("v1.2.3-rc.1+build.5", version.text()),
                () -> assertEquals("1.2.3-rc.1", version.normalized()),
                () -> assertEquals(1, version.component(0)),
                () -> assertEquals(2, version.component(1)),
                () -> assertEquals(3, version.component(2)),
                () -> assertEquals(0, version.component(3)),
                () -> assertTrue(version.isPrerelease()),
                () -> assertEquals(List.of("rc", "1"), version.prerelease()),
                () -> assertEquals(List.of("build", "5"), version.build()));
        assertThrows(IndexOutOfBoundsException.class, () -> version.component(-1));
    }

    @Test
    void buildMetadataTakesNoPartInEqualityOrOrder() throws VersionSyntaxException {
        SemverVersion a = v("1.2.3+a");
        SemverVersion b = v("1.2.3+b");
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(0, a.compareTo(b));
        assertEquals(v("1.2.3"), a);
        assertNotEquals(v("1.2.3-0"), a);
    }

    @Test
    void looseReadingNormalizesToStrictSemver() throws VersionSyntaxException {
        SemverVersion version = scheme.parse("= v 01.02.03beta.007", SemverOptions.LOOSE);
        assertEquals("1.2.3-beta.7", version.normalized());
        assertEquals(version, v(version.normalized()));
    }

    @Test
    void strictReadingSaysWhatWasExpected() {
        VersionSyntaxException abc = assertThrows(VersionSyntaxException.class, () -> v("abc"));
        assertEquals("expected a SemVer version like 1.2.3 or 1.2.3-rc.1, got 'abc'", abc.getMessage());
        VersionSyntaxException partial = assertThrows(VersionSyntaxException.class, () -> v("1.2"));
        assertTrue(partial.getMessage().contains("partial versions such as 1.2 are for ranges"), partial.getMessage());
        VersionSyntaxException loose = assertThrows(VersionSyntaxException.class, () -> v("=1.2.3"));
        assertTrue(loose.getMessage().endsWith("(that is only accepted by loose reading)"), loose.getMessage());
    }

    @Test
    void limitsAreNodes() throws VersionSyntaxException {
        assertEquals(SemverScheme.MAX_SAFE_INTEGER, v("9007199254740991.0.0").major());
        VersionSyntaxException tooBig = assertThrows(VersionSyntaxException.class, () -> v("0.9007199254740992.0"));
        assertEquals("expected a minor version of at most 9007199254740991 in '0.9007199254740992.0', "
                + "got 9007199254740992", tooBig.getMessage());
        String longest = "1.2.3-" + "a".repeat(250);
        assertEquals(256, longest.length());
        assertTrue(v(longest).isPrerelease());
        VersionSyntaxException tooLong = assertThrows(VersionSyntaxException.class, () -> v(longest + "a"));
        assertTrue(tooLong.getMessage().contains("257 characters; a version is at most 256"), tooLong.getMessage());
        // node counts the untrimmed input
        assertThrows(VersionSyntaxException.class, () -> v(" 1.2.3" + " ".repeat(251)));
    }

    @Test
    void numericPrereleaseIdentifiersCompareNumericallyAtAnySize() throws VersionSyntaxException {
        assertTrue(v("1.0.0-rc.10").compareTo(v("1.0.0-rc.9")) > 0);
        assertTrue(v("1.0.0-90071992547409931").compareTo(v("1.0.0-90071992547409930")) > 0);
        assertTrue(v("1.0.0-1").compareTo(v("1.0.0-a")) < 0, "numeric identifiers sort below alphanumeric ones");
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
        "^1.2.3     ; >=1.2.3 <2.0.0-0",
        "^0.2.3     ; >=0.2.3 <0.3.0-0",
        "^0.0.3     ; >=0.0.3 <0.0.4-0",
        "~1.2       ; >=1.2.0 <1.3.0-0",
        "1.x        ; >=1.0.0 <2.0.0-0",
        "1.2.*      ; >=1.2.0 <1.3.0-0",
        "*          ; ''",
        "1.2.3 - 2.3; >=1.2.3 <2.4.0-0",
        "1.2 - 2.3.4; >=1.2.0 <=2.3.4",
        ">1.2       ; >=1.3.0",
        "<=1.2      ; <1.3.0-0",
        "1 || >=3   ; >=1.0.0 <2.0.0-0||>=3.0.0",
    })
    void rangesDesugarAsNodeDoes(String range, String desugared) throws VersionSyntaxException {
        assertEquals(desugared, scheme.parseRange(range).normalized());
    }

    @Test
    void rangesUseNodesPrereleaseRuleByDefault() throws VersionSyntaxException {
        assertFalse(scheme.parseRange("*").contains(v("1.2.3-beta")));
        assertFalse(scheme.parseRange("<2.0.0").contains(v("1.9.0-rc.1")));
        assertTrue(scheme.parseRange(">1.2.3-alpha.3").contains(v("1.2.3-alpha.7")));
        assertFalse(scheme.parseRange(">1.2.3-alpha.3").contains(v("3.4.5-alpha.9")));
        assertTrue(scheme.parseRange("^1.2.3-beta.1").contains(v("1.2.3-beta.2")));
        assertFalse(scheme.parseRange("^1.2.3-beta.1").contains(v("1.2.4-beta.1")));
        SemverRange star = scheme.parseRange("*", SemverOptions.INCLUDE_PRERELEASE);
        assertTrue(star.contains(v("1.2.3-beta")));
        assertTrue(star.contains(v("0.0.0-0")));
    }

    @Test
    void rangeTextIsKeptAndOtherSchemesAreReadFromTheirText() throws VersionSyntaxException {
        SemverRange range = scheme.parseRange(" >=1.2.3 <2 ");
        assertEquals(">=1.2.3 <2", range.text());
        assertTrue(range.contains(new LooseScheme().parse("1.5.0")));
        assertFalse(range.contains(new LooseScheme().parse("1.5")), "1.5 is not a full semver version");
        assertFalse(range.test("not a version"));
    }

    @Test
    void badRangesSayWhatWasExpected() {
        VersionSyntaxException e = assertThrows(VersionSyntaxException.class, () -> scheme.parseRange(">=1.2.3 foo"));
        assertEquals("expected a semver range like ^1.2.3, ~1.2, >=1.2.3 <2.0.0, 1.x or 1.2.3 - 2.3.4, "
                + "got '>=1.2.3 foo': 'foo' is not a comparator such as >=1.2.3", e.getMessage());
        VersionSyntaxException big = assertThrows(VersionSyntaxException.class,
                () -> scheme.parseRange(">=9007199254740992.0.0"));
        assertTrue(big.getMessage().contains("at most 9007199254740991"), big.getMessage());
    }

    @Test
    void looseRangesDropWhatIsNotAComparator() throws VersionSyntaxException {
        SemverRange range = scheme.parseRange("== 1.0.0 || foo", SemverOptions.LOOSE);
        assertTrue(range.test("1.0.0"));
        assertFalse(range.test("2.0.0"));
    }

    @Test
    void nodeStyleHelpersRejectNonStrings() {
        assertEquals(Optional.empty(), scheme.valid(new StringBuilder("1.2.3"), SemverOptions.STRICT));
        assertEquals(Optional.empty(), scheme.valid(null, SemverOptions.STRICT));
        assertTrue(scheme.valid("1.2.3", SemverOptions.STRICT).isPresent());
        assertFalse(scheme.satisfies(Boolean.FALSE, ">=2", SemverOptions.STRICT));
        assertFalse(scheme.satisfies("3.0.0", null, SemverOptions.STRICT));
        assertTrue(scheme.satisfies("3.0.0", ">=2", SemverOptions.STRICT));
    }

    @Test
    void refusesToCompareWithAnotherScheme() throws VersionSyntaxException {
        LooseVersion other = new LooseScheme().parse("1.2.3");
        assertThrows(ClassCastException.class, () -> v("1.2.3").compareTo(other));
    }
}
