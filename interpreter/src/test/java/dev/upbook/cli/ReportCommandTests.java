package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.report.run.RunReportFixture;
import dev.upbook.spec.RepoPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upbook report}, in-process: choosing the run, the formats, --output, and secrets staying masked. */
class ReportCommandTests {

    @TempDir
    Path dir;

    private String journal() throws Exception {
        Path db = dir.resolve("journal.db");
        RunReportFixture.write(db);
        return db.toString();
    }

    @Test
    void withoutARunItReportsTheInstallationsNewestRunInMarkdown() throws Exception {
        CliTests.Run r = upbook("report", "--state", journal(), "-i", "prod");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("# Upgrade report: Help Desk (helpdesk) 1.16.0 → 1.18.0 on prod: needs-review\n"), r.out());
        assertTrue(r.out().contains("| **failed** |"), r.out());
    }

    @Test
    void anUnknownRunIsAUsageErrorNamingTheRunsThatExist() throws Exception {
        String state = journal();
        CliTests.Run r = upbook("report", "42", "--state", state, "-i", "prod");
        assertEquals(ExitCode.USAGE.code(), r.exitCode(), r.out());
        assertTrue(r.err().contains("there is no run #42 in"), r.err());
        assertTrue(r.err().contains("installation 'prod' has #1 (needs-review)"), r.err());
        CliTests.Run elsewhere = upbook("report", "42", "--state", state, "-i", "staging");
        assertEquals(ExitCode.USAGE.code(), elsewhere.exitCode());
        assertTrue(elsewhere.err().contains("installation 'staging' has no runs; installations with runs: prod"), elsewhere.err());
        CliTests.Run none = upbook("report", "--state", state, "-i", "staging");
        assertEquals(ExitCode.USAGE.code(), none.exitCode());
        assertTrue(none.err().contains("installation 'staging' has no run"), none.err());
        CliTests.Run format = upbook("report", "1", "--state", state, "-i", "prod", "--format", "pdf");
        assertEquals(ExitCode.USAGE.code(), format.exitCode());
    }

    @Test
    void outputWritesTheFileWholeAndPrintsItsPath() throws Exception {
        String state = journal();
        Path file = dir.resolve("reports/run-1.html");
        CliTests.Run r = upbook("report", "1", "--state", state, "--format", "html", "--output", file.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(file + "\n", r.out());
        String html = Files.readString(file);
        assertTrue(html.startsWith("<!DOCTYPE html>") && html.contains("<svg class=\"timeline\""), html);
        try (Stream<Path> files = Files.list(file.getParent())) {
            assertEquals(List.of(file), files.toList(), "no temporary file is left beside the report");
        }
        CliTests.Run junit = upbook("report", "1", "--state", state, "-f", "JUNIT", "-o", file.toString());
        assertEquals(0, junit.exitCode(), junit.err());
        assertTrue(Files.readString(file).startsWith("<?xml"), "the file was replaced");
    }

    @Test
    void noFormatContainsTheSecretOfTheHelloPlaybooksRun() throws Exception {
        String secret = "hello-S3cr3t-report-token";
        Path site = Files.createDirectories(dir.resolve("hello-site"));
        Files.writeString(site.resolve("VERSION"), "1.0.0\n");
        String state = dir.resolve("journal.db").toString();
        Path playbook = RepoPaths.dslSpec().resolve("examples/hello.playbook.yaml");
        CliTests.Run run = upbook("run", playbook.toString(), "--to", "1.1.0", "--state", state, "--var", "site=" + site,
                "--var", "admin_token=" + secret);
        assertEquals(0, run.exitCode(), run.err());
        assertNoFormatContains(state, secret, "1.0.0..1.1.0/migrate");
        // the review the executor evaluated is in the reports, with its evidence
        CliTests.Run md = upbook("report", "--state", state, "--format", "md");
        assertTrue(md.out().contains("review/version") && md.out().contains("detected 1.1.0"), md.out());
        CliTests.Run junit = upbook("report", "--state", state, "--format", "junit");
        assertTrue(junit.out().contains("review/online"), junit.out());
    }

    /** A step that prints the secret and one that fails with it in its error: the journal's masked output and message are reported. */
    @Test
    void noFormatContainsASecretTheStepsPrinted() throws Exception {
        String secret = "echo-S3cr3t-report-token";
        Path playbook = Files.writeString(dir.resolve("echo.playbook.yaml"), """
                upbook: 1
                product: { name: echo }
                versions:
                  releases: [1.0.0, 1.1.0]
                inputs:
                  token: { secret: true, env: REPORT_COMMAND_TESTS_UNSET_VARIABLE }
                edges:
                  - from: 1.0.0
                    to: 1.1.0
                    steps:
                      - id: say
                        type: exec
                        with: { argv: [sh, -c, 'echo "the token is $0"', "{{ inputs.token }}"] }
                      - id: refuse
                        type: exec
                        after: [say]
                        on-failure: continue
                        with: { argv: [sh, -c, 'echo "token $0 rejected"; echo "token $0 rejected" >&2; exit 3', "{{ inputs.token }}"] }
                """);
        String state = dir.resolve("journal.db").toString();
        CliTests.Run run = upbook("run", playbook.toString(), "--from", "1.0.0", "--to", "1.1.0", "--state", state,
                "--var", "token=" + secret);
        assertFalse(run.out().contains(secret) || run.err().contains(secret), run.out() + run.err());
        assertNoFormatContains(state, secret, "1.0.0..1.1.0/refuse");
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| failed |") && md.contains("rejected"), "the failed step and its output are reported:\n" + md);
        assertTrue(md.contains("*****"), "the secret shows masked:\n" + md);
        assertTrue(Files.readString(dir.resolve("report.json")).contains("the token is *****"), "the step's output, masked");
    }

    private void assertNoFormatContains(String state, String secret, String step) throws Exception {
        byte[] needle = secret.getBytes(StandardCharsets.UTF_8);
        for (String format : List.of("md", "json", "junit", "html")) {
            Path file = dir.resolve("report." + format);
            CliTests.Run r = upbook("report", "--state", state, "--format", format, "--output", file.toString());
            assertEquals(0, r.exitCode(), r.err());
            byte[] bytes = Files.readAllBytes(file);
            assertTrue(new String(bytes, StandardCharsets.UTF_8).contains(step), "the " + format + " report has the steps");
            assertFalse(contains(bytes, needle), "the secret is in the " + format + " report");
            CliTests.Run stdout = upbook("report", "--state", state, "--format", format);
            assertFalse(stdout.out().contains(secret), "the secret is in the " + format + " report on stdout");
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) if (haystack[i + j] != needle[j]) continue outer;
            return true;
        }
        return false;
    }
}
