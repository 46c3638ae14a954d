package dev.upbook.resolve;

import dev.upbook.spec.version.Version;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** "Did you mean" suggestions for versions and bounded-distance names (version-graph diagnostics). */
public final class Suggestions {

    private Suggestions() {}

    /**
     * The candidate closest to {@code word} by edit distance, if it is at most {@code maxDistance}
     * edits away; ties go to the earlier candidate.
     */
    public static Optional<String> closest(String word, Collection<String> candidates, int maxDistance) {
        String best = null;
        int bestDistance = maxDistance + 1;
        for (String candidate : candidates) {
            if (Math.abs(candidate.length() - word.length()) >= bestDistance) continue;
            int d = distance(word, candidate);
            if (d < bestDistance && !candidate.equals(word)) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * The release closest to a version that is not one: fewest edits to its text (at most 2), and
     * among those the nearest in version order.
     */
    public static Optional<Version> closestRelease(Version v, List<Version> sortedReleases) {
        int insertion = Collections.binarySearch(sortedReleases, v);
        insertion = insertion >= 0 ? insertion : -insertion - 1;
        Version best = null;
        int bestDistance = 3;
        int bestGap = Integer.MAX_VALUE;
        for (int i = 0; i < sortedReleases.size(); i++) {
            Version candidate = sortedReleases.get(i);
            int d = distance(v.text(), candidate.text());
            int gap = i < insertion ? insertion - i - 1 : i - insertion;
            if (d < bestDistance || (d == bestDistance && gap < bestGap)) {
                best = candidate;
                bestDistance = d;
                bestGap = gap;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The edit distance between two strings (the one {@link dev.upbook.spec.diag.Suggestions} uses). */
    public static int distance(String a, String b) {
        return dev.upbook.spec.diag.Suggestions.distance(a, b);
    }
}
