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

    /**
     * The plan hash: SHA-256 over the canonical JSON of the plan's header (product, scheme, versions,
     * path, hops, preconditions), then one line per instance: its id, phase and
     * {@link #instanceHash instance hash}. Built from the instance hashes, a step shared by many
     * hops is serialized once, so hashing a 100,000-step plan stays cheap.
     */
    static String hash(Plan plan) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(JSON.writeValueAsBytes(header(plan)));
            List<String> hashes = instanceHashes(plan);
            for (int i = 0; i < hashes.size(); i++) {
                StepInstance s = plan.steps().get(i);
                sha.update(("\n" + s.id() + " " + s.phase().keyword() + " " + hashes.get(i)).getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot hash the plan", e);
        }
    }

    /**
     * SHA-256 of one instance's canonical form: what the journal compares, per instance id, to
     * detect drift. It covers the step's type, parameters as written, {@code when}, flags and
     * {@code revision} (or the review item's check); titles, descriptions, positions and formatting
     * do not take part. The id is not part of it: the journal keys instances by id.
     */
    static String instanceHash(StepInstance instance) {
        return sha256Bytes(body(instance));
    }

    /** The hashes of all instances of a plan, in order; a step shared by many hops is hashed once. */
    static List<String> instanceHashes(Plan plan) {
        java.util.IdentityHashMap<Object, String> hashes = new java.util.IdentityHashMap<>();
        List<String> out = new ArrayList<>(plan.steps().size());
        for (StepInstance s : plan.steps()) {
            Object key = s.step().isPresent() ? s.step().get() : s.reviewItem().orElseThrow();
            out.add(hashes.computeIfAbsent(key, k -> instanceHash(s)));
        }
        return out;
    }

    private static String sha256Bytes(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] body(StepInstance instance) {
        Map<String, Object> m = new TreeMap<>();
        instance.step().ifPresent(step -> step(step, m));
        instance.reviewItem().ifPresent(item -> review(item, m));
        try {
            return JSON.writeValueAsBytes(m);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash " + instance.id(), e);
        }
    }

    /** SHA-256 (lower-case hex) of a canonical form serialized as JSON with sorted keys. */
    public static String sha256(Object form) {
        try {
            return sha256Bytes(JSON.writeValueAsBytes(form));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot hash " + form.getClass().getSimpleName(), e);
        }
    }

    private static Map<String, Object> header(Plan plan) {
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
        if (plan.procedure().isPresent()) m.put("procedure", true);
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
        // only when used, so that the hashes of plans without them stay what they were
        if (item.targetVersion()) m.put("target-version", true);
        item.expect().ifPresent(e -> {
            Map<String, Object> x = new TreeMap<>();
            x.put("value", e.value().map(dev.upbook.spec.ast.Value.Scalar::text).orElse(null));
            x.put("captured", text(e.captured()));
            x.put("compare", e.compare().keyword());
            x.put("tolerance", e.tolerance().orElse(null));
            m.put("expect", x);
        });
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
