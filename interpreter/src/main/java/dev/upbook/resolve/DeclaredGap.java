package dev.upbook.resolve;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionRange;

/** A parsed {@code versions.no-path} entry: no path from {@code from} to {@code to}, on purpose. */
public record DeclaredGap(VersionRange from, VersionRange to, String reason, SourceRef at, String path) {

    public boolean covers(Version source, Version target) {
        return from.contains(source) && to.contains(target);
    }
}
