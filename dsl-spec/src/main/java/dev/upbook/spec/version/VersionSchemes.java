package dev.upbook.spec.version;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The version schemes a playbook can name in {@code versions.scheme}: {@code semver} and {@code loose}. */
public final class VersionSchemes {

    private static final Map<String, VersionScheme> BY_NAME =
            Map.of(SemverScheme.NAME, new SemverScheme(), LooseScheme.NAME, new LooseScheme());

    private static final List<String> NAMES = List.of(SemverScheme.NAME, LooseScheme.NAME);

    private VersionSchemes() {
    }

    /** The scheme called exactly {@code name} (names are lower case), or empty if there is none. */
    public static Optional<VersionScheme> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(BY_NAME.get(name));
    }

    /** The names of all schemes, {@code semver} first. */
    public static List<String> names() {
        return NAMES;
    }
}
