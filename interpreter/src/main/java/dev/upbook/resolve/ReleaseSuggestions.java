package dev.upbook.resolve;

import dev.upbook.spec.diag.Suggestions;
import dev.upbook.spec.version.Version;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * "Did you mean" for a version that is not a release: unlike {@link Suggestions}, which only
 * counts edits, ties go to the release nearest in version order.
 */
final class ReleaseSuggestions {

    private ReleaseSuggestions() {}

    /**
     * The release closest to a version that is not one: fewest edits to its text (at most 2), and
     * among those the nearest in version order.
     */
    static Optional<Version> closestRelease(Version v, List<Version> sortedReleases) {
        int insertion = Collections.binarySearch(sortedReleases, v);
        insertion = insertion >= 0 ? insertion : -insertion - 1;
        Version best = null;
        int bestDistance = 3;
        int bestGap = Integer.MAX_VALUE;
        for (int i = 0; i < sortedReleases.size(); i++) {
            Version candidate = sortedReleases.get(i);
            int d = Suggestions.distance(v.text(), candidate.text());
            int gap = i < insertion ? insertion - i - 1 : i - insertion;
            if (d < bestDistance || (d == bestDistance && gap < bestGap)) {
                best = candidate;
                bestDistance = d;
                bestGap = gap;
            }
        }
        return Optional.ofNullable(best);
    }

    /** {@code did you mean '2.0.0'?}, worded as {@link Suggestions#didYouMean} words it, when a release is close. */
    static Optional<String> didYouMean(Version v, List<Version> sortedReleases) {
        return closestRelease(v, sortedReleases).map(s -> "did you mean '" + s.text() + "'?");
    }
}
