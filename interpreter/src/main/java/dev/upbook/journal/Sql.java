package dev.upbook.journal;

/**
 * The journal's SQL, shared by SQLite and PostgreSQL (both accept {@code ON CONFLICT},
 * {@code RETURNING} and {@code LIMIT}); the few differences are in {@link Dialect}. Owner
 * parameters take four placeholders (see {@link Tx}).
 */
final class Sql {
    private Sql() {}

    static final String OWNER = "owner_user, owner_host, owner_pid, owner_start";
    private static final String OWNER_PLACEHOLDERS = "?, ?, ?, ?";

    // ---- installations and locks ----------------------------------------------------------------

    static final String ENSURE_INSTALLATION =
            "INSERT INTO upbook_installations (name, last_token) VALUES (?, 0) ON CONFLICT (name) DO NOTHING";
    /** Takes the installation's row lock (PostgreSQL) before any lock decision; %s is the FOR UPDATE. */
    static final String LAST_TOKEN = "SELECT last_token FROM upbook_installations WHERE name = ?%s";
    static final String NEXT_TOKEN =
            "UPDATE upbook_installations SET last_token = last_token + 1 WHERE name = ? RETURNING last_token";

    static final String LOCK_COLUMNS =
            "installation, " + OWNER + ", token, acquired, heartbeat, expires, lease_millis, run_id";
    static final String LOCK = "SELECT " + LOCK_COLUMNS + " FROM upbook_locks WHERE installation = ?";
    static final String INSERT_LOCK = "INSERT INTO upbook_locks (" + LOCK_COLUMNS + ") VALUES (?, "
            + OWNER_PLACEHOLDERS + ", ?, ?, ?, ?, ?, NULL)";
    static final String DELETE_LOCK = "DELETE FROM upbook_locks WHERE installation = ?";
    static final String RELEASE_LOCK = "DELETE FROM upbook_locks WHERE installation = ? AND token = ?";
    /**
     * The fencing check: renews the lease and proves the token is still current (1 row) or not (0);
     * a write about a run also names it as the lock's run (a resumed run did not create it).
     */
    static final String TOUCH_LOCK = "UPDATE upbook_locks SET heartbeat = ?, expires = ? + lease_millis, "
            + "run_id = COALESCE(?, run_id) WHERE installation = ? AND token = ?";
    static final String INSTALLATIONS = "SELECT installation FROM upbook_locks UNION "
            + "SELECT DISTINCT installation FROM upbook_runs ORDER BY installation";

    // ---- runs ------------------------------------------------------------------------------------

    static final String RUN_COLUMNS = "id, installation, playbook_path, product, from_version, to_version, "
            + "plan_hash, plan_json, inputs_json, " + OWNER + ", started, ended, status, message, upbook_version";
    static final String INSERT_RUN = "INSERT INTO upbook_runs (installation, playbook_path, product, from_version, "
            + "to_version, plan_hash, plan_json, inputs_json, " + OWNER + ", started, status, upbook_version) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, " + OWNER_PLACEHOLDERS + ", ?, ?, ?) RETURNING id";
    static final String INSERT_PLAN = "INSERT INTO upbook_plans (run_id, plan_json) VALUES (?, ?)";
    static final String RUN = "SELECT " + RUN_COLUMNS.replace("plan_json",
            "(SELECT plan_json FROM upbook_plans WHERE run_id = upbook_runs.id) AS plan_json") + " FROM upbook_runs WHERE id = ?";
    static final String RUN_INSTALLATION = "SELECT installation FROM upbook_runs WHERE id = ?";
    /** The run columns without the plan's JSON (megabytes for a long plan), for listings: see {@link Journal#history}. */
    static final String RUN_SUMMARY_COLUMNS = RUN_COLUMNS.replace("plan_json", "'' AS plan_json");
    static final String HISTORY = "SELECT " + RUN_SUMMARY_COLUMNS + " FROM upbook_runs WHERE installation = ? "
            + "ORDER BY id DESC LIMIT ?";
    static final String RUN_STATUS = "UPDATE upbook_runs SET status = ?, ended = ?, message = ? WHERE id = ?";

    // ---- steps (every single-step statement is by primary key or by the unique instance index) ------

