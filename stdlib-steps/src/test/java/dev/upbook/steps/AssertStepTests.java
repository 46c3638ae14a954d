package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AssertStepTests {
    private final AssertStep assertStep = new AssertStep();
    private final Path dir = Path.of("").toAbsolutePath();

    @Test
    void runsAsStepAndCheck() {
        assertTrue(assertStep.canRun(Use.STEP));
        assertTrue(assertStep.canRun(Use.CHECK));
    }

    @Test
    void aTrueExpressionPasses() {
        FakeContext context = new FakeContext(dir).with("that", true);
        assertTrue(assertStep.check(context).passed());
        assertEquals(StepResult.Status.SUCCEEDED, assertStep.run(context).status());
    }

    @Test
    void aFalseExpressionFailsWithTheMessage() {
        FakeContext context = new FakeContext(dir).with("that", false).with("message", "disk too small for s3cret");
        CheckResult check = assertStep.check(context.secret("s3cret"));
        assertFalse(check.passed());
        assertEquals("disk too small for *****", check.detail());
        StepResult run = assertStep.run(context);
        assertEquals(StepResult.Status.FAILED, run.status());
        assertEquals("disk too small for *****", run.message());
    }

    @Test
    void withoutAMessageItSaysAssertionFailed() {
        assertEquals("assertion failed", assertStep.run(new FakeContext(dir).with("that", false)).message());
    }

    @Test
    void aMissingExpressionIsAParameterError() {
        Parameters.ParameterException e = assertThrows(Parameters.ParameterException.class,
                () -> assertStep.check(new FakeContext(dir)));
        assertEquals("parameter 'that' is required", e.getMessage());
    }

    @Test
    void describeUsesTheMessage() {
        assertEquals("assert: enough disk", assertStep.describe(new Parameters(Map.of("that", true, "message", "enough disk"))));
    }
}
