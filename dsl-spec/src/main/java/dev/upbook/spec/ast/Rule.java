package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;

/**
 * A release-list rule that generates hops, e.g. "each minor in sequence, then the latest patch".
 *
 * @param within the versions the rule applies to (both ends of each generated hop)
 * @param sequence which series advances one at a time
 * @param latestPatch also generate the hop from a release to the latest release of its series
 */
public record Rule(SourceRef at, Text id, String title, Text within, Sequence sequence, boolean latestPatch, Hop hop) {

    /** The granularity of a sequence rule. */
    public enum Sequence {
        MAJOR(0), MINOR(1), PATCH(2);

        private final int component;

        Sequence(int component) {
            this.component = component;
        }

        /** The version component that advances by one on each generated hop. */
        public int component() {
            return component;
        }

        public String keyword() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
