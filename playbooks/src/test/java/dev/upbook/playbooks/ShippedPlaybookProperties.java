package dev.upbook.playbooks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.upbook.lint.Compilation;
import dev.upbook.lint.PlaybookCompiler;
import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanPrinter;
import dev.upbook.plan.Planner;
import dev.upbook.resolve.Resolution;
import dev.upbook.resolve.Resolver;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Planning the shipped playbooks is deterministic: the same request always gives the same plan and hash. */
class ShippedPlaybookProperties {
    private static final List<ShippedPlaybooks.Pair> PAIRS = ShippedPlaybooks.pairs();

    @Provide
    Arbitrary<ShippedPlaybooks.Pair> pairs() {
        return Arbitraries.of(PAIRS);
    }

    @Property(tries = 200)
    void planningTwiceFromScratchGivesTheSamePlan(@ForAll("pairs") ShippedPlaybooks.Pair pair) {
        String first = plan(pair, ShippedPlaybooks.compile(pair.file()));
        String again = plan(pair, PlaybookCompiler.standard().compile(pair.file())); // a fresh compile, not the cache
        assertEquals(first, again);
    }

    private static String plan(ShippedPlaybooks.Pair pair, Compilation c) {
        Resolver resolver = new Resolver(c.graph().orElseThrow());
        Resolution r = resolver.resolve(pair.from(), pair.to());
        if (!r.isFound()) return "refused: " + r.message();
        Plan plan = Planner.plan(c.playbook().orElseThrow(), c.graph().orElseThrow(), r.found().orElseThrow());
        assertEquals(List.of(), ShippedPlaybooks.orderViolations(plan));
        return plan.hash() + "\n" + PlanPrinter.json(plan, true, resolver.explain(pair.from(), pair.to()));
    }
}
