package dev.upbook.template;

import dev.upbook.template.TemplateProblem.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects the problems of one template, placing them by offset. Keeps one syntax problem per
 * position (Jinjava often reports one mistake twice, e.g. a mismatched end tag is also a
 * "missing start tag") and drops exact duplicates.
 */
final class Problems {
    private final TemplateSource source;
    private final Set<TemplateProblem> found = new LinkedHashSet<>();

    Problems(TemplateSource source) {
        this.source = source;
    }

    void add(Kind kind, String message, int offset) {
        int line = source.line(offset);
        int column = source.column(offset);
        if (kind == Kind.SYNTAX && hasSyntaxProblemAt(line, column)) return;
        found.add(new TemplateProblem(kind, message, line, column));
    }

    /** The problems in source order. */
    List<TemplateProblem> sorted() {
        List<TemplateProblem> list = new ArrayList<>(found);
        list.sort(Comparator.comparingInt(TemplateProblem::line).thenComparingInt(TemplateProblem::column));
        return List.copyOf(list);
    }

    private boolean hasSyntaxProblemAt(int line, int column) {
        for (TemplateProblem p : found) {
            if (p.kind() == Kind.SYNTAX && p.line() == line && p.column() == column) return true;
        }
        return false;
    }
}