    static final String STEP_COLUMNS = "run_id, seq, instance_id, phase, type, step_hash, continue_on_failure, "
            + "state, attempts, passes, started, ended, input_hash, message, output, registered_json, checkpoint";
    static final String INSERT_STEP = "INSERT INTO upbook_steps (run_id, seq, instance_id, phase, type, step_hash, "
            + "continue_on_failure, state, attempts, passes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0)";
    static final String STEPS = "SELECT " + STEP_COLUMNS + " FROM upbook_steps WHERE run_id = ? ORDER BY seq";
    static final String STEP = "SELECT " + STEP_COLUMNS + " FROM upbook_steps WHERE run_id = ? AND instance_id = ?";
    /** The steps resume still has to run, and those holding registered values: see {@link Journal#openSteps}. */
    static final String OPEN_STEPS = "SELECT " + STEP_COLUMNS + " FROM upbook_steps WHERE run_id = ? AND ("
            + "state NOT IN ('SUCCEEDED', 'SKIPPED', 'REMOVED') AND NOT (state = 'FAILED' AND continue_on_failure = 1) "
            + "OR state = 'FAILED' OR registered_json IS NOT NULL) ORDER BY seq";
    static final String STEP_COUNT = "SELECT count(*) AS n FROM upbook_steps WHERE run_id = ? AND state <> 'REMOVED'";
    static final String STEP_STARTED = "UPDATE upbook_steps SET state = ?, attempts = attempts + 1, started = ?, "
            + "ended = NULL, input_hash = ? WHERE run_id = ? AND seq = ?";
    static final String STEP_FINISHED = "UPDATE upbook_steps SET state = ?, ended = ?, message = ?, output = ?, "
            + "registered_json = ? WHERE run_id = ? AND seq = ?";
    static final String PASS_FINISHED = "UPDATE upbook_steps SET passes = passes + 1, state = 'PENDING', ended = ?, "
            + "message = ? WHERE run_id = ? AND seq = ?";
    static final String CHECKPOINT = "UPDATE upbook_steps SET checkpoint = ? WHERE run_id = ? AND seq = ?";
    static final String DECIDED_STATE = "UPDATE upbook_steps SET state = ?, ended = ?, message = ? "
            + "WHERE run_id = ? AND instance_id = ?";
    static final String STEP_KEYS = "SELECT seq, instance_id, state FROM upbook_steps WHERE run_id = ?";
    static final String DRIFTED_STEP = "UPDATE upbook_steps SET phase = ?, type = ?, step_hash = ?, "
            + "continue_on_failure = ?, state = ? WHERE run_id = ? AND seq = ?";
    static final String REMOVED_STEP = "UPDATE upbook_steps SET state = ? WHERE run_id = ? AND seq = ?";

    // ---- decisions -------------------------------------------------------------------------------

    static final String DECISION_COLUMNS = "run_id, installation, instance_id, kind, reason, " + OWNER + ", at";
    static final String INSERT_DECISION = "INSERT INTO upbook_decisions (" + DECISION_COLUMNS + ") VALUES "
            + "(?, ?, ?, ?, ?, " + OWNER_PLACEHOLDERS + ", ?)";
    static final String DECISIONS = "SELECT " + DECISION_COLUMNS + " FROM upbook_decisions WHERE run_id = ? ORDER BY id";
    static final String RUNLESS_DECISIONS = "SELECT " + DECISION_COLUMNS + " FROM upbook_decisions "
            + "WHERE run_id IS NULL ORDER BY id";

    // ---- captures and review ----------------------------------------------------------------

    static final String DELETE_CAPTURE = "DELETE FROM upbook_captures WHERE run_id = ? AND capture_id = ?";
    static final String INSERT_CAPTURE = "INSERT INTO upbook_captures (run_id, capture_id, title, value_json, detail, at) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    static final String CAPTURES = "SELECT capture_id, title, value_json, detail, at FROM upbook_captures WHERE run_id = ? "
            + "ORDER BY at, capture_id";
    static final String REVIEW_COLUMNS = "seq, item_id, title, hop, severity, kind, state, detail, evidence_json, evaluated, "
            + "decided_by, decided, note";
    static final String REVIEW = "SELECT " + REVIEW_COLUMNS + " FROM upbook_review WHERE run_id = ? ORDER BY seq";
    static final String REVIEW_ITEM = "SELECT " + REVIEW_COLUMNS + " FROM upbook_review WHERE run_id = ? AND item_id = ?";
    static final String INSERT_REVIEW = "INSERT INTO upbook_review (run_id, " + REVIEW_COLUMNS + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    static final String UPDATE_REVIEW = "UPDATE upbook_review SET seq = ?, title = ?, hop = ?, severity = ?, kind = ?, state = ?, "
            + "detail = ?, evidence_json = ?, evaluated = ? WHERE run_id = ? AND item_id = ?";
    static final String SIGN_REVIEW = "UPDATE upbook_review SET state = ?, decided_by = ?, decided = ?, note = ? "
            + "WHERE run_id = ? AND item_id = ?";
}
