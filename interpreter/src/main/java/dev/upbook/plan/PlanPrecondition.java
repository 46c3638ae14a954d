package dev.upbook.plan;

import dev.upbook.spec.ast.Precondition;
import java.util.Optional;

/**
 * A precondition that applies to a plan: a global one, or one of a hop on the path.
 *
 * @param id {@code <id>} for global preconditions, {@code <from>..<to>/<id>} for a hop's
 */
public record PlanPrecondition(String id, Optional<PlanHop> hop, Precondition precondition) {}
