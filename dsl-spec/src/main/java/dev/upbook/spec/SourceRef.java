package dev.upbook.spec;

import java.util.Objects;

/**
 * A position in a source file: 1-based line and column, as editors show them.
 *
 * <p>SnakeYAML marks are 0-based; use {@link #fromZeroBased} when converting them.
 */
public record SourceRef(String file, int line, int column) implements Comparable<SourceRef> {

    /** A position for things that have no source text (generated values, the command line). */
    public static final SourceRef NONE = new SourceRef("<none>", 1, 1);

    public SourceRef {
        Objects.requireNonNull(file, "file");
        if (line < 1) throw new IllegalArgumentException("line must be >= 1, got " + line);
        if (column < 1) throw new IllegalArgumentException("column must be >= 1, got " + column);
    }

    public static SourceRef fromZeroBased(String file, int line, int column) {
        return new SourceRef(file, line + 1, column + 1);
    }

    /** The same file, shifted by a number of lines and columns (positions inside a scalar). */
    public SourceRef shift(int lines, int columnOnLine) {
        if (lines == 0) return new SourceRef(file, line, column + columnOnLine);
        return new SourceRef(file, line + lines, columnOnLine + 1);
    }

    @Override
    public int compareTo(SourceRef o) {
        int c = file.compareTo(o.file);
        if (c != 0) return c;
        c = Integer.compare(line, o.line);
        return c != 0 ? c : Integer.compare(column, o.column);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}
