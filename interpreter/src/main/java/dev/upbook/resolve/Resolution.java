package dev.upbook.resolve;

import dev.upbook.spec.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The answer of the {@link Resolver} for one (from, to) request: a path, or a refusal with a reason. */
public sealed interface Resolution permits Resolution.Found, Resolution.Refused {

    Version from();

    Version to();

    /** One line for operators, e.g. {@code 6.0.2 → 6.1.0 → 6.2.0 (2 hops)} or the refusal. */
    String message();

    default boolean isFound() {
        return this instanceof Found;
    }

    /** The path, when one was found. */
    default Optional<Found> found() {
        return this instanceof Found ? Optional.of((Found) this) : Optional.empty();
    }

    /** A path; empty when {@code from} equals {@code to} ("already at"). */
    record Found(Version from, Version to, List<GraphHop> hops) implements Resolution {
        public Found {
            hops = List.copyOf(hops);
        }

        /** The versions visited, starting with {@code from}. */
        public List<Version> versions() {
            List<Version> versions = new ArrayList<>();
            versions.add(from);
            for (GraphHop h : hops) versions.add(h.to());
            return versions;
        }

        public int irreversibleHops() {
            return (int) hops.stream().filter(GraphHop::irreversible).count();
        }

        public boolean alreadyThere() {
            return hops.isEmpty();
        }

        @Override
        public String message() {
            if (hops.isEmpty()) return "already at " + to.text() + "; nothing to do";
            StringBuilder sb = new StringBuilder();
            for (Version v : versions()) sb.append(sb.length() == 0 ? "" : " → ").append(v.text());
            sb.append(" (").append(hops.size()).append(hops.size() == 1 ? " hop" : " hops");
            int irreversible = irreversibleHops();
            if (irreversible > 0) sb.append(", ").append(irreversible).append(" irreversible");
            return sb.append(')').toString();
        }
    }

    /**
     * No path, and why.
     *
     * @param reason the author's reason when the refusal comes from the playbook (minimum, blocked
     *     version, declared gap), otherwise an empty string
     */
    record Refused(Version from, Version to, Kind kind, String message, String reason) implements Resolution {

        /** Why there is no path. */
        public enum Kind {
            /** The target is older than the source; upbook never downgrades. */
            DOWNGRADE,
            /** The source is below {@code versions.minimum}. */
            BELOW_MINIMUM,
            /** The target is not a release. */
            UNKNOWN_TARGET,
            /** The target is a blocked version. */
            TARGET_BLOCKED,
            /** A {@code versions.no-path} entry covers the pair. */
            DECLARED_GAP,
            /** The source is not a release and no edge or rule starts from it. */
            UNKNOWN_SOURCE,
            /** The graph has no path honouring blocked versions and required stops. */
            NO_PATH
        }
    }
}
