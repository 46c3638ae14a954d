package dev.upbook.steps;

import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
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
 *
 * <p>Registers {@code {status: Long, body: String, headers: Map}}: the status code, the first
 * 4096 characters of the body, and the headers with lower-case names (several values joined
 * with ", "). Nothing is registered when no response came.
 */
public final class HttpCheckStep extends DeclaredStepType {
    static final long DEFAULT_TIMEOUT_SECONDS = 30;

    public HttpCheckStep() {
        super("http.check", "Requests a URL and checks status, body and headers.", STEP_AND_CHECK,
                "Pure check; always safe to repeat.",
                req("url", TEXT, "The URL."),
                opt("status", INT, "200", "Expected status code."),
                opt("body", TEXT, "none", "A regular expression the body must match."),
                opt("headers", TEXT_MAP, "{}", "Headers that must be present with these values (regex)."));
    }

    @Override
    public boolean canRun(Use use) {
        return uses().contains(use);
    }

    @Override
    public StepResult run(StepContext context) throws InterruptedException {
        Duration timeout = context.timeout().orElse(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
        HttpProbe probe = HttpProbe.of(context.parameters().text("url"), timeout);
        HttpProbe.Expectation expected = expectation(context.parameters());
        HttpProbe.Answer answer = probe.get(timeout);
        List<String> mismatches = expected.mismatches(answer);
        String output = context.mask(answer.bodyExcerpt());
        if (!mismatches.isEmpty()) return StepResult.failed(context.mask(String.join("; ", mismatches)), output);
        return StepResult.succeeded(context.mask(summary(probe, answer)), output, answer.registered());
    }

    @Override
    public CheckResult check(StepContext context) throws InterruptedException {
        Duration timeout = context.timeout().orElse(Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS));
        HttpProbe probe = HttpProbe.of(context.parameters().text("url"), timeout);
        HttpProbe.Answer answer = probe.get(timeout);
        List<String> mismatches = expectation(context.parameters()).mismatches(answer);
        if (!mismatches.isEmpty()) return CheckResult.fail(context.mask(String.join("; ", mismatches)), answer.registered());
        return CheckResult.pass(context.mask(summary(probe, answer)), answer.registered());
    }

    @Override
    public String describe(Parameters parameters) {
        return "http.check: GET " + parameters.text("url", "(no url)") + ", expect " + expectationText(parameters);
    }

    static String summary(HttpProbe probe, HttpProbe.Answer answer) {
        return "HTTP " + answer.status() + " from " + probe.uri() + " in " + Texts.elapsed(answer.elapsed());
    }

    static String expectationText(Parameters parameters) {
        StringBuilder sb = new StringBuilder("HTTP ").append(parameters.integer("status", 200));
        parameters.optionalText("body").ifPresent(b -> sb.append(", body /").append(b).append('/'));
        parameters.textMap("headers").forEach((k, v) -> sb.append(", ").append(k).append(" /").append(v).append('/'));
        return sb.toString();
    }

    /** The expected status, body pattern and header patterns; a parameter problem for a bad pattern. */
    static HttpProbe.Expectation expectation(Parameters p) {
        long status = p.integer("status", 200);
        if (status < 100 || status > 599) throw new Parameters.ParameterException("status", "must be an HTTP status (100-599), not " + status);
        Optional<Pattern> body = p.optionalText("body").map(b -> pattern("body", b));
        Map<String, Pattern> headers = new LinkedHashMap<>();
        p.textMap("headers").forEach((name, regex) -> headers.put(name, pattern("headers." + name, regex)));
        return new HttpProbe.Expectation((int) status, body, headers);
    }

    private static Pattern pattern(String parameter, String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new Parameters.ParameterException(parameter, "is not a regular expression: " + e.getDescription());
        }
    }
}
