package dev.upbook.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options shared by {@code run} and {@code resume}. */
final class RunOptions {

    @Option(names = "--var", paramLabel = "NAME=VALUE",
            description = "An input value (repeatable). Prefer env or file sources for secrets: --var shows in the process list.")
    Map<String, String> vars = new LinkedHashMap<>();

    @Option(names = "--vars-file", paramLabel = "FILE", description = "A YAML mapping of input names to values.")
    Path varsFile;

    @Option(names = {"-y", "--yes"}, description = "Accept irreversible hops and steps and manual confirmations up front (for CI).")
    boolean yes;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "End cleanly after N step executions (each pass of a repeating step counts one); resume continues.")
    int maxSteps;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Progress format: text (a live line per step on a terminal) or ndjson (one JSON event per line).")
    ProgressFormat output;

    enum ProgressFormat { text, ndjson }
}
