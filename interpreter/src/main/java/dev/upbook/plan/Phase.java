package dev.upbook.plan;

import java.util.Locale;

/** Where a step instance runs: once before the hops, in a hop, once after, or as a review item. */
public enum Phase {
    PRE, HOP, POST, REVIEW;

    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }
}
