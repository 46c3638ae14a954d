package dev.upbook.spec.spi;

import java.util.Objects;

/**
 * How one attempt of a step ended.
 *
 * @param status succeeded, failed, or stopped at a safe point on the operator's request
 * @param message one line for the operator (masked by the executor)
 * @param output an excerpt of the step's output, e.g. a program's stdout and stderr (masked, capped)
 * @param value what {@code register:} stores, made of String, Long, Double, Boolean, List and Map
 *     (documented per step type); null when the step registers nothing
 */
public record StepResult(Status status, String message, String output, Object value) {

    public enum Status { SUCCEEDED, FAILED, STOPPED }

    public StepResult {
        Objects.requireNonNull(status, "status");
        message = message == null ? "" : message;
        output = output == null ? "" : output;
    }

    public static StepResult succeeded(String message, String output, Object value) {
        return new StepResult(Status.SUCCEEDED, message, output, value);
    }

    public static StepResult succeeded(String message) {
        return succeeded(message, "", null);
    }

    public static StepResult failed(String message, String output) {
        return new StepResult(Status.FAILED, message, output, null);
    }

    public static StepResult failed(String message) {
        return failed(message, "");
    }

    /** The step stopped at a safe point after {@link StepContext#stopRequested()}; it is resumed later. */
    public static StepResult stopped(String message) {
        return new StepResult(Status.STOPPED, message, "", null);
    }

    public boolean succeeded() {
        return status == Status.SUCCEEDED;
    }
}
