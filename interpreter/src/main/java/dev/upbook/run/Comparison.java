package dev.upbook.run;

import dev.upbook.spec.ast.Expectation.Compare;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Optional;

/**
 * Compares a review check's value with what it is expected to be: {@code equal} (numbers by value,
 * anything else by its text, surrounding space ignored), {@code at-least} and {@code at-most}
 * (numbers), {@code within} a tolerance ({@code 5%} of the expected value, or an absolute number).
 * The result says what was compared, in words, for the review table and the report.
 */
final class Comparison {
    private Comparison() {}

    /** Whether the comparison holds, and how it reads ("1203 < 1205 (at-least)"). */
    record Result(boolean holds, String description) {}

    static Result compare(Object actual, Object expected, Compare how, Optional<String> tolerance) {
        String a = text(actual);
        String e = text(expected);
        Optional<BigDecimal> an = number(a);
        Optional<BigDecimal> en = number(e);
        switch (how) {
            case EQUAL: {
                boolean holds = an.isPresent() && en.isPresent() ? an.get().compareTo(en.get()) == 0 : a.equals(e);
                return new Result(holds, a + (holds ? " = " : " ≠ ") + e);
            }
            case AT_LEAST:
            case AT_MOST: {
                if (an.isEmpty() || en.isEmpty()) return notNumbers(a, e, how);
                int c = an.get().compareTo(en.get());
                boolean holds = how == Compare.AT_LEAST ? c >= 0 : c <= 0;
                String sign = c == 0 ? "=" : c < 0 ? "<" : ">";
                return new Result(holds, a + " " + sign + " " + e + " (" + how.keyword() + ")");
            }
            case WITHIN: {
                if (an.isEmpty() || en.isEmpty()) return notNumbers(a, e, how);
                String t = tolerance.orElse("0").trim();
                boolean percent = t.endsWith("%");
                BigDecimal amount = new BigDecimal(percent ? t.substring(0, t.length() - 1) : t);
                BigDecimal allowed = percent ? en.get().abs().multiply(amount).divide(BigDecimal.valueOf(100), MathContext.DECIMAL64) : amount;
                BigDecimal off = an.get().subtract(en.get()).abs();
                boolean holds = off.compareTo(allowed) <= 0;
                return new Result(holds, a + " is " + off.stripTrailingZeros().toPlainString() + " from " + e + (holds ? ", within " : ", beyond ") + t);
            }
            default:
                throw new AssertionError(how);
        }
    }

    private static Result notNumbers(String a, String e, Compare how) {
        return new Result(false, "cannot compare '" + a + "' " + how.keyword() + " '" + e + "': both must be numbers");
    }

    static String text(Object value) {
        return value == null ? "null" : String.valueOf(value).strip();
    }

    static Optional<BigDecimal> number(String text) {
        try {
            return Optional.of(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
