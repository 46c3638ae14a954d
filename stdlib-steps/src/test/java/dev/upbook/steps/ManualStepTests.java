package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManualStepTests {
    private final ManualStep manual = new ManualStep();

    private static FakeContext context() {
        return new FakeContext(Path.of("").toAbsolutePath()).with("instruction", "Stop the cron jobs on app2.");
    }

    @Test
    void runsAsAStepOnly() {
        assertTrue(manual.canRun(Use.STEP));
        assertFalse(manual.canRun(Use.CHECK));
    }

    @Test
    void aPreGivenAnswerConfirmsWithoutAsking() {
        FakeContext context = context().with("answer", "done, CHG-1234");
        StepResult result = manual.run(context);
        assertEquals(StepResult.succeeded("pre-given answer", "", "done, CHG-1234"), result);
        assertEquals(List.of(), context.questions);
    }

    @Test
    void aPreGivenNoDoesNotConfirm() {
        StepResult result = manual.run(context().with("answer", "No"));
        assertEquals(StepResult.failed("not confirmed (the pre-given answer is no)"), result);
    }

    @Test
    void assumeYesConfirmsWithoutAsking() {
        FakeContext context = context().withYes();
        assertEquals(StepResult.succeeded("confirmed by --yes", "", "yes"), manual.run(context));
        assertEquals(List.of(), context.questions);
    }

    @Test
    void theOperatorIsAskedWithTheInstruction() {
        FakeContext context = context().answers(" Y ");
        assertEquals(StepResult.succeeded("confirmed by the operator", "", "Y"), manual.run(context));
        assertEquals(List.of("Stop the cron jobs on app2.\nDone? [y/N]"), context.questions);
    }

    @Test
    void anythingButYesIsNotConfirmed() {
        StepResult result = manual.run(context().answers(""));
        assertEquals(StepResult.Status.FAILED, result.status());
        assertEquals("not confirmed", result.message());
        assertNull(result.value());
    }

    @Test
    void withoutATerminalItNeedsYesOrAnAnswer() {
        assertEquals(StepResult.failed("needs confirmation: run with --yes or give an answer"), manual.run(context()));
    }

    @Test
    void describeShowsTheInstructionOnOneLine() {
        assertEquals("manual: Stop cron. / Then disable the timer. (asks the operator to confirm)",
                manual.describe(new Parameters(Map.of("instruction", "Stop cron.\n  Then disable the timer.\n"))));
    }
}
