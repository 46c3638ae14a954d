package dev.upbook.plan;

import dev.upbook.resolve.GraphHop;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.VersionGraph;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Precondition;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns a resolved path into a {@link Plan}: {@code pre} steps, then each hop's steps, then
 * {@code post}, then the review items (each hop's, in path order, then the playbook's). Within
 * each scope steps follow {@link StepOrder}. Preconditions are the playbook's plus those of the
 * hops on the path. Pure and deterministic.
 */
public final class Planner {

    private Planner() {}

    /**
     * Plans a path of a playbook that compiled without errors. The compiler reports every ordering
     * problem ({@link StepOrder#checkPlaybook}) and nothing is planned while an error exists, so
     * finding one here is a caller's mistake and fails loudly.
     *
     * @throws IllegalArgumentException when a step scope on the path cannot be ordered
     */
    public static Plan plan(Playbook playbook, VersionGraph graph, Resolution.Found path) {
        Diagnostics ordering = new Diagnostics();
        List<PlanHop> hops = new ArrayList<>();
        for (GraphHop hop : path.hops()) hops.add(PlanHop.of(hops.size(), hop));
        List<StepInstance> steps = new ArrayList<>();
        addSteps(steps, Phase.PRE, Optional.empty(), "pre", playbook.pre(), "pre/", ordering);
        for (int i = 0; i < hops.size(); i++) {
            PlanHop hop = hops.get(i);
            GraphHop source = path.hops().get(i);
            addSteps(steps, Phase.HOP, Optional.of(hop), hop.origin().path() + ".steps", source.hop().steps(),
                    hop.id() + "/", ordering);
        }
        addSteps(steps, Phase.POST, Optional.empty(), "post", playbook.post(), "post/", ordering);
        requireOrderable(ordering);
        for (int i = 0; i < hops.size(); i++) {
            addReview(steps, Optional.of(hops.get(i)), path.hops().get(i).hop().review(), "review/" + hops.get(i).id() + "/");
        }
        addReview(steps, Optional.empty(), playbook.review(), "review/");
        return new Plan(playbook.product().name().value(), playbook.product().title(), graph.scheme().name(),
                path.from(), path.to(), hops, preconditions(playbook, path, hops), steps);
    }

    /**
     * Plans a procedure ({@code playbook.procedure()} present) on an installation at {@code version},
     * which the caller has checked against the procedure's {@code at}: {@code pre}, {@code post} and
     * the review, no hops; the version stays.
     */
    public static Plan procedure(Playbook playbook, VersionGraph graph, Version version) {
        String title = playbook.procedure().orElseThrow(() -> new IllegalArgumentException("the playbook is not a procedure")).title();
        Diagnostics ordering = new Diagnostics();
        List<StepInstance> steps = new ArrayList<>();
        addSteps(steps, Phase.PRE, Optional.empty(), "pre", playbook.pre(), "pre/", ordering);
        addSteps(steps, Phase.POST, Optional.empty(), "post", playbook.post(), "post/", ordering);
        requireOrderable(ordering);
        addReview(steps, Optional.empty(), playbook.review(), "review/");
        List<PlanPrecondition> preconditions = new ArrayList<>();
        for (Precondition p : playbook.preconditions()) preconditions.add(new PlanPrecondition(p.id().value(), Optional.empty(), p));
        return new Plan(playbook.product().name().value(), playbook.product().title(), graph.scheme().name(),
                version, version, List.of(), preconditions, steps, Optional.of(title));
    }

    private static void requireOrderable(Diagnostics ordering) {
        if (!ordering.hasErrors()) return;
        throw new IllegalArgumentException("cannot plan a playbook whose steps cannot be ordered; compile it and fix its errors first:\n"
                + ordering.sorted().stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
    }

    private static void addSteps(List<StepInstance> into, Phase phase, Optional<PlanHop> hop, String scopePath,
            List<Step> steps, String idPrefix, Diagnostics diags) {
        for (Step step : StepOrder.order(steps, scopePath, diags)) {
            into.add(StepInstance.step(idPrefix + step.id().value(), phase, hop, step));
        }
    }

    private static void addReview(List<StepInstance> into, Optional<PlanHop> hop, List<ReviewItem> items, String idPrefix) {
        for (ReviewItem item : items) into.add(StepInstance.review(idPrefix + item.id().value(), hop, item));
    }

    private static List<PlanPrecondition> preconditions(Playbook playbook, Resolution.Found path, List<PlanHop> hops) {
        List<PlanPrecondition> result = new ArrayList<>();
        for (Precondition p : playbook.preconditions()) result.add(new PlanPrecondition(p.id().value(), Optional.empty(), p));
        for (int i = 0; i < hops.size(); i++) {
            PlanHop hop = hops.get(i);
            for (Precondition p : path.hops().get(i).hop().preconditions()) {
                result.add(new PlanPrecondition(hop.id() + "/" + p.id().value(), Optional.of(hop), p));
            }
        }
        return result;
    }
}
