package dev.upbook.cli;

import java.util.ArrayList;
import java.util.List;

/** Plain-text columns, left-aligned, two spaces apart; the last column is not padded. */
final class Table {
    private final List<List<String>> rows = new ArrayList<>();
    private final String indent;

    Table(String indent) {
        this.indent = indent;
    }

    Table row(String... cells) {
        rows.add(List.of(cells));
        return this;
    }

    /** The rows, one line each, every line ending in a newline. */
    String render() {
        int[] widths = widths();
        StringBuilder sb = new StringBuilder();
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder(indent);
            for (int i = 0; i < row.size(); i++) {
                boolean last = i == row.size() - 1;
                line.append(last ? row.get(i) : pad(row.get(i), widths[i] + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    private int[] widths() {
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < row.size(); i++) widths[i] = Math.max(widths[i], row.get(i).length());
        }
        return widths;
    }

    private static String pad(String s, int width) {
        return s + " ".repeat(width - s.length());
    }
}
