package dev.upbook.report;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The output formats of {@code upbook lint --format}. */
public enum ReportFormat {
    /** Compiler-style lines for people: {@code file:line:col: error[CODE]: message}. */
    TEXT(new TextReportWriter()),
    /** upbook's own JSON document with stable field names. */
    JSON(new JsonReportWriter()),
    /** SARIF 2.1.0, for code scanning tools. */
    SARIF(new SarifReportWriter()),
    /** JUnit XML, one test case per playbook file, for CI test report views. */
    JUNIT(new JunitReportWriter()),
    /** GitHub Actions workflow commands that become annotations on the changed lines. */
    GITHUB(new GithubReportWriter());

    private final ReportWriter writer;

    ReportFormat(ReportWriter writer) {
        this.writer = writer;
    }

    /** The name users type, e.g. {@code sarif}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public ReportWriter writer() {
        return writer;
    }

    /** The format named {@code id} (case-insensitive), if there is one. */
    public static Optional<ReportFormat> find(String id) {
        return Arrays.stream(values()).filter(f -> f.id().equalsIgnoreCase(id.trim())).findFirst();
    }

    /** The names users type, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(ReportFormat::id).toList();
    }
}
