package dev.upbook.spec.diag;

/**
 * Stable diagnostic codes. The names are part of the public contract (CI filters, SARIF rule ids):
 * never rename one; add new ones at the end of their group.
 */
public enum Code {
    // --- reading the file
    IO_ERROR(Severity.ERROR, "The file could not be read.", "Check the path and its permissions."),
    YAML_SYNTAX(Severity.ERROR, "The file is not well-formed YAML.", "Fix the YAML syntax at the position shown."),
    YAML_LIMIT(Severity.ERROR, "The document exceeds a safety limit (size, nesting depth or aliases).",
            "Split the playbook or remove deep nesting and alias chains."),
    DUPLICATE_KEY(Severity.ERROR, "A mapping has the same key twice.", "Remove or rename one of the two keys."),
    MULTIPLE_DOCUMENTS(Severity.ERROR, "A playbook file holds exactly one YAML document.",
            "Move the other documents into their own files."),
    UNSUPPORTED_TAG(Severity.ERROR, "Explicit YAML tags are not part of the language.", "Remove the tag."),

    // --- structure
    UNKNOWN_KEY(Severity.ERROR, "The key is not part of the language here.", "See dsl-spec/reference.md for the keys allowed here."),
    MISSING_KEY(Severity.ERROR, "A required key is missing.", "Add the key."),
    WRONG_TYPE(Severity.ERROR, "The value has the wrong type.", "See dsl-spec/reference.md for the expected type."),
    INVALID_VALUE(Severity.ERROR, "The value is not one of the allowed values.", "Use one of the listed values."),
    UNSUPPORTED_DSL_VERSION(Severity.ERROR, "This upbook understands DSL version 1 only.", "Write 'upbook: 1'."),
    INVALID_ID(Severity.ERROR, "Ids are lower-case words joined by '-' or '_' (e.g. backup-db).",
            "Rename the id to match [a-z][a-z0-9_-]*."),
    INVALID_DURATION(Severity.ERROR, "Durations are written like 30s, 10m, 2h or 1h30m.", "Write a duration such as 10m."),
    MISSING_REASON(Severity.ERROR, "This declaration needs a reason that operators will read.", "Add 'reason: ...'."),

    // --- versions
    INVALID_VERSION(Severity.ERROR, "The version cannot be parsed in the playbook's version scheme.",
            "Write the version as the scheme expects, or change 'versions.scheme'."),
    INVALID_RANGE(Severity.ERROR, "The version range cannot be parsed.", "Use comparators like '>=3.60.00 <4' or '^1.2'."),
    DUPLICATE_RELEASE(Severity.ERROR, "The same release is listed twice.", "Remove the repeated entry."),
    UNKNOWN_RELEASE(Severity.ERROR, "The version is not in 'versions.releases'.", "Add it to the release list or fix the typo."),
    EDGE_DOWNGRADE(Severity.ERROR, "An edge must go to a later version; upbook never downgrades.",
            "Swap 'from' and 'to', or describe the rollback as a recovery instead."),
    VERSION_CYCLE(Severity.ERROR, "The version graph has a cycle.", "Remove one of the edges in the cycle."),
    DEAD_END(Severity.ERROR, "A release has no way forward although later releases exist.",
            "Add an edge from it, or declare 'versions.no-path' with the reason."),
    UNREACHABLE_RELEASE(Severity.ERROR, "No earlier release leads to this release.",
            "Add an edge to it, or declare 'versions.no-path' with the reason."),
    PATH_MISSING(Severity.ERROR, "A supported source version cannot reach a later target.",
            "Add the missing edges, or declare 'versions.no-path' for these pairs with the reason."),
    EDGE_TO_BLOCKED(Severity.ERROR, "An edge ends on a blocked version.", "Point the edge past the blocked version."),
    EDGE_MATCHES_NOTHING(Severity.WARNING, "The edge's 'from' range matches no release, so the edge is never used.",
            "Widen the range or remove the edge."),
    DUPLICATE_EDGE(Severity.ERROR, "Two edges declare the same hop.", "Merge the two edges."),
    GRAPH_CHECKS_SKIPPED(Severity.NOTE, "The version graph was not fully checked because of an error in the versions or edges.",
            "Fix the errors reported with it; lint then checks dead ends, unreachable releases and the path matrix."),

