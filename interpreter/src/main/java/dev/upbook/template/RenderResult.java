package dev.upbook.template;

import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of rendering a template or evaluating a condition: a value, or the reason it could
 * not be produced. Rendering never throws for a bad template or missing variable.
 *
 * @param <T> {@code String} for templates, {@code Boolean} for conditions
 */
public final class RenderResult<T> {
    private final T value;
    private final String error;

    private RenderResult(T value, String error) {
        this.value = value;
        this.error = error;
    }

    public static <T> RenderResult<T> success(T value) {
        return new RenderResult<>(Objects.requireNonNull(value, "value"), null);
    }

    public static <T> RenderResult<T> failure(String error) {
        Objects.requireNonNull(error, "error");
        if (error.isBlank()) throw new IllegalArgumentException("a failure needs a message");
        return new RenderResult<>(null, error);
    }

    public boolean isSuccess() {
        return error == null;
    }

    /** The rendered value; throws {@link IllegalStateException} with the error on a failure. */
    public T value() {
        if (error != null) throw new IllegalStateException(error);
        return value;
    }

    /** Why rendering failed; empty on success. */
    public Optional<String> error() {
        return Optional.ofNullable(error);
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) return true;
        if (!(o instanceof RenderResult)) return false;
        RenderResult<?> other = (RenderResult<?>) o;
        return Objects.equals(value, other.value) && Objects.equals(error, other.error);
    }

    @Override
    public int hashCode() {
        return Objects.hash(value, error);
    }

    @Override
    public String toString() {
        return isSuccess() ? "success(" + value + ")" : "failure(" + error + ")";
    }
}
