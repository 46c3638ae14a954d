package dev.upbook.spec.version;

import java.util.Objects;

/**
 * One comparator of a loose range, such as {@code >=3.60.00} or {@code 1.6 RC1} (a bare version
 * means equality). Versions are compared by plain precedence, pre-releases included.
 *
 * @param operator how the version relates to {@code version}
 * @param version the version compared with
 */
public record LooseComparator(Operator operator, LooseVersion version) {

    /** The comparison operators of loose ranges. */
    public enum Operator {
        EQ("="), LT("<"), LE("<="), GT(">"), GE(">=");

        private final String symbol;

        Operator(String symbol) {
            this.symbol = symbol;
        }

        /** The operator as written in ranges. */
        public String symbol() {
            return symbol;
        }

        /** The operator written {@code symbol}; an absent operator ({@code ""}) is {@link #EQ}. */
        static Operator of(String symbol) {
            for (Operator op : values()) {
                if (op.symbol.equals(symbol)) return op;
            }
            if (symbol == null || symbol.isEmpty()) return EQ;
            throw new IllegalArgumentException("expected one of < <= > >= =, got '" + symbol + "'");
        }
    }

    public LooseComparator {
        Objects.requireNonNull(operator, "operator");
        Objects.requireNonNull(version, "version");
    }

    /** Whether {@code candidate} passes, by plain precedence. */
    public boolean test(LooseVersion candidate) {
        int c = candidate.compareTo(version);
        return switch (operator) {
            case EQ -> c == 0;
            case LT -> c < 0;
            case LE -> c <= 0;
            case GT -> c > 0;
            case GE -> c >= 0;
        };
    }

    /** The operator and the normalized version, e.g. {@code >=3.60.0}. */
    public String normalized() {
        return operator.symbol() + version.normalized();
    }

    @Override
    public String toString() {
        return normalized();
    }
}