    // --- steps and references
    DUPLICATE_ID(Severity.ERROR, "Two items in the same scope have the same id.", "Rename one of them."),
    UNKNOWN_REFERENCE(Severity.ERROR, "The reference names no step in this scope.", "Fix the id, or move the step into this phase."),
    STEP_CYCLE(Severity.ERROR, "The 'after' constraints form a cycle.", "Remove one of the 'after' entries in the cycle."),
    UNKNOWN_STEP_TYPE(Severity.ERROR, "No step type of this name is installed.", "Run 'upbook explain' to list step types."),
    UNKNOWN_PARAMETER(Severity.ERROR, "The step type has no such parameter.", "Run 'upbook explain TYPE' for its parameters."),
    MISSING_PARAMETER(Severity.ERROR, "A required parameter of the step type is missing.", "Add it under 'with'."),
    PARAMETER_TYPE(Severity.ERROR, "The parameter value has the wrong type.", "Run 'upbook explain TYPE' for its parameters."),
    CONFLICTING_KEYS(Severity.ERROR, "Two keys that exclude each other are both present.", "Keep one of them."),
    DUPLICATE_REGISTER(Severity.ERROR, "Two steps register the same variable.", "Give each registered value its own name."),
    IRREVERSIBLE_WITHOUT_REASON(Severity.ERROR, "An irreversible hop or step must say why it cannot be undone.",
            "Add 'reason: ...' so the operator knows what they accept."),

    // --- inputs and templates
    TEMPLATE_SYNTAX(Severity.ERROR, "The template cannot be parsed.", "Fix the Jinja syntax."),
    UNKNOWN_VARIABLE(Severity.ERROR, "The template uses a variable that is never defined.",
            "Declare it under 'inputs', register it in an earlier step, or fix the name."),
    UNKNOWN_INPUT(Severity.ERROR, "The template uses an input that is not declared.", "Declare it under 'inputs'."),
    SECRET_DEFAULT(Severity.ERROR, "A secret input cannot have a default value in the playbook.",
            "Remove 'default' and give the secret through 'env' or 'file'."),
    INPUT_DEFAULT_TYPE(Severity.ERROR, "The input's default does not match its type.", "Change the default or the type."),
    SECRET_IN_PLAYBOOK(Severity.ERROR, "A secret parameter (a password) must name a secret input, not hold a value.",
            "Declare an input with 'secret: true' and 'env:' or 'file:', and write '{{ inputs.NAME }}'."),

    // --- review
    REVIEW_WITHOUT_CHECK(Severity.ERROR, "A review item needs either an automated 'check' or a 'manual' instruction.",
            "Add 'check:' or 'manual:'."),
    UNKNOWN_CAPTURE(Severity.ERROR, "The review item compares with a capture that the playbook does not declare.",
            "Declare it under 'capture', or fix the id."),
    BAD_EXPECTATION(Severity.ERROR, "The review item's 'expect' cannot be evaluated as written.",
            "Give exactly one of 'value' and 'captured', a 'check' to compare, and for 'within' a 'tolerance' such as 5% or 10."),
    TARGET_VERSION_WITHOUT_DETECT(Severity.ERROR, "'target-version' needs the playbook's 'detect' to find the installed version.",
            "Add 'detect:' to the playbook, or check the version with a 'version' check."),
    EMPTY_PLAYBOOK(Severity.WARNING, "The playbook declares no edges and no rules, so it can never upgrade anything.",
            "Add 'edges' or 'rules'."),

    // --- procedures
    PROCEDURE_WITH_HOPS(Severity.ERROR, "A procedure keeps the installation's version, so it has no edges and no rules.",
            "Move the upgrade into a playbook of its own, or remove 'procedure'."),
    EMPTY_PROCEDURE(Severity.WARNING, "The procedure has no steps in 'pre' or 'post', so it does nothing.",
            "Add its steps under 'pre' (and 'post').");

    private final Severity defaultSeverity;
    private final String summary;
    private final String hint;

    Code(Severity defaultSeverity, String summary, String hint) {
        this.defaultSeverity = defaultSeverity;
        this.summary = summary;
        this.hint = hint;
    }

    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /** One sentence that explains the rule behind the code (used for SARIF rules and docs). */
    public String summary() {
        return summary;
    }

    /** The default next action. */
    public String hint() {
        return hint;
    }
}
