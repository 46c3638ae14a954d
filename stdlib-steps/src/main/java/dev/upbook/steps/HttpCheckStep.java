package dev.upbook.steps;

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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Step type {@code http.check}: Requests a URL and checks status, body and headers.
 *
 * <p>One GET, redirects not followed (expect a 301 or 302 yourself), answered within the step's
 * timeout or {@value #DEFAULT_TIMEOUT_SECONDS} seconds. The body and header patterns are searched,
 * not matched whole: anchor them ({@code ^…$}) for an exact value. Header names are
 * case-insensitive. As a step it fails when the response differs; as a check it does not pass.
 */
@StepDefinition(name = "http.check", uses = {Use.STEP, Use.CHECK},
        summary = "Requests a URL and checks status, body and headers.",
        idempotency = "Pure check; always safe to repeat.",
        idempotent = true,
        registers = "`{status: Long, body: String, headers: Map}`: the status code, the first 4096 characters of the body, "
                + "and the headers with lower-case names (several values joined with \", \"). Nothing is registered when no "
                + "response came.")
public final class HttpCheckStep extends DeclaredStepType {
    static final long DEFAULT_TIMEOUT_SECONDS = 30;

    /** The parameters under {@code with:}. */
    public record With(
            @Param(value = "The URL.", example = "\"https://helpdesk.example.org/scp/login.php\"") String url,
            @Param(value = "Expected status code.", defaultValue = "200") long status,
            @Param("A regular expression the body must match.") Optional<String> body,
            @Param("Headers that must be present with these values (regex).") Map<String, String> headers) {}

    public HttpCheckStep() {
        super(HttpCheckStepBinding.DECLARATION);
    }

    @Override
    public StepResult run(StepContext context) throws InterruptedException {
        With p = HttpCheckStepBinding.bind(context.parameters());
        Duration timeout = context.timeout().orElse(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
        HttpProbe probe = HttpProbe.of(p.url(), timeout);
        HttpProbe.Expectation expected = expectation(p);
        HttpProbe.Answer answer = probe.get(timeout);
        List<String> mismatches = expected.mismatches(answer);
        String output = context.mask(answer.bodyExcerpt());
        if (!mismatches.isEmpty()) return StepResult.failed(context.mask(String.join("; ", mismatches)), output);
        return StepResult.succeeded(context.mask(summary(probe, answer)), output, answer.registered());
    }

    @Override
    public CheckResult check(StepContext context) throws InterruptedException {
        With p = HttpCheckStepBinding.bind(context.parameters());
        Duration timeout = context.timeout().orElse(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
        HttpProbe probe = HttpProbe.of(p.url(), timeout);
        HttpProbe.Answer answer = probe.get(timeout);
        List<String> mismatches = expectation(p).mismatches(answer);
        if (!mismatches.isEmpty()) return CheckResult.fail(context.mask(String.join("; ", mismatches)), answer.registered());
        return CheckResult.pass(context.mask(summary(probe, answer)), answer.registered());
    }

    @Override
    public String describe(Parameters parameters) {
        With p = HttpCheckStepBinding.bind(parameters);
        return "http.check: GET " + p.url() + ", expect " + expectationText(p);
    }

    static String summary(HttpProbe probe, HttpProbe.Answer answer) {
        return "HTTP " + answer.status() + " from " + probe.uri() + " in " + Texts.elapsed(answer.elapsed());
    }

    private static String expectationText(With p) {
        StringBuilder sb = new StringBuilder("HTTP ").append(p.status());
        p.body().ifPresent(b -> sb.append(", body /").append(b).append('/'));
        p.headers().forEach((k, v) -> sb.append(", ").append(k).append(" /").append(v).append('/'));
        return sb.toString();
    }

    private static HttpProbe.Expectation expectation(With p) {
        Optional<Pattern> body = p.body().map(b -> pattern("body", b));
        Map<String, Pattern> headers = new LinkedHashMap<>();
        p.headers().forEach((name, regex) -> headers.put(name, pattern("headers." + name, regex)));
        return new HttpProbe.Expectation(status(p.status()), body, headers);
    }

    /** The expected status code; a parameter problem outside 100-599 (also for {@code http.wait}). */
    static int status(long status) {
        if (status < 100 || status > 599) throw new Parameters.ParameterException("status", "must be an HTTP status (100-599), not " + status);
        return (int) status;
    }

    private static Pattern pattern(String parameter, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Parameters.ParameterException(parameter, "is not a regular expression: " + e.getDescription());
        }
    }
}
