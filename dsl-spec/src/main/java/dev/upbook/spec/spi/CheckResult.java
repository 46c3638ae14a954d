package dev.upbook.spec.spi;

/**
 * What a check (precondition, guard, verify, until, review check, version detection) found.
 *
 * @param passed whether the condition holds
 * @param detail what was found, in words (e.g. "HTTP 503, expected 200"); masked by the executor
 * @param value a value the check read, e.g. the detected version; null when none
 */
public record CheckResult(boolean passed, String detail, Object value) {

    public CheckResult {
        detail = detail == null ? "" : detail;
    }

    public static CheckResult pass(String detail) {
        return new CheckResult(true, detail, null);
    }

    public static CheckResult pass(String detail, Object value) {
        return new CheckResult(true, detail, value);
    }

    public static CheckResult fail(String detail) {
        return new CheckResult(false, detail, null);
    }

    public static CheckResult fail(String detail, Object value) {
        return new CheckResult(false, detail, value);
    }
}
