package dev.upbook.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.Precondition;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.version.Version;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The canonical form of a plan: plain maps and lists of what a run does, serialized as JSON with
 * sorted keys and no whitespace. Positions, titles and notes are left out, so that reformatting
 * or rewording a playbook does not change the hash; versions are normalized.
 */
public final class PlanCanonical {
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, false);

    private PlanCanonical() {}

    static String hash(Plan plan) {
        return sha256(form(plan));
    }

    /**
     * SHA-256 of one instance's canonical form: what the journal compares to detect drift. Titles,
     * descriptions, positions and formatting do not take part; {@code revision} does.
     */
    static String instanceHash(StepInstance instance) {
        return sha256(instance(instance));
    }

    /** SHA-256 (lower-case hex) of a canonical form serialized as JSON with sorted keys. */
    public static String sha256(Object form) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(form);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash " + form.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, Object> form(Plan plan) {
        Map<String, Object> m = new TreeMap<>();
        m.put("product", plan.product());
        m.put("scheme", plan.scheme());
        m.put("from", plan.from().normalized());
        m.put("to", plan.to().normalized());
        List<String> path = new ArrayList<>();
        for (Version v : plan.path()) path.add(v.normalized());
        m.put("path", path);
        List<Object> hops = new ArrayList<>();
        for (PlanHop h : plan.hops()) hops.add(Map.of("id", h.id(), "irreversible", h.irreversible()));
        m.put("hops", hops);
        List<Object> preconditions = new ArrayList<>();
        for (PlanPrecondition p : plan.preconditions()) preconditions.add(precondition(p));
        m.put("preconditions", preconditions);
        List<Object> steps = new ArrayList<>();
        for (StepInstance s : plan.steps()) steps.add(instance(s));
        m.put("steps", steps);
        return m;
    }

    private static Map<String, Object> instance(StepInstance instance) {
        Map<String, Object> m = new TreeMap<>();
        m.put("id", instance.id());
        m.put("phase", instance.phase().keyword());
        instance.step().ifPresent(step -> step(step, m));
        instance.reviewItem().ifPresent(item -> review(item, m));
        return m;
    }

    private static void step(Step step, Map<String, Object> m) {
        m.put("type", step.type().value());
        m.put("with", step.with().toPlain());
        m.put("when", text(step.when()));
        Map<String, Object> flags = new TreeMap<>();
        flags.put("idempotent", step.idempotent());
        flags.put("guard", step.guard().map(PlanCanonical::action).orElse(null));
        flags.put("verify", step.verify().map(PlanCanonical::action).orElse(null));
        flags.put("until", step.until().map(PlanCanonical::action).orElse(null));
        flags.put("max-passes", step.maxPasses());
        flags.put("pass-delay", step.passDelay().toString());
        flags.put("retries", step.retries());
        flags.put("retry-delay", step.retryDelay().toString());
        flags.put("timeout", step.timeout().map(Object::toString).orElse(null));
        flags.put("on-failure", step.onFailure().value());
        flags.put("register", text(step.register()));
        flags.put("irreversible", step.irreversible());
        flags.put("revision", step.revision());
        m.put("flags", flags);
    }

    private static void review(ReviewItem item, Map<String, Object> m) {
        m.put("type", item.check().map(c -> c.type().value()).orElse("manual"));
        m.put("check", item.check().map(PlanCanonical::action).orElse(null));
        m.put("manual", item.manual().map(dev.upbook.spec.ast.Value.Scalar::text).orElse(null));
        m.put("severity", item.severity().keyword());
        m.put("when", text(item.when()));
    }

    private static Map<String, Object> precondition(PlanPrecondition p) {
        Precondition pre = p.precondition();
        Map<String, Object> m = new TreeMap<>();
        m.put("id", p.id());
        m.put("check", action(pre.check()));
        m.put("when", text(pre.when()));
        return m;
    }

    private static Map<String, Object> action(Action action) {
        Map<String, Object> m = new TreeMap<>();
        m.put("type", action.type().value());
        m.put("with", action.with().toPlain());
        return m;
    }

    private static String text(Optional<Text> text) {
        return text.map(Text::value).orElse(null);
    }
}
