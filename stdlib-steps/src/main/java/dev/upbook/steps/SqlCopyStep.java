package dev.upbook.steps;

/** Step type {@code sql.copy}: Copies tables between databases in batches with keyset checkpoints; resumable without duplicates. */
public final class SqlCopyStep extends DeclaredStepType {
    public SqlCopyStep() {
        super("sql.copy", "Copies tables between databases in batches with keyset checkpoints; resumable without duplicates.", STEP,
                "Resumes from the last journaled key; done when the last batch is copied.",
                req("from-url", TEXT, "Source JDBC URL."),
                req("to-url", TEXT, "Target JDBC URL."),
                req("tables", TEXTS, "Tables to copy, in order."),
                opt("key", TEXT, "id", "The keyset column."),
                opt("batch-size", INT, "1000", "Rows per batch and checkpoint."));
    }
}
