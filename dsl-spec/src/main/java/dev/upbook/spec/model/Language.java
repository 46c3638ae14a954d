package dev.upbook.spec.model;

import static dev.upbook.spec.model.KeySpec.optional;
import static dev.upbook.spec.model.KeySpec.required;

import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The playbook language, version 1, as data: every object and every key with its type, default
 * and meaning. The loader checks documents against it, the JSON Schema is generated from it and
 * a test checks that {@code dsl-spec/reference.md} documents every key it lists.
 */
public final class Language {

    /** The only DSL version this build understands. */
    public static final int DSL_VERSION = 1;

    public static final String PLAYBOOK = "playbook";
    public static final String PRODUCT = "product";
    public static final String VERSIONS = "versions";
    public static final String VERSION_NOTE = "version-note";
    public static final String NO_PATH = "no-path";
    public static final String INPUT = "input";
    public static final String ACTION = "action";
    public static final String PRECONDITION = "precondition";
    public static final String STEP = "step";
    public static final String EDGE = "edge";
    public static final String RULE = "rule";
    public static final String REVIEW_ITEM = "review-item";
    public static final String RECOVERY = "recovery";
    public static final String CAPTURE = "capture";
    public static final String EXPECTATION = "expectation";
    public static final String PROCEDURE = "procedure";

    private static final Type STEPS = new Type.ListOf(new Type.Ref(STEP));
    private static final Type STRINGS = new Type.ListOf(Type.string());

