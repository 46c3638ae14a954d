package dev.upbook.spec.version;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class LooseSchemeTests {

    private final LooseScheme scheme = new LooseScheme();

    private LooseVersion v(String text) {
        try {
            return scheme.parse(text);
        } catch (VersionSyntaxException e) {
            throw new AssertionError("'" + text + "' should parse: " + e.getMessage(), e);
        }
    }

    private LooseRange r(String text) {
        try {
            return scheme.parseRange(text);
        } catch (VersionSyntaxException e) {
            throw new AssertionError("'" + text + "' should parse as a range: " + e.getMessage(), e);
        }
    }

    private String versionError(String text) {
        return assertThrows(VersionSyntaxException.class, () -> scheme.parse(text), "'" + text + "' must be rejected")
                .getMessage();
    }

    private String rangeError(String text) {
        return assertThrows(VersionSyntaxException.class, () -> scheme.parseRange(text),
                "range '" + text + "' must be rejected").getMessage();
    }

    @Test
    void isNamedLoose() {
        assertEquals("loose", scheme.name());
    }

    @Nested
    class Parsing {

        @Test
        void keepsTheTrimmedTextAndNormalizesTheNumbers() {
            LooseVersion version = v("  3.60.00 ");
            assertAll(
                    () -> assertEquals("3.60.00", version.text()),
                    () -> assertEquals("3.60.0", version.normalized()),
                    () -> assertEquals(List.of(3L, 60L), version.release()),
                    () -> assertEquals(3, version.component(0)),
                    () -> assertEquals(60, version.component(1)),
                    () -> assertEquals(0, version.component(2)),
                    () -> assertEquals(0, version.component(9)),
                    () -> assertFalse(version.isPrerelease()));
        }

        @Test
        void readsKayakoStyleLeadingZeros() {
            LooseVersion version = v("4.01.204");
            assertEquals("4.1.204", version.normalized());
            assertEquals(List.of(4L, 1L, 204L), List.of(version.component(0), version.component(1), version.component(2)));
            assertEquals(v("4.1.204"), version);
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
            "3.60.00          | 3.60.0",
            "1.6              | 1.6.0",
            "0                | 0.0.0",
            "1.0.0.0          | 1.0.0",
            "1.6.0.1          | 1.6.0.1",
            "v2               | 2.0.0",
            "V1.6 RC1         | 1.6.0-rc.1",
            "1.6.0-beta       | 1.6.0-beta",
            "1.6 beta 2       | 1.6.0-beta.2",
            "4.0.0-alpha.3    | 4.0.0-alpha.3",
            "2.0b             | 2.0.0-beta",
            "1.0a1            | 1.0.0-alpha.1",
            "2.1 Preview 3    | 2.1.0-pre.3",
            "5.0 CR2          | 5.0.0-rc.2",
            "1.2 dev          | 1.2.0-dev",
            "1.2-SNAPSHOT     | 1.2.0-snapshot",
            "1.6 RC           | 1.6.0-rc",
            "1.6 rc0          | 1.6.0-rc.0",
            "1.6-rc.007       | 1.6.0-rc.7",
        })
        void normalizes(String text, String normalized) {
            LooseVersion version = v(text);
            assertEquals(normalized, version.normalized());
            assertEquals(version, v(version.normalized()), "reading the normal form back gives an equal version");
        }

        @Test
        void acceptsEverySpellingOfAQualifier() {
            List<String> spellings = List.of("1.6 RC1", "1.6RC1", "1.6-rc1", "1.6-rc.1", "1.6.0-RC-1", "v1.6 rc 1",
                    "1.6_rc_1", "1.6.rc1", "1.6   RC   1", "1.6 cr1", "1.06.00-Rc01");
            LooseVersion first = v(spellings.get(0));
            for (String spelling : spellings) {
                LooseVersion version = v(spelling);
                assertEquals(first, version, spelling);
                assertEquals(first.hashCode(), version.hashCode(), spelling);
                assertEquals(0, first.compareTo(version), spelling);
                assertEquals("1.6.0-rc.1", version.normalized(), spelling);
                assertTrue(version.isPrerelease(), spelling);
            }
        }

        @Test
        void trailingZeroComponentsDoNotCount() {
            assertEquals(v("3.60.00"), v("3.60.0"));
            assertEquals(v("3.60.0"), v("3.60"));
            assertEquals(v("1.6"), v("1.6.0"));
            assertEquals(v("1.6").hashCode(), v("1.6.0.0.0").hashCode());
            assertEquals(v("1.6 RC1"), v("1.6.0.0 RC1"));
            assertNotEquals(v("1.6"), v("1.6.0.1"));
            assertNotEquals(v("1.6"), v("1.6 RC1"));
        }

        @Test
        void qualifierNumbersAreNumbersAndNoNumberIsLowest() {
            assertEquals(v("1.0 rc1"), v("1.0 rc.01"));
            assertNotEquals(v("1.0 rc"), v("1.0 rc0"));
            assertTrue(v("1.0 rc").compareTo(v("1.0 rc0")) < 0);
        }
    }

    @Nested
    class Ordering {

        private void assertAscending(String... texts) {
            List<LooseVersion> expected = new ArrayList<>();
            for (String t : texts) expected.add(v(t));
            for (int i = 0; i + 1 < expected.size(); i++) {
                LooseVersion lower = expected.get(i);
                LooseVersion higher = expected.get(i + 1);
                assertTrue(lower.compareTo(higher) < 0, lower.text() + " < " + higher.text());
                assertTrue(higher.compareTo(lower) > 0, higher.text() + " > " + lower.text());
            }
            List<LooseVersion> shuffled = new ArrayList<>(expected);
            Collections.shuffle(shuffled, new Random(42));
            Collections.sort(shuffled);
            assertEquals(expected.stream().map(LooseVersion::text).toList(),
                    shuffled.stream().map(LooseVersion::text).toList(), "sorting a shuffled list");
        }

        @Test
        void numbersCompareNumericallyComponentByComponent() {
            assertAscending("3.9", "3.60.00", "3.60.02", "3.60.10", "3.61", "4.0.0", "10");
        }

        @Test
        void osTicketReleaseCandidatesComeBeforeTheRelease() {
            assertAscending("1.6 RC1", "1.6 RC2", "1.6 RC5", "1.6 RC10", "1.6", "1.6.0.1", "1.6.1", "1.7 RC1", "1.7");
        }

        @Test
        void kayakoBuildsCompareAsNumbers() {
            assertAscending("4.01.9", "4.01.204", "4.01.205", "4.1.300", "4.2", "4.10.0");
        }

        @Test
        void qualifierRanksAreDevUnknownAlphaBetaPreRc() {
            assertAscending("2.0 dev", "2.0 dev3", "2.0 bar", "2.0 foo", "2.0 foo 2", "2.0a1", "2.0 alpha 2", "2.0b",
                    "2.0 beta 1", "2.0-pre1", "2.0 preview 2", "2.0 rc", "2.0 CR1", "2.0 rc.9", "2.0 rc.10", "2.0",
                    "2.0.0.1 dev");
        }

        @Test
        void refusesToCompareWithAnotherScheme() throws VersionSyntaxException {
            SemverVersion other = new SemverScheme().parse("1.6.0");
            ClassCastException e = assertThrows(ClassCastException.class, () -> v("1.6").compareTo(other));
            assertTrue(e.getMessage().contains("expected a loose version"), e.getMessage());
        }
    }

    @Nested
    class Ranges {

        private void assertIn(String range, String... versions) {
            LooseRange parsed = r(range);
            for (String version : versions) {
                assertTrue(parsed.contains(v(version)), "'" + range + "' should contain " + version);
            }
        }

        private void assertOut(String range, String... versions) {
            LooseRange parsed = r(range);
            for (String version : versions) {
                assertFalse(parsed.contains(v(version)), "'" + range + "' should not contain " + version);
            }
        }

        @Test
        void lowerAndUpperBound() {
            assertIn(">=3.60.00 <4", "3.60.00", "3.60", "3.60.02", "3.60.0.1", "3.99.99", "4.0 RC1");
            assertOut(">=3.60.00 <4", "3.59.99", "3.60 RC1", "4", "4.0.0", "4.0.1", "10");
            assertEquals(">=3.60.0 <4.0.0", r(">=3.60.00 <4").normalized());
        }

        @Test
        void below() {
            assertIn("<3.60.00", "3.59", "3.6", "3.60 RC1", "0");
            assertOut("<3.60.00", "3.60", "3.60.0.0", "3.60.0.1", "3.61");
        }

        @Test
        void hyphenRangeIsInclusive() {
            assertIn("1.6 RC1 - 1.6 RC5", "1.6 RC1", "1.6-rc.3", "1.6 RC5");
            assertOut("1.6 RC1 - 1.6 RC5", "1.6 beta 9", "1.6 RC6", "1.6", "1.5");
            assertIn("1.6 - 1.7", "1.6", "1.6.5", "1.7", "1.7 RC1");
            assertOut("1.6 - 1.7", "1.7.1", "1.6 RC1", "1.5.99");
            assertEquals(">=1.6.0-rc.1 <=1.6.0-rc.5", r("1.6 RC1 - 1.6 RC5").normalized());
        }

        @Test
        void starContainsEverythingIncludingPrereleases() {
            assertIn("*", "0", "1.6 RC1", "99.99.99", "2.0 dev");
            assertIn(">=2 *", "2.0 ", "3");
            assertOut(">=2 *", "1.9");
        }

        @Test
        void prereleasesMatchByPlainPrecedence() {
            assertIn(">=1.6 RC1", "1.6 RC2", "1.6", "2.0 beta");
            assertOut(">=1.6 RC1", "1.6 beta 3");
            assertIn("<1.7", "1.7 RC1", "1.7 alpha");
            assertIn(">1.6", "1.6.0.1", "1.7 dev");
        }

        @Test
        void bareVersionsAndEqualsMeanEquality() {
            assertIn("1.6 || 1.7", "1.6.0", "1.7", "1.07.00");
            assertOut("1.6 || 1.7", "1.6.1", "1.7 RC1");
            assertIn("=1.6 RC1", "1.6-rc.1");
            assertIn("= 1.6", "1.6");
            assertIn(">= 3.60   <   4", "3.70");
            assertIn("1.6 beta 2 || >=2", "1.6-beta.2", "2.1");
            assertOut("1.6 beta 2 || >=2", "1.6 beta");
        }

        @Test
        void comparatorsSeparatedBySpacesAreAllRequired() {
            assertIn(">=1.6 RC1 <1.6.1 >1.6 RC3", "1.6 RC4", "1.6");
            assertOut(">=1.6 RC1 <1.6.1 >1.6 RC3", "1.6 RC3", "1.6.1");
        }

        @Test
        void keepsTheTextAndReadsOtherSchemesFromTheirText() throws VersionSyntaxException {
            LooseRange range = r("  >=3.60.00 <4 ");
            assertEquals(">=3.60.00 <4", range.text());
            SemverScheme semver = new SemverScheme();
            assertTrue(range.contains(semver.parse("3.61.0")));
            assertFalse(range.contains(semver.parse("4.0.0")));
            assertFalse(range.contains(semver.parse("3.61.0+build")), "3.61.0+build is not a loose version");
        }
    }

    @Nested
    class Errors {

        @Test
        void emptyText() {
            assertEquals("expected a version like 3.60.00 or 1.6 RC1, got an empty string", versionError(""));
            assertEquals("expected a version like 3.60.00 or 1.6 RC1, got an empty string", versionError("   "));
        }

        @Test
        void words() {
            assertEquals("expected a version like 3.60.00 or 1.6 RC1, got 'abc'"
                    + " (a version starts with a number, optionally after v)", versionError("abc"));
        }

        @Test
        void emptyComponent() {
            assertEquals("expected a version like 3.60.00 or 1.6 RC1, got '1..2' (each dot must stand between two numbers)",
                    versionError("1..2"));
            assertTrue(versionError("1.2.").contains("got '1.2.'"));
            assertTrue(versionError(".5").contains("got '.5'"));
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.2.x", "1.x", "1.2.X", "1.2.*", "2.*.*"})
        void xRanges(String text) {
            String message = versionError(text);
            assertTrue(message.startsWith("expected a version like 3.60.00 or 1.6 RC1, got '" + text + "'"), message);
            assertTrue(message.contains("no x-ranges"), message);
        }

        @ParameterizedTest
        @ValueSource(strings = {"-1", "-1.2", "1.-2"})
        void negativeNumbers(String text) {
            String message = versionError(text);
            assertTrue(message.contains("got '" + text + "'") && message.contains("negative"), message);
        }

        @ParameterizedTest
        @ValueSource(strings = {"1.6 RC1 RC2", "1.2.3+build", "1.6-", "1.6 rc1.2", "v", "v 1.2", "1,2", "1.6 x", "~1.2"})
        void otherGarbage(String text) {
            assertTrue(versionError(text).startsWith("expected a version like 3.60.00 or 1.6 RC1, got '" + text + "'"));
        }

        @Test
        void numbersTooLarge() {
            String message = versionError("1.99999999999999999999");
            assertTrue(message.contains("at most 9223372036854775807") && message.contains("99999999999999999999"),
                    message);
            assertEquals(Long.MAX_VALUE, v("9223372036854775807").component(0));
        }

        @Test
        void tooLong() {
            String message = versionError("1." + "1".repeat(300));
            assertTrue(message.contains("at most 256 characters"), message);
        }

        @Test
        void badRanges() {
            assertEquals("expected a range like >=3.60.00 <4, 1.6 RC1 - 1.6 RC5, 1.6 || 1.7 or *, got an empty string",
                    rangeError(" "));
            String message = rangeError(">=abc");
            assertTrue(message.startsWith("expected a range like >=3.60.00 <4, 1.6 RC1 - 1.6 RC5, 1.6 || 1.7 or *, "
                    + "got '>=abc': '>=abc' does not start with a comparator"), message);
            assertTrue(rangeError("1.6 ||").contains("empty alternative"));
            assertTrue(rangeError("~1.2").contains("no ~ or ^ ranges"));
            assertTrue(rangeError("^1.2").contains("no ~ or ^ ranges"));
            assertTrue(rangeError(">=1.2.x").contains("no x-ranges"));
            assertTrue(rangeError("1.6 -1.7").contains("'-1.7'"));
            assertTrue(rangeError(">=1.6 - 1.7").contains("'- 1.7'"));
            assertTrue(rangeError("=> 1.6").contains("'=> 1.6'"));
        }
    }
}
