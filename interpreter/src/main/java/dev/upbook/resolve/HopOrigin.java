package dev.upbook.resolve;

import dev.upbook.spec.SourceRef;
import java.util.Comparator;

/**
 * Where a hop comes from: an explicit edge or a rule, by declaration index. The natural order is
 * the tie-break between declarations of the same (from, to) pair: explicit edges before rules,
 * earlier declarations first.
 *
 * @param id the rule id, or an empty string for edges
 * @param title the edge or rule title, or an empty string
 */
public record HopOrigin(Kind kind, int index, String id, String title, SourceRef at) implements Comparable<HopOrigin> {

    /** The kind of declaration that generated a hop. */
    public enum Kind { EDGE, RULE }

    private static final Comparator<HopOrigin> ORDER =
            Comparator.comparing(HopOrigin::kind).thenComparingInt(HopOrigin::index);

    public static HopOrigin edge(int index, String title, SourceRef at) {
        return new HopOrigin(Kind.EDGE, index, "", title == null ? "" : title, at);
    }

    public static HopOrigin rule(int index, String id, String title, SourceRef at) {
        return new HopOrigin(Kind.RULE, index, id, title == null ? "" : title, at);
    }

    public boolean isExplicit() {
        return kind == Kind.EDGE;
    }

    /** The declaration's path in the document, e.g. {@code edges[2]} or {@code rules[0]}. */
    public String path() {
        return (kind == Kind.EDGE ? "edges[" : "rules[") + index + "]";
    }

    /** A short name for operators: {@code edges[2]} or {@code rule minor-sequence}. */
    public String describe() {
        return kind == Kind.EDGE ? path() : "rule " + id;
    }

    @Override
    public int compareTo(HopOrigin o) {
        return ORDER.compare(this, o);
    }
}
