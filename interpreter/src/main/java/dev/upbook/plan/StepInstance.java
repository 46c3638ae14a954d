package dev.upbook.plan;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Step;
import java.util.Optional;

/**
 * One entry of a plan's total order: a step of a phase or hop, or a review item.
 *
 * @param id the instance id: {@code pre/<step>}, {@code <from>..<to>/<step>}, {@code post/<step>},
 *     {@code review/<item>} or {@code review/<from>..<to>/<item>} for a hop's review item
 * @param hop the hop the instance belongs to (hop steps and hop review items)
 * @param step present for phases PRE, HOP and POST
 * @param reviewItem present for phase REVIEW
 */
public record StepInstance(String id, Phase phase, Optional<PlanHop> hop, Optional<Step> step, Optional<ReviewItem> reviewItem) {

    public StepInstance {
        if (step.isPresent() == reviewItem.isPresent()) {
            throw new IllegalArgumentException("a step instance is either a step or a review item: " + id);
        }
    }

    static StepInstance step(String id, Phase phase, Optional<PlanHop> hop, Step step) {
        return new StepInstance(id, phase, hop, Optional.of(step), Optional.empty());
    }

    static StepInstance review(String id, Optional<PlanHop> hop, ReviewItem item) {
        return new StepInstance(id, Phase.REVIEW, hop, Optional.empty(), Optional.of(item));
    }

    public boolean isReview() {
        return reviewItem.isPresent();
    }

    public String title() {
        return step.map(Step::title).orElseGet(() -> reviewItem.orElseThrow().title());
    }

    /** The step type, {@code review.check} type, {@code target-version}, or {@code manual} for a manual review item. */
    public String type() {
        if (step.isPresent()) return step.get().type().value();
        ReviewItem item = reviewItem.orElseThrow();
        if (item.targetVersion()) return "target-version";
        return item.check().map(c -> c.type().value()).orElse("manual");
    }

    public SourceRef at() {
        return step.map(Step::at).orElseGet(() -> reviewItem.orElseThrow().at());
    }

    public boolean irreversible() {
        return step.map(Step::irreversible).orElse(false);
    }

    /** SHA-256 of the instance's canonical form (type, parameters, when, flags, revision); see {@link Plan#hash()}. */
    public String hash() {
        return PlanCanonical.instanceHash(this);
    }
}
