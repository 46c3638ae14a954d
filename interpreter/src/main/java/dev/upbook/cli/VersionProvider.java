package dev.upbook.cli;

import picocli.CommandLine;

/** {@code upbook --version}: the upbook version, then the Java runtime (for bug reports). */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {
            "upbook " + UpbookVersion.current(),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
