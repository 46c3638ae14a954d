package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAndGraphCommandTests {
    static final String PLAYBOOK = """
            upbook: 1
            product: { name: demo, title: Demo }
            versions:
              releases: [1.0.0, 1.0.1, 1.1.0, 1.2.0, 2.0.0]
              minimum: { version: 1.0.0, reason: Older releases need the 0.x migration tool. }
              blocked:
                - { version: 1.1.0, reason: 1.1.0 corrupts attachments. }
            rules:
              - id: minors
                sequence: minor
                within: "<2.0.0"
                steps:
                  - { id: migrate, type: exec, with: { argv: [app, migrate, "{{ edge.to }}"] } }
            edges:
              - from: ">=1.2.0 <2.0.0"
                to: 2.0.0
                irreversible: true
                reason: The 2.0 schema cannot be converted back.
                steps:
                  - { id: convert, type: exec, with: { argv: [app, convert] } }
                  - { id: offline, type: maintenance, with: { mode: "on", command: [app, down] } }
                  - { id: reindex, type: exec, after: [convert], with: { argv: [app, reindex] } }
            """;

    @TempDir
    Path dir;
    Path file;

    @BeforeEach
    void write() throws IOException {
        file = Files.writeString(dir.resolve("demo.playbook.yaml"), PLAYBOOK);
    }

    @Test
    void planPrintsThePathAndEveryStepInOrder() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.contains("1.0.0 → 1.2.0 → 2.0.0"), out);
        int convert = out.indexOf("1.2.0..2.0.0/convert");
        int reindex = out.indexOf("1.2.0..2.0.0/reindex");
        assertTrue(out.indexOf("1.0.0..1.2.0/migrate") < convert && convert < reindex, out);
        assertTrue(out.toLowerCase().contains("irreversible"), out);
    }

    @Test
    void explainNamesTheRejectedAlternative() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0", "--explain");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("not 1.0.0 → 1.0.1 (rule minors): longer: 3 hops instead of 2"), run.out());
    }

    @Test
    void theRuleSkipsTheBlockedMinor() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "1.0.1", "--to", "1.2.0");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("1.0.1 → 1.2.0 (1 hop)"), run.out());
    }

    @Test
    void planJsonIsMachineReadableWithAStableHash() throws IOException {
        CliTests.Run first = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0", "--format", "json");
        CliTests.Run second = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0", "--format", "json");
        assertEquals(0, first.exitCode(), first.err());
        JsonNode plan = new ObjectMapper().readTree(first.out());
        assertEquals(first.out(), second.out());
        assertTrue(plan.toString().contains("1.2.0..2.0.0/reindex"), first.out());
        assertTrue(plan.findValue("hash").asText().matches("[0-9a-f]{64}"), first.out());
    }

    @Test
    void belowTheMinimumIsNoPathWithTheAuthorsReason() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "0.9.0", "--to", "2.0.0");
        assertEquals(ExitCode.NO_PATH.code(), run.exitCode());
        assertTrue(run.err().contains("Older releases need the 0.x migration tool."), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one clear line:\n" + run.err());
    }

    @Test
    void aDowngradeIsRefused() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "2.0.0", "--to", "1.2.0");
        assertEquals(ExitCode.NO_PATH.code(), run.exitCode());
        assertTrue(run.err().contains("never downgrades"), run.err());
    }

    @Test
    void aBrokenPlaybookIsNotPlannedAndItsErrorsArePrinted() throws IOException {
        Files.writeString(file, PLAYBOOK.replace("after: [convert]", "after: [convrt]"));
        CliTests.Run run = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0");
        assertEquals(ExitCode.LINT_ERRORS.code(), run.exitCode());
        assertTrue(run.err().contains("error[UNKNOWN_REFERENCE]"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void anUnparsableVersionIsAUsageErrorThatQuotesTheValueOnce() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "one", "--to", "2.0.0");
        assertEquals(new CliTests.Run(ExitCode.USAGE.code(), "", "upbook: invalid value for option '--from':"
                + " expected a SemVer version like 1.2.3 or 1.2.3-rc.1, got 'one'\n"), run);
    }

    @Test
    void anEmptyVersionIsAUsageErrorThatShowsTheEmptyValue() {
        CliTests.Run run = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "");
        assertEquals(new CliTests.Run(ExitCode.USAGE.code(), "", "upbook: invalid value for option '--to':"
                + " expected a SemVer version like 1.2.3 or 1.2.3-rc.1, got ''\n"), run);
    }

    @Test
    void planAndGraphFormatsIgnoreCaseLikeLintFormats() {
        CliTests.Run plan = upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0", "--format", "JSON");
        assertEquals(0, plan.exitCode(), plan.err());
        assertEquals(upbook("plan", file.toString(), "--from", "1.0.0", "--to", "2.0.0", "--format", "json").out(), plan.out());
        CliTests.Run graph = upbook("graph", file.toString(), "-f", "Mermaid");
        assertEquals(0, graph.exitCode(), graph.err());
        assertTrue(graph.out().startsWith("flowchart LR\n"), graph.out());
    }

    @Test
    void helpListsTheFormatValues() {
        assertTrue(upbook("plan", "--help").out().contains("Output format: text, json (default: text; any case)."));
        assertTrue(upbook("graph", "--help").out().contains("Diagram language: dot, mermaid (default: dot; any case)."));
    }

    @Test
    void anUnknownGraphFormatIsAUsageErrorThatListsTheFormats() {
        CliTests.Run run = upbook("graph", file.toString(), "--format", "svg");
        assertEquals(ExitCode.USAGE.code(), run.exitCode());
        assertTrue(run.err().contains("dot, mermaid"), run.err());
        assertEquals(1, run.err().lines().count(), run.err());
    }

    @Test
    void graphOfABrokenPlaybookPointsToLint() throws IOException {
        Files.writeString(file, PLAYBOOK.replace("after: [convert]", "after: [convrt]"));
        CliTests.Run run = upbook("graph", file.toString());
        assertEquals(ExitCode.LINT_ERRORS.code(), run.exitCode());
        assertTrue(run.err().endsWith("upbook: " + file + " has errors; fix them (see 'upbook lint " + file
                + "') and run 'upbook graph' again\n"), run.err());
    }

    @Test
    void graphDrawsEveryReleaseAndHopInDot() {
        CliTests.Run run = upbook("graph", file.toString(), "--format", "dot");
        assertEquals(0, run.exitCode(), run.err());
        String dot = run.out();
        assertTrue(dot.startsWith("digraph \"demo\" {"), dot);
        for (String v : new String[] {"1.0.0", "1.1.0", "1.2.0", "2.0.0"}) assertTrue(dot.contains("label=\"" + v + "\""), dot);
        assertTrue(dot.contains("style=dashed"), "rule hops are dashed:\n" + dot);
        assertTrue(dot.contains("color=red, penwidth=2"), "the irreversible hop is red:\n" + dot);
        assertTrue(dot.contains("fontcolor=red"), "the blocked version is marked:\n" + dot);
    }

    @Test
    void graphDrawsMermaid() {
        CliTests.Run run = upbook("graph", file.toString(), "--format", "mermaid");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("flowchart LR\n"), run.out());
        assertTrue(run.out().contains("|irreversible|"), run.out());
        assertTrue(run.out().contains("class v2 blocked"), run.out());
    }
}
