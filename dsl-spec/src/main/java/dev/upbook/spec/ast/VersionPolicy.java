package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.List;
import java.util.Optional;

/**
 * The {@code versions:} section: numbering scheme, known releases and the rules that constrain
 * every path (minimum, blocked versions, required stops, declared gaps).
 */
public record VersionPolicy(
        SourceRef at,
        Text scheme,
        List<Text> releases,
        Optional<VersionNote> minimum,
        List<VersionNote> blocked,
        List<VersionNote> requiredStops,
        List<NoPath> noPath) {

    public VersionPolicy {
        releases = List.copyOf(releases);
        blocked = List.copyOf(blocked);
        requiredStops = List.copyOf(requiredStops);
        noPath = List.copyOf(noPath);
    }
}
