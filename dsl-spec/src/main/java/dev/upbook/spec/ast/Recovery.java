package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.util.List;

/** A named recovery procedure (e.g. a rollback) that a step's {@code on-failure} may name. */
public record Recovery(SourceRef at, String name, String title, String description, List<Step> steps) {
    public Recovery {
        steps = List.copyOf(steps);
    }
}
