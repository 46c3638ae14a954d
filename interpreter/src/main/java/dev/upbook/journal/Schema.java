package dev.upbook.journal;

import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * The journal's versioned schema. {@code upbook_schema_version} has one row per applied migration;
 * the store's version is the highest. On open, the missing migrations are applied in order, in one
 * transaction that concurrent opens of other processes wait for; a store newer than this code is
 * refused rather than written with a schema it does not know.
 *
 * <p>Migrations are append-only: a released migration is never edited, a change is a new one.
 */
final class Schema {

    /** One step of the schema: its version, what it does, and its DDL for a dialect. */
    record Migration(int version, String description, Function<Dialect, List<String>> statements) {}

    static final String VERSION_TABLE = "CREATE TABLE IF NOT EXISTS upbook_schema_version ("
            + "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied BIGINT NOT NULL)";

    private static final String OWNER_COLUMNS = "owner_user TEXT NOT NULL, owner_host TEXT NOT NULL, "
            + "owner_pid BIGINT NOT NULL, owner_start BIGINT";

    /** Version 1: installations with their token counter, locks, runs, steps and decisions. */
    static final Migration V1 = new Migration(1, "runs, steps, locks and decisions", dialect -> List.of(
            "CREATE TABLE upbook_installations (name TEXT PRIMARY KEY, last_token BIGINT NOT NULL)",
            "CREATE TABLE upbook_locks (installation TEXT PRIMARY KEY REFERENCES upbook_installations (name), "
                    + OWNER_COLUMNS + ", token BIGINT NOT NULL, acquired BIGINT NOT NULL, heartbeat BIGINT NOT NULL, "
                    + "expires BIGINT NOT NULL, lease_millis BIGINT NOT NULL, run_id BIGINT)",
            "CREATE TABLE upbook_runs (id " + dialect.identityColumn() + ", installation TEXT NOT NULL, "
                    + "playbook_path TEXT NOT NULL, product TEXT NOT NULL, from_version TEXT, to_version TEXT, "
                    + "plan_hash TEXT NOT NULL, plan_json TEXT NOT NULL, inputs_json TEXT, "
                    + OWNER_COLUMNS + ", started BIGINT NOT NULL, ended BIGINT, status TEXT NOT NULL, message TEXT, "
                    + "upbook_version TEXT)",
            "CREATE INDEX upbook_runs_by_installation ON upbook_runs (installation, id)",
            "CREATE TABLE upbook_steps (run_id BIGINT NOT NULL REFERENCES upbook_runs (id), seq INTEGER NOT NULL, "
                    + "instance_id TEXT NOT NULL, phase TEXT NOT NULL, type TEXT NOT NULL, step_hash TEXT NOT NULL, "
                    + "continue_on_failure INTEGER NOT NULL, state TEXT NOT NULL, attempts INTEGER NOT NULL, "
                    + "passes INTEGER NOT NULL, started BIGINT, ended BIGINT, input_hash TEXT, message TEXT, "
                    + "output TEXT, registered_json TEXT, checkpoint TEXT, PRIMARY KEY (run_id, seq), "
                    + "CONSTRAINT upbook_steps_instance UNIQUE (run_id, instance_id))",
            "CREATE TABLE upbook_decisions (id " + dialect.identityColumn() + ", "
                    + "run_id BIGINT REFERENCES upbook_runs (id), installation TEXT NOT NULL, instance_id TEXT, "
                    + "kind TEXT NOT NULL, reason TEXT NOT NULL, " + OWNER_COLUMNS + ", at BIGINT NOT NULL)",
            "CREATE INDEX upbook_decisions_by_run ON upbook_decisions (run_id, id)"));

    /**
     * Version 2: a run's plan JSON (megabytes for a long plan) moves to a table of its own, so that
     * updating a run's status no longer rewrites it. {@code upbook_runs.plan_json} stays, empty.
     */
    static final Migration V2 = new Migration(2, "plans in their own table", dialect -> List.of(
            "CREATE TABLE upbook_plans (run_id BIGINT PRIMARY KEY REFERENCES upbook_runs (id), plan_json TEXT NOT NULL)",
            "INSERT INTO upbook_plans (run_id, plan_json) SELECT id, plan_json FROM upbook_runs",
            "UPDATE upbook_runs SET plan_json = ''"));

    /**
     * Version 3: the post-upgrade review. Values captured before the first step, each review
     * item's latest evaluation (state, detail, the evidence compared) and its sign-off; a run whose
     * steps all succeeded is {@code COMPLETE} (was {@code SUCCEEDED}) or {@code NEEDS_REVIEW}.
     */
    static final Migration V3 = new Migration(3, "captures and review results", dialect -> List.of(
            "CREATE TABLE upbook_captures (run_id BIGINT NOT NULL REFERENCES upbook_runs (id), capture_id TEXT NOT NULL, "
                    + "title TEXT NOT NULL, value_json TEXT, detail TEXT, at BIGINT NOT NULL, PRIMARY KEY (run_id, capture_id))",
            "CREATE TABLE upbook_review (run_id BIGINT NOT NULL REFERENCES upbook_runs (id), seq INTEGER NOT NULL, "
                    + "item_id TEXT NOT NULL, title TEXT NOT NULL, hop TEXT, severity TEXT NOT NULL, kind TEXT NOT NULL, "
                    + "state TEXT NOT NULL, detail TEXT, evidence_json TEXT, evaluated BIGINT, decided_by TEXT, decided BIGINT, "
                    + "note TEXT, PRIMARY KEY (run_id, item_id))",
            "UPDATE upbook_runs SET status = 'COMPLETE' WHERE status = 'SUCCEEDED'"));

    /** The migrations this upbook knows, in order. */
    static final List<Migration> MIGRATIONS = List.of(V1, V2, V3);

    private final List<Migration> migrations;

    Schema(List<Migration> migrations) {
        for (int i = 0; i < migrations.size(); i++) {
            if (migrations.get(i).version() != i + 1) {
                throw new IllegalArgumentException("migration " + (i + 1) + " has version " + migrations.get(i).version());
            }
        }
        this.migrations = List.copyOf(migrations);
    }

    int latest() {
        return migrations.size();
    }

    /** Brings the store to {@link #latest()}; returns the version it is at afterwards. */
    int migrate(Database database, Instant now) {
        return database.write(tx -> {
            database.dialect().serializeMigrations(tx.connection());
            execute(tx, VERSION_TABLE);
            int current = tx.one("SELECT MAX(version) AS version FROM upbook_schema_version",
                    row -> row.intValue("version")).orElse(0);
            if (current > latest()) {
                throw new JournalException("journal schema version " + current + " is newer than this upbook ("
                        + latest() + "); upgrade upbook");
            }
            for (Migration migration : migrations.subList(current, latest())) apply(tx, database.dialect(), migration, now);
            return latest();
        });
    }

    private static void apply(Tx tx, Dialect dialect, Migration migration, Instant now) throws SQLException {
        for (String statement : migration.statements().apply(dialect)) execute(tx, statement);
        tx.update("INSERT INTO upbook_schema_version (version, description, applied) VALUES (?, ?, ?)",
                migration.version(), migration.description(), now);
    }

    private static void execute(Tx tx, String sql) throws SQLException {
        try (Statement statement = tx.connection().createStatement()) {
            statement.execute(sql);
        }
    }
}