    private static final List<ObjectSpec> OBJECTS = List.of(
            new ObjectSpec(PLAYBOOK, "The root of a playbook file.", List.of(
                    required("upbook", new Type.Int(1, 1), "The DSL version the file is written in. Must be 1."),
                    required("product", new Type.Ref(PRODUCT), "What the playbook upgrades."),
                    required("versions", new Type.Ref(VERSIONS), "Version scheme, known releases and path constraints."),
                    optional("procedure", new Type.Ref(PROCEDURE), null,
                            "Makes the playbook a procedure: steps run on an installation that keeps its version (e.g. moving a "
                                    + "server); no edges or rules, `pre` and `post` are its steps."),
                    optional("detect", new Type.Ref(ACTION), null,
                            "How to detect the installed version when `--from` is not given (a check type that yields a version)."),
                    optional("inputs", new Type.MapOf(new Type.Ref(INPUT)), "{}",
                            "Typed inputs and secrets, by name. Templates read them as `inputs.NAME`."),
                    optional("preconditions", new Type.ListOf(new Type.Ref(PRECONDITION)), "[]",
                            "Checks that must all hold before the first step of any run."),
                    optional("capture", new Type.ListOf(new Type.Ref(CAPTURE)), "[]",
                            "Values recorded before the first step (counts, checksums, config keys), read as `captured.ID` by review items."),
                    optional("pre", STEPS, "[]", "Steps run once, before the first hop."),
                    optional("edges", new Type.ListOf(new Type.Ref(EDGE)), "[]", "Explicit hops between versions."),
                    optional("rules", new Type.ListOf(new Type.Ref(RULE)), "[]",
                            "Release-list rules that generate hops (e.g. each minor in sequence)."),
                    optional("post", STEPS, "[]", "Steps run once, after the last hop."),
                    optional("review", new Type.ListOf(new Type.Ref(REVIEW_ITEM)), "[]",
                            "What the post-upgrade review checks for the whole run."),
                    optional("recoveries", new Type.MapOf(new Type.Ref(RECOVERY)), "{}",
                            "Named recovery procedures (e.g. a rollback) that a step's `on-failure` may name."))),
            new ObjectSpec(PRODUCT, "What the playbook upgrades.", List.of(
                    required("name", new Type.Id(), "Stable product id, e.g. `osticket`."),
                    optional("title", Type.string(), "the name", "Human name, e.g. `osTicket`."),
                    optional("description", Type.string(), "\"\"", "Free text for operators."),
                    optional("guide", Type.string(), "\"\"", "The upstream upgrade guide this playbook follows (URL or title)."))),
            new ObjectSpec(VERSIONS, "Version scheme, known releases and the constraints on every path.", List.of(
                    optional("scheme", new Type.Enum(List.of("semver", "loose")), "semver",
                            "How versions are parsed and ordered: `semver` (SemVer 2.0.0, npm ranges) or `loose` "
                                    + "(dotted numbers, leading zeros, `v` prefix, RC/beta qualifiers)."),
                    required("releases", new Type.ListOf(new Type.Version()),
                            "Every known release, in any order. Edges and rules connect these."),
                    optional("minimum", new Type.Ref(VERSION_NOTE), null,
                            "The oldest version that can be upgraded at all; older ones get \"no path\" with the reason."),
                    optional("blocked", new Type.ListOf(new Type.Ref(VERSION_NOTE)), "[]",
                            "Versions no path may stop on (as an intermediate or a target), with the reason."),
                    optional("required-stops", new Type.ListOf(new Type.Ref(VERSION_NOTE)), "[]",
                            "Versions every path that crosses them must stop on, with the reason."),
                    optional("no-path", new Type.ListOf(new Type.Ref(NO_PATH)), "[]",
                            "Declared gaps in the path matrix: pairs that have no path on purpose, with the reason."))),
            new ObjectSpec(VERSION_NOTE, "A version together with the author's reason.", List.of(
                    required("version", new Type.Version(), "The version."),
                    required("reason", Type.string(), "Why; shown to operators verbatim."))),
            new ObjectSpec(NO_PATH, "A declared gap in the path matrix.", List.of(
                    required("from", new Type.Range(), "Source versions the gap applies to."),
                    optional("to", new Type.Range(), "*", "Target versions the gap applies to."),
                    required("reason", Type.string(), "Why there is no path; shown to operators verbatim."))),
            new ObjectSpec(INPUT, "A typed input or secret.", List.of(
                    optional("type", new Type.Enum(List.of("string", "int", "bool", "path", "url")), "string", "The value type."),
                    optional("default", new Type.Any(), null, "The value when none is given. Not allowed for secrets."),
                    optional("description", Type.string(), "\"\"", "What the operator should give."),
                    optional("secret", new Type.Bool(), "false", "Masked in every output, log, journal row and report."),
                    optional("env", Type.string(), null, "Name of an environment variable that supplies the value."),
                    optional("file", Type.string(), null, "Path of a file whose content (trimmed) supplies the value."),
                    optional("required", new Type.Bool(), "true unless a default is given",
                            "Whether a run refuses to start without a value."))),
            new ObjectSpec(ACTION, "A typed check: a precondition, guard, verification, review check or version detection.", List.of(
                    required("type", Type.string(), "The step or check type, e.g. `file.assert`, `http.check`."),
                    optional("with", new Type.MapOf(new Type.Any()), "{}", "The type's parameters (templated)."))),
            new ObjectSpec(PRECONDITION, "Something that must hold before the first step runs.", List.of(
                    required("id", new Type.Id(), "Unique among preconditions."),
                    optional("title", Type.string(), "the id", "What is checked, in words."),
                    required("check", new Type.Ref(ACTION), "The check to evaluate."),
                    optional("message", Type.template(), "\"\"", "What the operator must do when the check fails (a template)."),
                    optional("when", new Type.Expression(), "true", "Evaluate only when this expression is true."))),
            new ObjectSpec(STEP, "One unit of work in a phase, hop or recovery.", List.of(
                    required("id", new Type.Id(), "Unique within its phase, hop or recovery; part of the instance id `<hop>/<id>`."),
                    required("type", Type.string(), "The step type, e.g. `exec`, `file.backup`; see `upbook explain`."),
                    optional("title", Type.string(), "the id", "What the step does, in words (shown in the plan)."),
                    optional("description", Type.string(), "\"\"", "Longer explanation, e.g. the guide's words."),
                    optional("with", new Type.MapOf(new Type.Any()), "{}", "The step type's parameters; strings are templates."),
                    optional("when", new Type.Expression(), "true", "Run only when this expression is true; skipped otherwise."),
                    optional("after", new Type.ListOf(new Type.Id()), "[]",
                            "Ids of steps in the same phase or hop that must finish first."),
                    optional("idempotent", new Type.Bool(), "false", "Safe to run again after a crash in the middle."),
                    optional("guard", new Type.Ref(ACTION), null,
                            "A check that reports \"already done\"; when it passes the step is skipped."),
                    optional("verify", new Type.Ref(ACTION), null, "A check that must pass after the step for it to succeed."),
                    optional("until", new Type.Ref(ACTION), null,
                            "Makes the step repeat in passes until this check passes (e.g. an import that works in batches)."),
                    optional("max-passes", new Type.Int(1, Integer.MAX_VALUE), "100",
                            "The most passes of a step with `until`; still not done after that, the step fails."),
                    optional("pass-delay", new Type.Duration(), "0s", "Pause between passes of a step with `until`."),
                    optional("retries", Type.nonNegative(), "0", "How many times to retry a failed attempt."),
                    optional("retry-delay", new Type.Duration(), "5s", "Pause between attempts."),
                    optional("timeout", new Type.Duration(), "none", "Fail the attempt when it runs longer."),
                    optional("on-failure", Type.string(), "abort",
                            "`abort` the run, `continue` with the next step, or the name of a recovery to run, then abort."),
                    optional("register", new Type.Id(), null, "Store the step's result for later templates as `vars.NAME`."),
                    optional("irreversible", new Type.Bool(), "false", "Stops for the operator's confirmation unless `--yes`."),
                    optional("reason", Type.string(), "\"\"", "Why the step cannot be undone; required when irreversible."),
                    optional("revision", Type.nonNegative(), "0", "Bump to make the journal treat the step as changed."))),
            new ObjectSpec(EDGE, "An explicit hop from a version or range to a release.", List.of(
                    required("from", new Type.Range(), "The source version, or a range of source versions."),
                    required("to", new Type.Version(), "The target release."),
                    optional("title", Type.string(), "\"\"", "A name for the hop in the plan."),
                    optional("irreversible", new Type.Bool(), "false",
                            "There is no way back after this hop; the run stops for confirmation unless `--yes`."),
                    optional("reason", Type.string(), "\"\"", "Why the hop is irreversible; required when it is."),
                    optional("notes", STRINGS, "[]", "Notes shown in the plan for this hop."),
                    optional("breaking", STRINGS, "[]", "Breaking changes shown in the plan and reviewed after the hop."),
                    optional("preconditions", new Type.ListOf(new Type.Ref(PRECONDITION)), "[]",
                            "Checked before the first step of the run when the path takes this hop."),
                    optional("steps", STEPS, "[]", "The hop's steps."),
                    optional("review", new Type.ListOf(new Type.Ref(REVIEW_ITEM)), "[]", "Review items checked after this hop."))),
            new ObjectSpec(RULE, "A release-list rule that generates hops between releases.", List.of(
                    required("id", new Type.Id(), "Unique among rules."),
                    optional("title", Type.string(), "the id", "A name for the rule in the plan."),
                    optional("within", new Type.Range(), "*", "Both ends of every generated hop lie in this range."),
                    required("sequence", new Type.Enum(List.of("major", "minor", "patch")),
                            "Which series advances one at a time: a hop goes to the first release of the next series."),
                    optional("latest-patch", new Type.Bool(), "true",
                            "Also generate the hop from a release to the latest release of its own series."),
                    optional("irreversible", new Type.Bool(), "false", "Every generated hop is irreversible."),
                    optional("reason", Type.string(), "\"\"", "Why; required when irreversible."),
                    optional("notes", STRINGS, "[]", "Notes shown in the plan for every generated hop."),
                    optional("breaking", STRINGS, "[]", "Breaking changes shown for every generated hop."),
                    optional("preconditions", new Type.ListOf(new Type.Ref(PRECONDITION)), "[]",
                            "Checked before the run when the path takes a generated hop."),
                    optional("steps", STEPS, "[]", "The steps of every generated hop."),
                    optional("review", new Type.ListOf(new Type.Ref(REVIEW_ITEM)), "[]", "Review items checked after each generated hop."))),
            new ObjectSpec(REVIEW_ITEM, "A post-upgrade review item.", List.of(
                    required("id", new Type.Id(), "Unique within its review list."),
                    optional("title", Type.string(), "the id", "What is reviewed, in words."),
                    optional("check", new Type.Ref(ACTION), null,
                            "An automated check. Exactly one of `check`, `manual` and `target-version`."),
                    optional("manual", Type.template(), null, "An instruction an operator carries out and signs off."),
                    optional("target-version", new Type.Bool(), "false",
                            "Automated: the playbook's `detect` must find the target version (a hop's `to` for a hop's item)."),
                    optional("expect", new Type.Ref(EXPECTATION), null,
                            "What the check's value must be compared with: a value or a captured value."),
                    optional("severity", new Type.Enum(List.of("blocking", "advisory")), "blocking",
                            "Whether a failure keeps the run from being complete."),
                    optional("when", new Type.Expression(), "true", "Review only when this expression is true."))),
            new ObjectSpec(CAPTURE, "A value recorded before the first step, for the review to compare against.", List.of(
                    required("id", new Type.Id(), "Unique among the captures; templates read the value as `captured.ID`."),
                    optional("title", Type.string(), "the id", "What is captured, in words."),
                    required("check", new Type.Ref(ACTION), "The check whose value is captured (e.g. `sql.query`, `file.read`)."),
                    optional("when", new Type.Expression(), "true", "Capture only when this expression is true."))),
            new ObjectSpec(EXPECTATION, "How a review check's value is compared: with a value or with a captured value.", List.of(
                    optional("value", Type.template(), null, "The value to compare with. Exactly one of `value` and `captured`."),
                    optional("captured", new Type.Id(), null, "The id of a capture whose value to compare with."),
                    optional("compare", new Type.Enum(List.of("equal", "at-least", "at-most", "within")), "equal",
                            "`equal`, `at-least` / `at-most` (numbers), or `within` a tolerance (numbers)."),
                    optional("tolerance", Type.string(), null,
                            "For `within`: how far the value may be, e.g. `5%` (of the compared value) or `10` (absolute)."))),
            new ObjectSpec(PROCEDURE, "A procedure: work on an installation that keeps its version, run once.", List.of(
                    required("title", Type.string(), "What the procedure does, e.g. `Move the server to new hardware`."),
                    optional("description", Type.string(), "\"\"", "Free text for operators (e.g. the guide's words)."),
                    optional("at", new Type.Range(), "*", "The versions the installation may be at for the procedure to run."),
                    optional("reason", Type.string(), "\"\"",
                            "Why the procedure needs a version in `at`; shown when the installation is at another one."))),
            new ObjectSpec(RECOVERY, "A named recovery procedure.", List.of(
                    optional("title", Type.string(), "the name", "What the recovery does."),
                    optional("description", Type.string(), "\"\"", "The procedure in words (e.g. the guide's rollback section)."),
                    required("steps", STEPS, "The recovery's steps."))));

    private static final Map<String, ObjectSpec> BY_NAME =
            OBJECTS.stream().collect(Collectors.toUnmodifiableMap(ObjectSpec::name, Function.identity()));

    private Language() {}

    public static List<ObjectSpec> objects() {
        return OBJECTS;
    }

    public static ObjectSpec object(String name) {
        ObjectSpec spec = BY_NAME.get(name);
        if (spec == null) throw new NoSuchElementException("no object '" + name + "' in the language");
        return spec;
    }
}
