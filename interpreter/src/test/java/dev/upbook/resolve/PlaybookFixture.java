package dev.upbook.resolve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.load.PlaybookLoader;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import dev.upbook.spec.version.VersionScheme;
import dev.upbook.spec.version.VersionSchemes;
import dev.upbook.spec.version.VersionSyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Playbook fixtures written as YAML with their expected diagnostics inline, jlox style:
 *
 * <pre>
 *   - from: 2.0.0        # expect: EDGE_DOWNGRADE at 2.0.0
 * </pre>
 *
 * means a diagnostic with code EDGE_DOWNGRADE on this line, at the column where {@code 2.0.0}
 * first occurs on it. Several expectations on one line are separated by {@code ;}.
 */
public final class PlaybookFixture {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(.*)$");
    private static final Pattern ONE = Pattern.compile("([A-Z_]+) at (.+)");

    private final String yaml;
    private final Playbook playbook;
    private final VersionScheme scheme;

    private PlaybookFixture(String yaml, Playbook playbook, VersionScheme scheme) {
        this.yaml = yaml;
        this.playbook = playbook;
        this.scheme = scheme;
    }

    /** Loads the YAML; the loader itself must not report errors. */
    public static PlaybookFixture of(String yaml) {
        Diagnostics diags = new Diagnostics();
        Optional<Playbook> playbook = PlaybookLoader.load(yaml, "fixture.playbook.yaml", diags);
        assertFalse(diags.hasErrors(), () -> "the loader reported: " + format(diags.asList()));
        assertTrue(playbook.isPresent(), "the loader returned no playbook");
        return new PlaybookFixture(yaml, playbook.get(), schemeOf(playbook.get()));
    }

    private static VersionScheme schemeOf(Playbook playbook) {
        String name = playbook.versions().scheme().value();
        return VersionSchemes.byName(name).orElseThrow(() -> new IllegalArgumentException("unknown scheme " + name));
    }

    public Playbook playbook() {
        return playbook;
    }

    public VersionScheme scheme() {
        return scheme;
    }

    public Version v(String text) {
        try {
            return scheme.parse(text);
        } catch (VersionSyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public VersionGraph graph() {
        return VersionGraph.build(playbook, scheme, new Diagnostics());
    }

    /** Builds the graph and runs the graph checks; returns what they reported. */
    public Diagnostics check() {
        Diagnostics diags = new Diagnostics();
        GraphChecks.check(VersionGraph.build(playbook, scheme, diags), diags);
        return diags;
    }

    /** Asserts that {@code diags} holds exactly the inline expectations (code, line and column). */
    public void assertExpected(Diagnostics diags) {
        List<String> actual = diags.asList().stream()
                .map(d -> d.code() + "@" + d.at().line() + ":" + d.at().column())
                .sorted().collect(Collectors.toList());
        assertEquals(expectations(), actual, () -> "diagnostics:\n" + format(diags.asList()));
    }

    public List<String> expectations() {
        List<String> expected = new ArrayList<>();
        String[] lines = yaml.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher m = EXPECT.matcher(lines[i]);
            if (!m.find()) continue;
            String code = lines[i].substring(0, m.start());
            for (String one : m.group(1).split(";")) {
                Matcher e = ONE.matcher(one.trim());
                if (!e.matches()) throw new IllegalArgumentException("bad expectation on line " + (i + 1) + ": " + one);
                int column = code.indexOf(e.group(2).trim());
                if (column < 0) throw new IllegalArgumentException("'" + e.group(2) + "' is not on line " + (i + 1));
                expected.add(e.group(1) + "@" + (i + 1) + ":" + (column + 1));
            }
        }
        Collections.sort(expected);
        return expected;
    }

    public static String format(List<Diagnostic> diags) {
        return diags.stream().map(Diagnostic::format).collect(Collectors.joining("\n"));
    }
}
