package dev.upbook.lint;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.Input;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Precondition;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.StepTypes;
import dev.upbook.template.TemplateChecker;
import dev.upbook.template.TemplateProblem;
import dev.upbook.template.TemplateScope;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Parses every template of a playbook with Jinjava and reports syntax errors and unknown
 * variables at their position. Each place sees the variables that exist when it is rendered:
 * preconditions and detection run before any step (no registered values), hop steps also see
 * {@code edge}, and registered values are visible from their phase on.
 */
final class TemplateValidation {
    private final StepTypes types;
    private final Diagnostics diags;

    TemplateValidation(StepTypes types, Diagnostics diags) {
        this.types = types;
        this.diags = diags;
    }

    void check(Playbook playbook) {
        TemplateScope.Builder base = TemplateScope.builder();
        for (Input input : playbook.inputs().values()) base.input(input.name(), input.secret());
        base.captured(playbook.capture().stream().map(c -> c.id().value()).toList());
        Set<String> pre = registered(playbook.pre().stream());
        Set<String> hops = registered(Stream.concat(
                playbook.edges().stream().flatMap(e -> e.hop().steps().stream()),
                playbook.rules().stream().flatMap(r -> r.hop().steps().stream())));
        Set<String> post = registered(playbook.post().stream());
        TemplateScope beforeSteps = base.build();
        TemplateScope inPre = base.build().toBuilder().vars(pre).build();
        TemplateScope inHops = inPre.toBuilder().vars(hops).hopScope(true).build();
        TemplateScope inPost = inPre.toBuilder().vars(hops).vars(post).build();

        playbook.detect().ifPresent(a -> action(a, "detect", beforeSteps));
        preconditions(playbook.preconditions(), "preconditions", beforeSteps);
        for (int i = 0; i < playbook.capture().size(); i++) {
            var capture = playbook.capture().get(i);
            action(capture.check(), "capture[" + i + "].check", beforeSteps);
            capture.when().ifPresent(w -> expression(w, "capture[" + capture.id().value() + "].when", beforeSteps));
        }
        steps(playbook.pre(), "pre", inPre);
        for (int i = 0; i < playbook.edges().size(); i++) {
            hop(playbook.edges().get(i).hop(), "edges[" + i + "]", beforeSteps.toBuilder().hopScope(true).build(), inHops);
        }
        for (int i = 0; i < playbook.rules().size(); i++) {
            hop(playbook.rules().get(i).hop(), "rules[" + i + "]", beforeSteps.toBuilder().hopScope(true).build(), inHops);
        }
        steps(playbook.post(), "post", inPost);
        review(playbook.review(), "review", inPost);
        playbook.recoveries().values().forEach(r -> steps(r.steps(), "recoveries." + r.name() + ".steps",
                inPost.toBuilder().vars(registered(r.steps().stream())).build()));
    }

    private static Set<String> registered(Stream<Step> steps) {
        Set<String> names = new LinkedHashSet<>();
        steps.forEach(s -> s.register().ifPresent(r -> names.add(r.value())));
        return names;
    }

    private void hop(Hop hop, String path, TemplateScope beforeSteps, TemplateScope inHops) {
        preconditions(hop.preconditions(), path + ".preconditions", beforeSteps);
        steps(hop.steps(), path + ".steps", inHops);
        review(hop.review(), path + ".review", inHops);
    }

    private void preconditions(List<Precondition> items, String path, TemplateScope scope) {
        for (int i = 0; i < items.size(); i++) {
            Precondition p = items.get(i);
            String at = path + "[" + i + "]";
            action(p.check(), at + ".check", scope);
            p.when().ifPresent(w -> expression(w, at + ".when", scope));
            p.message().ifPresent(m -> template(m, at + ".message", scope));
        }
    }

    private void review(List<ReviewItem> items, String path, TemplateScope scope) {
        for (int i = 0; i < items.size(); i++) {
            ReviewItem item = items.get(i);
            String at = path + "[" + i + "]";
            item.check().ifPresent(a -> action(a, at + ".check", scope));
            item.when().ifPresent(w -> expression(w, at + ".when", scope));
            item.manual().ifPresent(m -> template(m, at + ".manual", scope));
            item.expect().flatMap(e -> e.value()).ifPresent(v -> template(v, at + ".expect.value", scope));
        }
    }

    private void steps(List<Step> steps, String path, TemplateScope scope) {
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            String at = path + "[" + i + "]";
            parameters(step.type().value(), step.with(), at + ".with", scope);
            step.when().ifPresent(w -> expression(w, at + ".when", scope));
            step.guard().ifPresent(a -> action(a, at + ".guard", scope));
            step.verify().ifPresent(a -> action(a, at + ".verify", scope));
            step.until().ifPresent(a -> action(a, at + ".until", scope));
        }
    }

    private void action(Action action, String path, TemplateScope scope) {
        parameters(action.type().value(), action.with(), path + ".with", scope);
    }

    private void parameters(String typeName, Value.Mapping with, String path, TemplateScope scope) {
        List<KeySpec> params = types.find(typeName).map(t -> t.parameters()).orElse(List.of());
        with.entries().forEach((key, value) -> {
            boolean expression = params.stream().anyMatch(p -> p.name().equals(key) && p.type() instanceof Type.Expression);
            value(value, path + "." + key, expression, scope);
        });
    }

    private void value(Value value, String path, boolean expression, TemplateScope scope) {
        if (value instanceof Value.Scalar) {
            Value.Scalar s = (Value.Scalar) value;
            if (s.isNull()) return;
            if (expression) report(TemplateChecker.checkExpression(s.text(), scope), s, path);
            else template(s, path, scope);
        } else if (value instanceof Value.Sequence) {
            List<Value> items = ((Value.Sequence) value).items();
            for (int i = 0; i < items.size(); i++) value(items.get(i), path + "[" + i + "]", false, scope);
        } else {
            ((Value.Mapping) value).entries().forEach((k, v) -> value(v, path + "." + k, false, scope));
        }
    }

    /** {@code when}: a bare expression; its position is where the scalar starts. */
    private void expression(Text when, String path, TemplateScope scope) {
        for (TemplateProblem p : TemplateChecker.checkExpression(when.value(), scope)) {
            diags.report(code(p.kind()), path, p.line() == 0 ? when.at().shift(0, p.column()) : when.at(), p.message());
        }
    }

    private void template(Value.Scalar scalar, String path, TemplateScope scope) {
        report(TemplateChecker.check(scalar.text(), scope), scalar, path);
    }

    private void report(List<TemplateProblem> problems, Value.Scalar scalar, String path) {
        for (TemplateProblem p : problems) diags.report(code(p.kind()), path, position(scalar, p), p.message());
    }

    /**
     * The problem's position in the file. Offsets on the first line count from where the content
     * starts; later lines map to source lines only in literal blocks ({@code |}), which keep their
     * lines. Elsewhere (folded or multi-line flow scalars) the content start is the best we know.
     */
    private static SourceRef position(Value.Scalar scalar, TemplateProblem p) {
        SourceRef start = scalar.contentAt();
        if (p.line() == 0) return start.shift(0, p.column());
        if (scalar.style() == Value.Style.LITERAL) return new SourceRef(start.file(), start.line() + p.line(), start.column() + p.column());
        return start;
    }

    private static Code code(TemplateProblem.Kind kind) {
        switch (kind) {
            case UNKNOWN_INPUT: return Code.UNKNOWN_INPUT;
            case UNKNOWN_VARIABLE: return Code.UNKNOWN_VARIABLE;
            default: return Code.TEMPLATE_SYNTAX;
        }
    }
}
