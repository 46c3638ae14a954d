package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.List;

/**
 * What a hop between two versions does. Shared by explicit {@link Edge}s and generated
 * {@link Rule} hops. {@code at} is the position of the edge or rule that declares it.
 */
public record Hop(
        SourceRef at,
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
