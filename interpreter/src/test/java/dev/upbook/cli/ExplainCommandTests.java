package dev.upbook.cli;

import static dev.upbook.cli.CliTests.upbook;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code upbook explain}: the list of step types, one type's reference, and unknown names. */
class ExplainCommandTests {

    static final Collection<StepType> INSTALLED = StepTypes.load(ExplainCommandTests.class.getClassLoader()).all();

    @TempDir
    Path dir;

    @Test
    void explainListsEveryInstalledTypeInAlignedColumns() {
        CliTests.Run run = upbook("explain");
        assertEquals(0, run.exitCode(), run.err());
        List<String> lines = run.out().lines().toList();
        assertTrue(lines.get(0).matches("TYPE +USE +SUMMARY"), lines.get(0));
        int use = lines.get(0).indexOf("USE");
        int summary = lines.get(0).indexOf("SUMMARY");
        List<StepType> types = List.copyOf(INSTALLED);
        assertTrue(types.size() > 10, "the standard library is installed");
        for (int i = 0; i < types.size(); i++) {
            StepType type = types.get(i);
            String line = lines.get(i + 1);
            assertTrue(line.startsWith(type.name() + " "), line);
            assertEquals(type.summary(), line.substring(summary), line);
            assertTrue(line.substring(use, summary).strip().matches("step|check|step, check"), line);
        }
        assertTrue(run.out().endsWith("\nRun 'upbook explain TYPE' for a type's parameters and an example.\n"), run.out());
    }

    @Test
    void explainTypeShowsItsReference() {
        CliTests.Run run = upbook("explain", "exec");
        assertEquals(0, run.exitCode(), run.err());
        String out = run.out();
        assertTrue(out.startsWith("exec: Runs a program from an argv list"), out);
        assertTrue(out.contains("\nUse            as a step (in pre, post, an edge's or rule's steps, a recovery);"
                + " as a check (a precondition, a step's guard or verify, a review check, detect)\n"), out);
        assertTrue(out.contains("\nIdempotency    Not idempotent by itself: declare idempotent or a guard on the step.\n"), out);
        assertTrue(out.contains("\nAfter a crash  runs again only with idempotent: true or a guard; otherwise resume asks the operator\n"), out);
        assertTrue(out.matches("(?s).*\nRegister       \\S.*"), out);
        assertTrue(out.contains("\nParameters (under with:):\n  NAME  "), out);
        assertTrue(out.matches("(?s).*\n  argv +list of template string +required +The program and its arguments.*"), out);
        assertTrue(out.matches("(?s).*\n  shell +boolean +false +Run argv\\[0] as a shell script.*"), out);
        assertTrue(out.endsWith("\nExample:\n"
                + "  - id: exec\n"
                + "    type: exec\n"
                + "    with:\n"
                + "      argv: [\"php\", \"/srv/ixpmanager/artisan\", \"migrate\", \"--force\"]\n"), out);
    }

    @Test
    void explainTypeShowsItsExactlyOneOfGroupsAndUsesTheFirstInTheExample() {
        CliTests.Run run = upbook("explain", "sql.exec");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("\nExactly one of: sql, file\n"), run.out());
        assertTrue(run.out().endsWith("    with:\n      url: \"jdbc:postgresql://localhost:5432/arctyk_db\"\n"
                + "      sql: \"DELETE FROM django_session WHERE expire_date < now()\"\n"), run.out());
    }

    @Test
    void everyExampleStepPassesLint() throws IOException {
        for (StepType type : INSTALLED) {
            String example = StepTypeReference.example(type);
            String playbook = type.uses().contains(StepType.Use.STEP)
                    ? CliTests.VALID.replace("    steps:\n", "    steps:\n" + example.indent(4))
                    : CliTests.VALID + "preconditions:\n" + example;
            Path file = Files.writeString(dir.resolve(type.name() + ".playbook.yaml"), playbook);
            CliTests.Run run = upbook("lint", file.toString());
            assertEquals(0, run.exitCode(), type.name() + ":\n" + playbook + "\n" + run.out());
        }
    }

    @Test
    void anUnknownTypeIsAUsageErrorWithTheClosestName() {
        assertEquals(new CliTests.Run(2, "", "upbook: no step type 'exce' is installed; did you mean 'exec'?\n"),
                upbook("explain", "exce"));
    }

    @Test
    void anUnknownTypeWithNothingCloseSaysHowToListThem() {
        assertEquals(new CliTests.Run(2, "", "upbook: no step type 'kubernetes' is installed;"
                + " run 'upbook explain' to list the installed step types\n"), upbook("explain", "kubernetes"));
    }

    @Test
    void completionOffersTheTypeNames() {
        assertTrue(upbook("completion").out().contains("file.backup"));
    }
}
