package dev.upbook.spec.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * node-semver 7.8.5's own test fixtures, converted to JSON in {@code shared/conformance/semver}
 * (see the README there), run against {@link SemverScheme}: one dynamic test per fixture row.
 *
 * <p>The folder is {@code ${upbook.shared}/conformance/semver} when the system property
 * {@code upbook.shared} is set, else {@code ../../shared/conformance/semver} from the module
 * directory. Without it each fixture file yields one aborted (skipped) test that gives the reason.
 */
class SemverConformanceTests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final SemverScheme scheme = new SemverScheme();

    /** A check of one fixture row. */
    private interface RowCheck {
        void check(JsonNode row) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> validVersionsParseIntoExactlyTheirParts() {
        return rows("valid-versions.json", row -> {
            SemverVersion v = scheme.parse(row.get(0).textValue());
            assertEquals(row.get(1).asLong(), v.major(), "major");
            assertEquals(row.get(2).asLong(), v.minor(), "minor");
            assertEquals(row.get(3).asLong(), v.patch(), "patch");
            assertEquals(List.of(v.major(), v.minor(), v.patch()),
                    List.of(v.component(0), v.component(1), v.component(2)), "component(0..2)");
            assertEquals(texts(row.get(4)), v.prerelease(), "prerelease");
            for (int i = 0; i < row.get(4).size(); i++) {
                assertEquals(row.get(4).get(i).isNumber(), v.prerelease().get(i).matches("[0-9]+"),
                        "numeric-ness of prerelease identifier " + i);
            }
            assertEquals(!row.get(4).isEmpty(), v.isPrerelease(), "isPrerelease");
            assertEquals(texts(row.get(5)), v.build(), "build");
        });
    }

    @TestFactory
    Stream<DynamicTest> invalidVersionsAreRejected() {
        return rows("invalid-versions.json", row -> {
            SemverOptions options = options(row, 2);
            Object value = jsValue(row.get(0));
            assertEquals(Optional.empty(), scheme.valid(value, options), "valid(value) must be empty");
            if (value instanceof String text) {
                VersionSyntaxException e = assertThrows(VersionSyntaxException.class, () -> scheme.parse(text, options));
                assertTrue(e.getMessage().startsWith("expected a"), "message says what was expected: " + e.getMessage());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> comparisonsOrderTheFirstAboveTheSecond() {
        return rows("comparisons.json", row -> {
            SemverOptions options = options(row, 2);
            SemverVersion greater = scheme.parse(row.get(0).textValue(), options);
            SemverVersion lesser = scheme.parse(row.get(1).textValue(), options);
            assertEquals(1, Integer.signum(greater.compareTo(lesser)), "compare(v1, v2)");
            assertEquals(-1, Integer.signum(lesser.compareTo(greater)), "compare(v2, v1)");
            assertNotEquals(greater, lesser, "v1 != v2");
            assertEquals(0, greater.compareTo(greater), "compare(v1, v1)");
        });
    }

    @TestFactory
    Stream<DynamicTest> equalVersionsCompareAsZeroAndAreEqual() {
        return rows("equality.json", row -> {
            SemverOptions options = options(row, 2);
            SemverVersion a = scheme.parse(row.get(0).textValue(), options);
            SemverVersion b = scheme.parse(row.get(1).textValue(), options);
            assertEquals(0, a.compareTo(b), "compare(v1, v2)");
            assertEquals(0, b.compareTo(a), "compare(v2, v1)");
            assertEquals(a, b, "equals");
            assertEquals(a.hashCode(), b.hashCode(), "hashCode");
            assertEquals(a.normalized(), b.normalized(), "normalized");
        });
    }

    @TestFactory
    Stream<DynamicTest> rangesIncludeTheseVersions() {
        return rows("range-include.json", row -> checkSatisfies(row, true));
    }

    @TestFactory
    Stream<DynamicTest> rangesExcludeTheseVersions() {
        return rows("range-exclude.json", row -> checkSatisfies(row, false));
    }

    private void checkSatisfies(JsonNode row, boolean expected) throws VersionSyntaxException {
        SemverOptions options = options(row, 2);
        String range = row.get(0).textValue();
        Object version = jsValue(row.get(1));
        assertEquals(expected, scheme.satisfies(version, range, options),
                "satisfies(" + row.get(1) + ", '" + range + "', " + options + ")");
        if (expected) {
            SemverRange parsed = scheme.parseRange(range, options);
            SemverVersion v = scheme.parse((String) version, options);
            assertTrue(parsed.contains(v), "contains(Version) agrees, range desugared to " + parsed.normalized());
        } else if (version instanceof String text && scheme.valid(text, options).isPresent()) {
            try {
                SemverRange parsed = scheme.parseRange(range, options);
                assertFalse(parsed.contains(scheme.parse(text, options)),
                        "contains(Version) agrees, range desugared to " + parsed.normalized());
            } catch (VersionSyntaxException e) {
                assertFalse(e.getMessage().isBlank(), "an unreadable range says why");
            }
        }
    }

    // --- fixture plumbing -------------------------------------------------------------------

    static Path fixtureDir() {
        String shared = System.getProperty("upbook.shared");
        Path base = shared != null && !shared.isBlank() ? Path.of(shared) : Path.of("..", "..", "shared");
        return base.resolve("conformance").resolve("semver");
    }

    private Stream<DynamicTest> rows(String file, RowCheck check) {
        Path dir = fixtureDir();
        if (!Files.isDirectory(dir)) {
            // Aborted inside a test rather than in the factory, so that the reports show it as skipped, with the reason.
            return Stream.of(DynamicTest.dynamicTest(file + " (fixtures missing)",
                    () -> Assumptions.assumeTrue(false, () -> "node-semver fixtures not found at "
                            + dir.toAbsolutePath().normalize() + "; set -Dupbook.shared=<path of shared/> to run them")));
        }
        JsonNode rows;
        try {
            rows = JSON.readTree(dir.resolve(file).toFile());
        } catch (IOException e) {
            return fail("cannot read fixture " + dir.resolve(file) + ": " + e.getMessage(), e);
        }
        assertTrue(rows.isArray() && !rows.isEmpty(), () -> file + " must be a non-empty JSON array of rows");
        return IntStream.range(0, rows.size())
                .mapToObj(i -> DynamicTest.dynamicTest(file + " #" + (i + 1) + " " + rows.get(i),
                        () -> check.check(rows.get(i))));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /**
     * The options argument as node's {@code parse-options.js} reads it: falsy means none, a
     * non-object means {@code {loose: true}}, an object is read for the truthiness of its flags.
     */
    static SemverOptions options(JsonNode row, int index) {
        JsonNode o = row.size() > index ? row.get(index) : null;
        if (!truthy(o)) {
            return SemverOptions.STRICT;
        }
        if (!o.isObject()) {
            return SemverOptions.LOOSE;
        }
        return new SemverOptions(truthy(o.get("loose")), truthy(o.get("includePrerelease")));
    }

    /** JavaScript truthiness of a fixture value, with the README's {@code $js} tags. */
    static boolean truthy(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return false;
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNumber()) return n.doubleValue() != 0;
        if (n.isTextual()) return !n.textValue().isEmpty();
        if (n.isObject() && n.has("$js")) {
            String tag = n.get("$js").asText();
            return !tag.equals("undefined") && !tag.equals("NaN");
        }
        return true;
    }

    /** A fixture value as the Java value handed to the API: strings as {@link String}, others as themselves. */
    static Object jsValue(JsonNode n) {
        if (n.isTextual()) return n.textValue();
        if (n.isBoolean()) return n.booleanValue();
        if (n.isNumber()) return n.numberValue();
        return n;
    }
}
