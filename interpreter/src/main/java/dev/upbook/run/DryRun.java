package dev.upbook.run;

import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanPrinter;
import dev.upbook.plan.StepInstance;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code run --dry-run}: the plan, then every step with its parameters rendered as the run would
 * render them (secrets masked) and what the step type says it would do. Nothing is executed,
 * nothing is journaled, no lock is taken. Values registered by earlier steps do not exist yet; a
 * parameter that needs one is shown as written, with a note.
 */
public final class DryRun {
    private DryRun() {}

    public static String render(Playbook playbook, Plan plan, InputValues inputs, StepTypes types, Executor.Settings settings) {
        Masker masker = inputs.masker();
        Rendering rendering = new Rendering(new dev.upbook.template.TemplateRenderer((v, r) -> Executor.satisfies(plan.scheme(), v, r)));
        StringBuilder sb = new StringBuilder(PlanPrinter.text(plan, false, null));
        sb.append("\nDry run: nothing is executed. Steps with rendered parameters:\n");
        int n = 0;
        for (StepInstance instance : plan.steps()) {
            if (instance.isReview()) continue;
            Step step = instance.step().orElseThrow();
            StepType type = types.find(step.type().value()).orElseThrow();
            Map<String, Object> context = Rendering.context(inputs, 0, plan.from().text(), plan.to().text(), settings.installation(),
                    Instant.now(), new HashMap<>(), instance.hop());
            sb.append(String.format("%4d. %s (%s)%s%n", ++n, instance.id(), step.type().value(),
                    step.irreversible() ? "  [irreversible]" : ""));
            step.when().ifPresent(w -> sb.append("        when: ").append(w.value()).append('\n'));
            try {
                Parameters p = rendering.parameters(step.with(), type, context);
                sb.append("        ").append(masker.mask(type.describe(p))).append('\n');
                for (Map.Entry<String, Object> e : p.asMap().entrySet()) {
                    sb.append("        ").append(e.getKey()).append(": ").append(masker.mask(String.valueOf(e.getValue()))).append('\n');
                }
            } catch (Rendering.RenderFailure | RuntimeException e) {
                sb.append("        (parameters are rendered at run time: ").append(masker.mask(Executor.message(e))).append(")\n");
                step.with().entries().forEach((k, v) -> sb.append("        ").append(k).append(": ")
                        .append(masker.mask(String.valueOf(v.toPlain()))).append('\n'));
            }
        }
        return sb.toString();
    }
}
