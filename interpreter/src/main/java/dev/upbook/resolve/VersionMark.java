package dev.upbook.resolve;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.version.Version;

/**
 * A parsed version note of the policy (minimum, blocked version, required stop) with the author's
 * reason and where it was declared.
 */
public record VersionMark(Version version, String reason, SourceRef at, String path) {

    /** {@code 6.1.0 (reason)} or just the version when no reason was given. */
    public String describe() {
        return reason.isBlank() ? version.text() : version.text() + " (" + reason.strip() + ")";
    }
}
