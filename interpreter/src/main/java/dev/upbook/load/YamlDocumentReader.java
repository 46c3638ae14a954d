package dev.upbook.load;

import dev.upbook.spec.SourceRef;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import java.io.StringReader;
import java.util.Iterator;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one YAML document into a SnakeYAML node tree (with marks), safely: {@link SafeConstructor},
 * limits on aliases, nesting depth and size. Nothing is constructed into Java objects here.
 */
final class YamlDocumentReader {
    /** Playbooks are hand-written; 4 MiB of text is far beyond any real one. */
    static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    static final int MAX_NESTING_DEPTH = 64;
    /** Aliases let authors share step lists; the expansion itself is bounded by the reader. */
    static final int MAX_ALIASES = 1000;

    private final String file;
    private final Diagnostics diags;

    YamlDocumentReader(String file, Diagnostics diags) {
        this.file = file;
        this.diags = diags;
    }

    static LoaderOptions options() {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_NESTING_DEPTH);
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setAllowRecursiveKeys(false);
        return options;
    }

    /** The single document of {@code text}, or empty when it is missing or unreadable (reported). */
    Optional<Node> read(String text) {
        int codePoints = text.codePointCount(0, text.length());
        if (codePoints > MAX_CODE_POINTS) {
            diags.report(Code.YAML_LIMIT, "", new SourceRef(file, 1, 1),
                    "the file has " + codePoints + " characters; the limit is " + MAX_CODE_POINTS);
            return Optional.empty();
        }
        Yaml yaml = new Yaml(new SafeConstructor(options()));
        try {
            Iterator<Node> documents = yaml.composeAll(new StringReader(text)).iterator();
            if (!documents.hasNext()) {
                diags.report(Code.MISSING_KEY, "", new SourceRef(file, 1, 1),
                        "the file is empty; a playbook starts with 'upbook: 1'", "Add 'upbook: 1', 'product' and 'versions'.");
                return Optional.empty();
            }
            Node first = documents.next();
            if (documents.hasNext()) {
                Node second = documents.next();
                diags.report(Code.MULTIPLE_DOCUMENTS, "", at(second.getStartMark()),
                        "a second YAML document starts here; a playbook file holds exactly one");
                return Optional.empty();
            }
            return Optional.of(first);
        } catch (MarkedYAMLException e) {
            Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
            diags.report(classify(e), "", mark == null ? new SourceRef(file, 1, 1) : at(mark), describe(e));
        } catch (YAMLException e) {
            String message = firstLine(e.getMessage());
            if (message.startsWith("Number of aliases")) {
                message = "the document uses more than " + MAX_ALIASES + " aliases of lists or mappings";
            }
            diags.report(classify(e), "", new SourceRef(file, 1, 1), message);
        }
        return Optional.empty();
    }

    private static Code classify(YAMLException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        if (m.contains("number of aliases") || m.contains("nesting depth") || m.contains("code point")
                || m.contains("recursive key")) {
            return Code.YAML_LIMIT;
        }
        if (m.contains("duplicate key")) return Code.DUPLICATE_KEY;
        return Code.YAML_SYNTAX;
    }

    private static String describe(MarkedYAMLException e) {
        String problem = e.getProblem() == null ? firstLine(e.getMessage()) : e.getProblem();
        String context = e.getContext();
        return context == null ? problem : problem + " (" + context + ")";
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable YAML";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private SourceRef at(Mark mark) {
        return SourceRef.fromZeroBased(file, mark.getLine(), mark.getColumn());
    }
}
