package dev.upbook.spec.version;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class VersionSchemesTests {

    @Test
    void namesTheTwoSchemes() {
        assertEquals(List.of("semver", "loose"), VersionSchemes.names());
    }

    @Test
    void findsEachSchemeByItsName() {
        for (String name : VersionSchemes.names()) {
            VersionScheme scheme = VersionSchemes.byName(name).orElseThrow(() -> new AssertionError(name));
            assertEquals(name, scheme.name());
        }
        assertInstanceOf(SemverScheme.class, VersionSchemes.byName("semver").orElseThrow());
        assertInstanceOf(LooseScheme.class, VersionSchemes.byName("loose").orElseThrow());
    }

    @Test
    void unknownNamesFindNothing() {
        assertTrue(VersionSchemes.byName("calver").isEmpty());
        assertTrue(VersionSchemes.byName("Semver").isEmpty());
        assertTrue(VersionSchemes.byName("").isEmpty());
        assertTrue(VersionSchemes.byName(null).isEmpty());
    }
}
