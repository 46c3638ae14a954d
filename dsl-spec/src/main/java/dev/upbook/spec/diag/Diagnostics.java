package dev.upbook.spec.diag;

import dev.upbook.spec.SourceRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Collects diagnostics during one pass; passed explicitly, never global. */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    private final Set<String> errorPaths = new HashSet<>();

    public void add(Diagnostic d) {
        items.add(d);
        if (d.isError()) errorPaths.add(d.path());
    }

    /** Whether an error was reported at exactly this path (later passes skip what is already wrong). */
    public boolean hasErrorAt(String path) {
        return errorPaths.contains(path);
    }

    public void addAll(Iterable<Diagnostic> ds) {
        ds.forEach(this::add);
    }

    public void report(Code code, String path, SourceRef at, String message) {
        add(Diagnostic.error(code, path, at, message, code.hint()));
    }

    public void report(Code code, String path, SourceRef at, String message, String hint) {
        add(Diagnostic.error(code, path, at, message, hint));
    }

    public boolean hasErrors() {
        return items.stream().anyMatch(Diagnostic::isError);
    }

    public int size() {
        return items.size();
    }

    /** The diagnostics sorted by position, then code. */
    public List<Diagnostic> sorted() {
        List<Diagnostic> copy = new ArrayList<>(items);
        Collections.sort(copy);
        return List.copyOf(copy);
    }

    public List<Diagnostic> asList() {
        return List.copyOf(items);
    }
}
