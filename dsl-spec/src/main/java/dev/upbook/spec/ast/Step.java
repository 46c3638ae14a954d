package dev.upbook.spec.ast;

import dev.upbook.spec.SourceRef;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * One step of a phase or hop.
 *
 * @param after ids of steps in the same phase or hop that must run first
 * @param guard a check that reports "already done"; when it passes the step is skipped
 * @param onFailure {@code abort}, {@code continue}, or the name of a declared recovery
 * @param until a check that ends a repeating step: the step runs pass after pass until it passes
 * @param maxPasses the most passes of a repeating step before it fails
 * @param passDelay the pause between passes
 * @param revision bumped by the author to force re-execution although nothing else changed
 */
public record Step(
        SourceRef at,
        Text id,
        Text type,
        String title,
        String description,
        Value.Mapping with,
        Optional<Text> when,
        List<Text> after,
        boolean idempotent,
        Optional<Action> guard,
        Optional<Action> verify,
        Optional<Action> until,
        int maxPasses,
        Duration passDelay,
        int retries,
        Duration retryDelay,
        Optional<Duration> timeout,
        Text onFailure,
        Optional<Text> register,
        boolean irreversible,
        String reason,
        int revision) {

    public Step {
        after = List.copyOf(after);
    }
}
