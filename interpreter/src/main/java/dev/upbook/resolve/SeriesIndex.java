package dev.upbook.resolve;

import dev.upbook.spec.version.Version;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The release series of one granularity ({@code k} leading components) over the non-prerelease
 * releases: for each series its first and last release. Answers the two questions of a sequence
 * rule for any version, release or not: the first release of the next series, and the last
 * release of its own series.
 */
final class SeriesIndex {
    private final int k;
    private final TreeMap<long[], Version[]> series = new TreeMap<>(Arrays::compare);

    SeriesIndex(int k, List<Version> releases) {
        this.k = k;
        for (Version v : releases) {
            if (v.isPrerelease()) continue;
            Version[] ends = series.computeIfAbsent(key(v), x -> new Version[] {v, v});
            if (v.compareTo(ends[0]) < 0) ends[0] = v;
            if (v.compareTo(ends[1]) > 0) ends[1] = v;
        }
    }

    /** The first release of the next series sharing the first k-1 components (the next minor of the same major). */
    Optional<Version> firstOfNextSeries(Version v) {
        long[] own = key(v);
        Map.Entry<long[], Version[]> next = series.higherEntry(own);
        if (next == null || Arrays.compare(own, 0, k - 1, next.getKey(), 0, k - 1) != 0) return Optional.empty();
        return Optional.of(next.getValue()[0]);
    }

    /** The last release of v's own series, when it is later than v. */
    Optional<Version> lastOfOwnSeries(Version v) {
        Version[] ends = series.get(key(v));
        if (ends == null || ends[1].compareTo(v) <= 0) return Optional.empty();
        return Optional.of(ends[1]);
    }

    private long[] key(Version v) {
        long[] key = new long[k];
        for (int i = 0; i < k; i++) key[i] = v.component(i);
        return key;
    }
}
