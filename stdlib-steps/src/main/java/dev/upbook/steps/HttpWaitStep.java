package dev.upbook.steps;

import dev.upbook.spec.Durations;
import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Param;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepDefinition;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import dev.upbook.steps.internal.HttpProbe;
import dev.upbook.steps.internal.Texts;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Step type {@code http.wait}: Polls a URL until it answers as expected or the timeout passes.
 *
 * <p>GETs the URL (redirects not followed) until it answers with the expected status, pausing
 * {@code interval} between attempts, for at most {@code within} (or the step's timeout, when that
 * is shorter; one attempt may overrun it by up to a second). Connection refused, timeouts and other statuses count as "not yet". Each miss is
 * reported as progress. On the operator's stop request it stops between attempts.
 */
@StepDefinition(name = "http.wait", uses = {Use.STEP, Use.CHECK},
        summary = "Polls a URL until it answers as expected or the timeout passes.",
        idempotency = "Pure check; always safe to repeat.",
        idempotent = true,
        registers = "Like `http.check`, `{status: Long, body: String, headers: Map}` of the answer that met the expectation.")
public final class HttpWaitStep extends DeclaredStepType {
    /** One attempt waits at most this long for its answer, so a hung server is asked again. */
    private static final Duration ATTEMPT_CAP = Duration.ofSeconds(10);
    /** ...and at least this long, even near the end of {@code within}: a slow first answer is still an answer. */
    private static final Duration ATTEMPT_FLOOR = Duration.ofSeconds(1);

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The URL.", example = "\"https://helpdesk.example.org/scp/login.php\"") String url,
            @Param(value = "Expected status code.", defaultValue = "200") long status,
            @Param(value = "Give up after this long.", defaultValue = "2m") Duration within,
            @Param(value = "Pause between attempts.", defaultValue = "2s") Duration interval) {}

    public HttpWaitStep() {
        super(HttpWaitStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws InterruptedException {
        Outcome outcome = poll(context);
        String output = context.mask(outcome.last.bodyExcerpt());
        if (outcome.stopped) return StepResult.stopped(context.mask(outcome.message));
        if (!outcome.met) return StepResult.failed(context.mask(outcome.message), output);
        return StepResult.succeeded(context.mask(outcome.message), output, outcome.last.registered());
    }

    @Override
    public CheckResult check(StepContext context) throws InterruptedException {
        Outcome outcome = poll(context);
        return new CheckResult(outcome.met, context.mask(outcome.message), outcome.last.registered());
    }

    @Override
    public String describe(Parameters parameters) {
        With p = HttpWaitStepBinding.bind(parameters);
        return "http.wait: GET " + p.url() + " until HTTP " + p.status()
                + ", every " + Durations.format(p.interval()) + " for at most " + Durations.format(p.within());
    }

    /** How the polling ended: the last answer and a message for the operator. */
    private record Outcome(boolean met, boolean stopped, HttpProbe.Answer last, String message) {}

    private static Outcome poll(StepContext context) throws InterruptedException {
        With p = HttpWaitStepBinding.bind(context.parameters());
        Duration within = context.timeout().filter(t -> t.compareTo(p.within()) < 0).orElse(p.within());
        Duration interval = p.interval();
        HttpProbe.Expectation expected = new HttpProbe.Expectation(HttpCheckStep.status(p.status()), Optional.empty(), Map.of());
        HttpProbe probe = HttpProbe.of(p.url(), max(min(within, ATTEMPT_CAP), ATTEMPT_FLOOR));
        long start = System.nanoTime();
        long deadline = start + within.toNanos();
        int attempts = 0;
        while (true) {
            attempts++;
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            HttpProbe.Answer answer = probe.get(max(min(left, ATTEMPT_CAP), ATTEMPT_FLOOR));
            List<String> mismatches = expected.mismatches(answer);
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            if (mismatches.isEmpty()) {
                return new Outcome(true, false, answer, "HTTP " + answer.status() + " from " + probe.uri() + " after "
                        + attempts + (attempts == 1 ? " attempt" : " attempts") + " in " + Texts.elapsed(elapsed));
            }
            String miss = String.join("; ", mismatches);
            long pause = Math.min(interval.toNanos(), deadline - System.nanoTime());
            if (pause <= 0) {
                return new Outcome(false, false, answer, "no HTTP " + expected.status() + " from " + probe.uri() + " within "
                        + Durations.format(within) + " (" + attempts + (attempts == 1 ? " attempt" : " attempts") + "); last: " + miss);
            }
            if (context.stopRequested()) {
                return new Outcome(false, true, answer, "stopped waiting for " + probe.uri() + " after " + attempts + " attempts");
            }
            context.progress("attempt " + attempts + ": " + miss);
            Thread.sleep(Math.max(1, pause / 1_000_000));
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
