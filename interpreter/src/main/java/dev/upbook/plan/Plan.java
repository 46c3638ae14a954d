package dev.upbook.plan;

import dev.upbook.spec.version.Version;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a run will do, in order: the path's hops, the preconditions checked up front and the
 * totally ordered step instances (pre, each hop's steps, post, review items). Built by
 * {@link Planner}; deterministic for the same playbook content and request.
 *
 * @param product the product id ({@code product.name})
 * @param productTitle the product's human name
 * @param scheme the version scheme's name
 * @param procedure the title of the playbook's {@code procedure}: a plan that keeps the version
 *     ({@code from} = {@code to}, no hops) and still runs its steps
 */
public record Plan(String product, String productTitle, String scheme, Version from, Version to, List<PlanHop> hops,
        List<PlanPrecondition> preconditions, List<StepInstance> steps, Optional<String> procedure) {

    public Plan {
        hops = List.copyOf(hops);
        preconditions = List.copyOf(preconditions);
        steps = List.copyOf(steps);
        if (procedure.isPresent() && !hops.isEmpty()) throw new IllegalArgumentException("a procedure's plan has no hops");
    }

    public Plan(String product, String productTitle, String scheme, Version from, Version to, List<PlanHop> hops,
            List<PlanPrecondition> preconditions, List<StepInstance> steps) {
        this(product, productTitle, scheme, from, to, hops, preconditions, steps, Optional.empty());
    }

    /** The versions visited, starting with {@code from}. */
    public List<Version> path() {
        List<Version> path = new ArrayList<>();
        path.add(from);
        for (PlanHop h : hops) path.add(h.to());
        return path;
    }

    /** True when the installation is already at the target: the plan has no hops (and is not a procedure's). */
    public boolean alreadyThere() {
        return hops.isEmpty() && procedure.isEmpty();
    }

    public List<PlanHop> irreversibleHops() {
        return hops.stream().filter(PlanHop::irreversible).toList();
    }

    /**
     * SHA-256 (lower-case hex) of the plan's canonical header (product, from, to, path, the hops'
     * irreversibility, the preconditions) and, per instance, its id, phase and
     * {@link StepInstance#hash() instance hash}. Titles, notes, positions and YAML formatting do
     * not take part.
     */
    public String hash() {
        return PlanCanonical.hash(this);
    }

    /** {@link StepInstance#hash()} of every instance, in order (faster than asking each: shared steps are serialized once). */
    public List<String> instanceHashes() {
        return PlanCanonical.instanceHashes(this);
    }
}
