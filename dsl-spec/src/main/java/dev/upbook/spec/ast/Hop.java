package dev.upbook.spec.ast;

import java.util.List;

/**
 * What a hop between two versions does. Shared by explicit {@link Edge}s and generated
 * {@link Rule} hops.
 */
public record Hop(
        boolean irreversible,
        String reason,
        List<String> notes,
        List<String> breaking,
        List<Precondition> preconditions,
        List<Step> steps,
        List<ReviewItem> review) {

    public Hop {
        notes = List.copyOf(notes);
        breaking = List.copyOf(breaking);
        preconditions = List.copyOf(preconditions);
        steps = List.copyOf(steps);
        review = List.copyOf(review);
    }
}
