package dev.upbook.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.upbook.resolve.Explanation;
import dev.upbook.resolve.Explanation.Choice;
import dev.upbook.resolve.Explanation.Rejected;
import dev.upbook.resolve.GraphHop;
import dev.upbook.resolve.HopOrigin;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.ReviewItem.ReviewSeverity;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.version.Version;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link Plan} for {@code upbook plan}: a text form for operators and a JSON form for
 * tools, both optionally with the resolver's {@link Explanation} ({@code --explain}).
 */
public final class PlanPrinter {
    /** How many hex digits of the hash the text form shows. */
    public static final int HASH_PREFIX = 12;

    private static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.INDENT_OUTPUT, true);
    private static final String NL = "\n";

    private PlanPrinter() {}

    /** The operator-facing plan; {@code explanation} is used (and required) only when {@code explain} is set. */
    public static String text(Plan plan, boolean explain, Explanation explanation) {
        StringBuilder out = new StringBuilder();
        header(plan, out);
        if (plan.alreadyThere()) {
            out.append(NL).append("Already at ").append(plan.to().text()).append("; nothing to do.").append(NL);
            return out.toString();
        }
        if (plan.procedure().isEmpty()) hops(plan, out);
        preconditions(plan, out);
        steps(plan, out);
        if (explain && explanation != null) explanation(explanation, out);
        return out.toString();
    }

    // --- text sections

    private static void header(Plan plan, StringBuilder out) {
        String name = plan.productTitle().isBlank() || plan.productTitle().equals(plan.product())
                ? plan.product() : plan.productTitle() + " (" + plan.product() + ")";
        if (plan.procedure().isPresent()) {
            out.append("Plan for ").append(name).append(": ").append(plan.procedure().get()).append(NL);
            out.append("  procedure at ").append(plan.from().text()).append(" (the version stays)").append(NL);
        } else {
            out.append("Plan for ").append(name).append(": ").append(plan.from().text()).append(" → ").append(plan.to().text()).append(NL);
            out.append("  path:  ").append(pathText(plan.path()));
            int n = plan.hops().size();
            out.append(" (").append(n).append(n == 1 ? " hop" : " hops");
            int irreversible = plan.irreversibleHops().size();
            if (irreversible > 0) out.append(", ").append(irreversible).append(" irreversible");
            out.append(')').append(NL);
        }
        out.append("  steps: ").append(count(plan, false)).append(", review items: ").append(count(plan, true)).append(NL);
        out.append("  hash:  ").append(plan.hash(), 0, HASH_PREFIX).append(NL);
    }

    private static void hops(Plan plan, StringBuilder out) {
        out.append(NL).append("Hops").append(NL);
        for (PlanHop hop : plan.hops()) {
            out.append(String.format("  %d. %s   via %s", hop.index() + 1, hop.label(), origin(hop.origin())));
            out.append(NL);
            if (hop.irreversible()) {
                out.append("       ! IRREVERSIBLE: ").append(hop.reason().strip())
                        .append(" (the run stops for confirmation unless --yes)").append(NL);
            }
            for (String note : hop.notes()) out.append("       note: ").append(note.strip()).append(NL);
            for (String change : hop.breaking()) out.append("       breaking: ").append(change.strip()).append(NL);
        }
    }

    private static void preconditions(Plan plan, StringBuilder out) {
        if (plan.preconditions().isEmpty()) return;
        out.append(NL).append("Preconditions (all checked before the first step)").append(NL);
        for (PlanPrecondition p : plan.preconditions()) {
            out.append("  - ").append(p.id());
            String title = p.precondition().title();
            if (title != null && !title.isBlank() && !title.equals(p.precondition().id().value())) out.append(": ").append(title.strip());
            p.precondition().when().ifPresent(w -> out.append("  (when ").append(w.value()).append(')'));
            out.append(NL);
        }
    }

    private static void steps(Plan plan, StringBuilder out) {
        int width = plan.steps().stream().mapToInt(s -> s.id().length()).max().orElse(0);
        int number = 1;
        Phase section = null;
        for (StepInstance s : plan.steps()) {
            boolean review = s.isReview();
            if (section == null || (review && section != Phase.REVIEW)) {
                section = review ? Phase.REVIEW : Phase.PRE;
                out.append(NL).append(review ? "Review (a hop's items after the hop, the others after the last step)" : "Steps").append(NL);
            }
            out.append(String.format("  %3d. %-" + width + "s  %s", number++, s.id(), s.title().strip()));
            out.append(details(s)).append(NL);
        }
    }

    private static String details(StepInstance s) {
        StringBuilder d = new StringBuilder("  [").append(s.type()).append(']');
        s.step().flatMap(Step::when).or(() -> s.reviewItem().flatMap(ReviewItem::when))
                .ifPresent(w -> d.append(" when ").append(w.value()));
        if (s.irreversible()) d.append("  ! irreversible: ").append(s.step().orElseThrow().reason().strip());
        s.reviewItem().filter(r -> r.severity() == ReviewSeverity.ADVISORY).ifPresent(r -> d.append(" (advisory)"));
        return d.toString();
    }

    private static void explanation(Explanation explanation, StringBuilder out) {
        out.append(NL).append("Why this path").append(NL);
        for (Choice c : explanation.choices()) {
            out.append("  at ").append(c.at().text()).append(": took ").append(c.chosen().label())
                    .append(" (").append(c.chosen().origin().describe()).append("), ")
                    .append(c.hopsToTarget()).append(c.hopsToTarget() == 1 ? " hop" : " hops").append(" to the target");
            if (c.irreversibleToTarget() > 0) out.append(", ").append(c.irreversibleToTarget()).append(" irreversible");
            out.append(NL);
            for (Rejected r : c.rejected()) {
                out.append("      not ").append(r.hop().label()).append(" (").append(r.hop().origin().describe()).append("): ")
                        .append(r.message()).append(NL);
            }
        }
    }

    private static String origin(HopOrigin origin) {
        String title = origin.title().isBlank() || origin.title().equals(origin.id()) ? "" : " \"" + origin.title().strip() + "\"";
        return origin.describe() + title;
    }

    private static String pathText(List<Version> path) {
        StringBuilder sb = new StringBuilder();
        for (Version v : path) sb.append(sb.length() == 0 ? "" : " → ").append(v.text());
        return sb.toString();
    }

    private static long count(Plan plan, boolean review) {
        return plan.steps().stream().filter(s -> s.isReview() == review).count();
    }

    // --- JSON

    /** The plan as JSON for tools; includes {@code explanation} when {@code explain} is set. */
    public static String json(Plan plan, boolean explain, Explanation explanation) {
        ObjectNode root = JSON.createObjectNode();
        root.put("product", plan.product());
        root.put("productTitle", plan.productTitle());
        root.put("scheme", plan.scheme());
        root.put("from", plan.from().text());
        root.put("to", plan.to().text());
        root.put("hash", plan.hash());
        plan.procedure().ifPresent(title -> root.put("procedure", title));
        ArrayNode path = root.putArray("path");
        plan.path().forEach(v -> path.add(v.text()));
        ArrayNode hops = root.putArray("hops");
        plan.hops().forEach(h -> hops.add(hopJson(h)));
        ArrayNode preconditions = root.putArray("preconditions");
        plan.preconditions().forEach(p -> preconditions.add(preconditionJson(p)));
        ArrayNode steps = root.putArray("steps");
        plan.steps().forEach(s -> steps.add(instanceJson(s)));
        if (explain && explanation != null) root.set("explanation", explanationJson(explanation));
        try {
            return JSON.writeValueAsString(root) + NL;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the plan as JSON", e);
        }
    }

    private static ObjectNode hopJson(PlanHop h) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", h.id());
        o.put("from", h.from().text());
        o.put("to", h.to().text());
        o.set("origin", originJson(h.origin()));
        o.put("title", h.title());
        o.put("irreversible", h.irreversible());
        if (h.irreversible()) o.put("reason", h.reason());
        ArrayNode notes = o.putArray("notes");
        h.notes().forEach(notes::add);
        ArrayNode breaking = o.putArray("breaking");
        h.breaking().forEach(breaking::add);
        return o;
    }

    private static ObjectNode originJson(HopOrigin origin) {
        ObjectNode o = JSON.createObjectNode();
        o.put("kind", origin.kind().name().toLowerCase(Locale.ROOT));
        o.put("path", origin.path());
        if (!origin.isExplicit()) o.put("rule", origin.id());
        return o;
    }

    private static ObjectNode preconditionJson(PlanPrecondition p) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", p.id());
        p.hop().ifPresent(h -> o.put("hop", h.id()));
        o.put("title", p.precondition().title());
        o.set("check", actionJson(p.precondition().check()));
        o.put("message", p.precondition().messageText());
        p.precondition().when().ifPresent(w -> o.put("when", w.value()));
        return o;
    }

    private static ObjectNode instanceJson(StepInstance s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", s.id());
        o.put("phase", s.phase().keyword());
        s.hop().ifPresent(h -> o.put("hop", h.id()));
        o.put("type", s.type());
        o.put("title", s.title());
        s.step().ifPresent(step -> {
            step.when().ifPresent(w -> o.put("when", w.value()));
            o.set("with", JSON.valueToTree(step.with().toPlain()));
            o.put("idempotent", step.idempotent());
            o.put("irreversible", step.irreversible());
            if (step.irreversible()) o.put("reason", step.reason());
            o.put("onFailure", step.onFailure().value());
            step.register().map(Text::value).ifPresent(r -> o.put("register", r));
        });
        s.reviewItem().ifPresent(item -> {
            item.when().ifPresent(w -> o.put("when", w.value()));
            item.check().ifPresent(c -> o.set("check", actionJson(c)));
            item.manual().ifPresent(m -> o.put("manual", m.text()));
            if (item.targetVersion()) o.put("targetVersion", true);
            item.expect().ifPresent(e -> {
                ObjectNode x = o.putObject("expect");
                e.value().ifPresent(v -> x.put("value", v.text()));
                e.captured().ifPresent(c -> x.put("captured", c.value()));
                x.put("compare", e.compare().keyword());
                e.tolerance().ifPresent(t -> x.put("tolerance", t));
            });
            o.put("severity", item.severity().keyword());
        });
        o.put("at", s.at().toString());
        return o;
    }

    private static ObjectNode actionJson(Action action) {
        ObjectNode o = JSON.createObjectNode();
        o.put("type", action.type().value());
        o.set("with", JSON.valueToTree(action.with().toPlain()));
        return o;
    }

    private static ObjectNode explanationJson(Explanation explanation) {
        ObjectNode o = JSON.createObjectNode();
        o.put("result", explanation.resolution().message());
        ArrayNode choices = o.putArray("choices");
        for (Choice c : explanation.choices()) {
            ObjectNode choice = choices.addObject();
            choice.put("at", c.at().text());
            choice.set("chosen", hopRef(c.chosen()));
            choice.put("hopsToTarget", c.hopsToTarget());
            choice.put("irreversibleToTarget", c.irreversibleToTarget());
            ArrayNode rejected = choice.putArray("rejected");
            for (Rejected r : c.rejected()) {
                ObjectNode alt = hopRef(r.hop());
                alt.put("why", r.why().name().toLowerCase(Locale.ROOT));
                alt.put("message", r.message());
                rejected.add(alt);
            }
        }
        return o;
    }

    private static ObjectNode hopRef(GraphHop hop) {
        ObjectNode o = JSON.createObjectNode();
        o.put("from", hop.from().text());
        o.put("to", hop.to().text());
        o.set("origin", originJson(hop.origin()));
        return o;
    }
}
