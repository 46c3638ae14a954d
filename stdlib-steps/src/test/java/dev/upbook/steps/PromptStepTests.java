package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptStepTests {
    private final PromptStep prompt = new PromptStep();

    private static FakeContext context() {
        return new FakeContext(Path.of("").toAbsolutePath()).with("question", "Which database engine?");
    }

    @Test
    void runsAsAStep() {
        assertTrue(prompt.canRun(Use.STEP));
    }

    @Test
    void assumeYesTakesTheDefaultWithoutAsking() {
        FakeContext context = context().with("default", "mysql").withYes();
        assertEquals(StepResult.succeeded("answered with the default (--yes)", "", "mysql"), prompt.run(context));
        assertEquals(List.of(), context.questions);
    }

    @Test
    void assumeYesWithoutADefaultFails() {
        assertEquals(StepResult.failed("no default answer for --yes"), prompt.run(context().withYes()));
    }

    @Test
    void theAnswerIsRegistered() {
        FakeContext context = context().answers("  sqlite ");
        assertEquals(StepResult.succeeded("answered", "", "sqlite"), prompt.run(context));
        assertEquals(List.of("Which database engine?"), context.questions);
    }

    @Test
    void anEmptyAnswerTakesTheDefault() {
        assertEquals("pgsql", prompt.run(context().with("default", "pgsql").answers("")).value());
    }

    @Test
    void anAnswerOutsideTheChoicesIsAskedAgain() {
        FakeContext context = context().with("choices", List.of("mysql", "pgsql")).with("default", "mysql").answers("oracle", "PGSQL");
        assertEquals(StepResult.succeeded("answered 'pgsql'", "", "pgsql"), prompt.run(context));
        assertEquals(2, context.questions.size());
        assertEquals("Which database engine? [mysql/pgsql] (default: mysql)", context.questions.get(0));
        assertEquals(List.of("'oracle' is not one of mysql, pgsql"), context.progress);
    }

    @Test
    void threeWrongAnswersFail() {
        FakeContext context = context().with("choices", List.of("mysql", "pgsql")).answers("a", "b", "c", "mysql");
        assertEquals(StepResult.failed("no valid answer after 3 tries (choices: mysql, pgsql)"), prompt.run(context));
        assertEquals(3, context.questions.size());
    }

    @Test
    void withoutATerminalItFails() {
        StepResult result = prompt.run(context().with("default", "mysql"));
        assertEquals(StepResult.failed("needs an answer: run interactively, or with --yes to use the default"), result);
    }

    @Test
    void describeShowsTheQuestionAsAsked() {
        assertEquals("prompt: Engine? [a/b] (default: a)", prompt.describe(new Parameters(Map.of(
                "question", "Engine?", "choices", List.of("a", "b"), "default", "a"))));
    }
}
