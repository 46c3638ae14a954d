package dev.upbook.resolve;

import dev.upbook.spec.version.Version;
import java.util.List;

/**
 * Why the resolver chose its path: for each version on the path, the hop taken and the hops
 * leaving that version that were not taken, each with the reason.
 */
public record Explanation(Resolution resolution, List<Choice> choices) {

    public Explanation {
        choices = List.copyOf(choices);
    }

    /**
     * The decision at one version of the path.
     *
     * @param hopsToTarget hops from {@code at} to the target along the chosen path
     * @param irreversibleToTarget irreversible hops among them
     */
    public record Choice(Version at, GraphHop chosen, int hopsToTarget, int irreversibleToTarget, List<Rejected> rejected) {
        public Choice {
            rejected = List.copyOf(rejected);
        }
    }

    /** A hop that was not taken, and why, in words such as "would skip required stop 6.1.0 (reason)". */
    public record Rejected(GraphHop hop, Why why, String message) {}

    /** The reasons a hop is not taken, in the order they are checked. */
    public enum Why {
        BEYOND_TARGET,
        LANDS_ON_BLOCKED,
        SKIPS_REQUIRED_STOP,
        NO_WAY_ON,
        MORE_IRREVERSIBLE,
        LONGER,
        TIE_BREAK,
        SHADOWED
    }
}
