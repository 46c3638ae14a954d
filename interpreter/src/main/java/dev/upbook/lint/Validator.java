package dev.upbook.lint;

import dev.upbook.load.ValueShapes;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.Capture;
import dev.upbook.spec.ast.Edge;
import dev.upbook.spec.ast.Expectation;
import dev.upbook.spec.ast.Hop;
import dev.upbook.spec.ast.Input;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Precondition;
import dev.upbook.spec.ast.Recovery;
import dev.upbook.spec.ast.ReviewItem;
import dev.upbook.spec.ast.Rule;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.ast.Text;
import dev.upbook.spec.ast.Value;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostics;
import dev.upbook.spec.diag.Suggestions;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the meaning of a loaded playbook that the loader cannot see: step types and their
 * parameters, references, ids, inputs, review items. Version-graph checks, step ordering and
 * templates are separate passes ({@link PlaybookCompiler} runs them all).
 */
final class Validator {
    private final StepTypes types;
    private final Diagnostics diags;
    private static final Pattern SECRET_REFERENCE = Pattern.compile("\\s*\\{\\{\\s*inputs\\.([a-z][a-z0-9_-]*)\\s*\\}\\}\\s*");
    private final Map<String, SourceRef> registered = new HashMap<>();
    private Map<String, Input> inputs = Map.of();
    private Playbook playbook;

    Validator(StepTypes types, Diagnostics diags) {
        this.types = types;
        this.diags = diags;
    }

    void validate(Playbook playbook) {
        this.playbook = playbook;
        inputs = playbook.inputs();
        playbook.inputs().values().forEach(this::input);
        playbook.detect().ifPresent(a -> action(a, "detect"));
        preconditions(playbook.preconditions(), "preconditions");
        captures(playbook.capture());
        steps(playbook.pre(), "pre", playbook);
        for (int i = 0; i < playbook.edges().size(); i++) {
            Edge edge = playbook.edges().get(i);
            hop(edge.hop(), "edges[" + i + "]", playbook);
        }
        uniqueIds(playbook.rules(), Rule::id, "rules", "rule");
        for (int i = 0; i < playbook.rules().size(); i++) {
            hop(playbook.rules().get(i).hop(), "rules[" + i + "]", playbook);
        }
        steps(playbook.post(), "post", playbook);
        review(playbook.review(), "review");
        for (Recovery recovery : playbook.recoveries().values()) {
            steps(recovery.steps(), "recoveries." + recovery.name() + ".steps", playbook);
        }
        if (playbook.procedure().isPresent()) {
            procedure(playbook);
        } else if (playbook.edges().isEmpty() && playbook.rules().isEmpty()) {
            diags.report(Code.EMPTY_PLAYBOOK, "", playbook.at(),
                    "the playbook has no 'edges' and no 'rules', so no upgrade path exists");
        }
    }

    /** A procedure keeps the version: no hops; its steps are {@code pre} and {@code post}. */
    private void procedure(Playbook playbook) {
        if (!playbook.edges().isEmpty()) {
            diags.report(Code.PROCEDURE_WITH_HOPS, "edges", playbook.edges().get(0).at(),
                    "a procedure ('procedure: " + playbook.procedure().get().title() + "') keeps the installation's version; it cannot have 'edges'");
        }
        if (!playbook.rules().isEmpty()) {
            diags.report(Code.PROCEDURE_WITH_HOPS, "rules", playbook.rules().get(0).at(),
                    "a procedure ('procedure: " + playbook.procedure().get().title() + "') keeps the installation's version; it cannot have 'rules'");
        }
        if (playbook.pre().isEmpty() && playbook.post().isEmpty()) {
            diags.report(Code.EMPTY_PROCEDURE, "procedure", playbook.procedure().get().at(),
                    "the procedure has no steps: write them under 'pre' (and 'post')");
        }
    }

    private void input(Input input) {
        String path = "inputs." + input.name();
        if (input.secret() && input.defaultValue().isPresent()) {
            diags.report(Code.SECRET_DEFAULT, path + ".default", input.defaultValue().get().at(),
                    "secret input '" + input.name() + "' has a default value, which would put the secret in the playbook");
        }
        input.defaultValue().ifPresent(value -> {
            Type type = switch (input.type()) {
                case INT -> new Type.Int(Long.MIN_VALUE, Long.MAX_VALUE);
                case BOOL -> new Type.Bool();
                default -> Type.string();
            };
            String problem = ValueShapes.problem(value, type);
            if (problem != null) {
                diags.report(Code.INPUT_DEFAULT_TYPE, path + ".default", value.at(),
                        "input '" + input.name() + "' is of type " + input.type().keyword() + ": " + problem);
            }
        });
    }

    private void hop(Hop hop, String path, Playbook playbook) {
        preconditions(hop.preconditions(), path + ".preconditions");
        steps(hop.steps(), path + ".steps", playbook);
        review(hop.review(), path + ".review");
    }

    private void preconditions(List<Precondition> preconditions, String path) {
        uniqueIds(preconditions, Precondition::id, path, "precondition");
        for (int i = 0; i < preconditions.size(); i++) {
            action(preconditions.get(i).check(), path + "[" + i + "].check");
        }
    }

    private void review(List<ReviewItem> items, String path) {
        uniqueIds(items, ReviewItem::id, path, "review item");
        for (int i = 0; i < items.size(); i++) {
            ReviewItem item = items.get(i);
            String p = path + "[" + i + "]";
            long kinds = (item.check().isPresent() ? 1 : 0) + (item.manual().isPresent() ? 1 : 0) + (item.targetVersion() ? 1 : 0);
            if (kinds == 0) {
                diags.report(Code.REVIEW_WITHOUT_CHECK, p, item.at(),
                        "review item '" + item.id().value() + "' has neither 'check' nor 'manual'");
            } else if (kinds > 1) {
                diags.report(Code.CONFLICTING_KEYS, p, item.at(),
                        "review item '" + item.id().value() + "' has more than one of 'check', 'manual' and 'target-version';"
                                + " it is one kind of item",
                        "Split it into several review items.");
            }
            if (item.targetVersion() && playbook.detect().isEmpty()) {
                diags.report(Code.TARGET_VERSION_WITHOUT_DETECT, p + ".target-version", item.at(),
                        "review item '" + item.id().value() + "' checks the target version, but the playbook has no 'detect'");
            }
            item.check().ifPresent(a -> action(a, p + ".check"));
            item.expect().ifPresent(e -> expectation(item, e, p + ".expect"));
        }
    }

    private void captures(List<Capture> captures) {
        uniqueIds(captures, Capture::id, "capture", "capture");
        for (int i = 0; i < captures.size(); i++) action(captures.get(i).check(), "capture[" + i + "].check");
    }

    private void expectation(ReviewItem item, Expectation e, String path) {
        String id = item.id().value();
        if (item.check().isEmpty()) {
            diags.report(Code.BAD_EXPECTATION, path, e.at(), "review item '" + id + "' has 'expect' but no 'check' whose value to compare");
        }
        if (e.value().isPresent() == e.captured().isPresent()) {
            diags.report(Code.BAD_EXPECTATION, path, e.at(), "review item '" + id + "' 'expect' needs exactly one of 'value' and 'captured'");
        }
        e.captured().ifPresent(c -> {
            if (playbook.capture().stream().noneMatch(k -> k.id().value().equals(c.value()))) {
                diags.report(Code.UNKNOWN_CAPTURE, path + ".captured", c.at(), "review item '" + id + "' compares with capture '"
                        + c.value() + "', which the playbook does not declare" + (playbook.capture().isEmpty() ? ""
                        : "; declared: " + String.join(", ", playbook.capture().stream().map(k -> k.id().value()).toList())));
            }
        });
        if (e.compare() == Expectation.Compare.WITHIN && e.tolerance().isEmpty()) {
            diags.report(Code.BAD_EXPECTATION, path, e.at(), "review item '" + id + "' compares 'within' but gives no 'tolerance'");
        }
        e.tolerance().ifPresent(t -> {
            if (!t.matches("\\d+(\\.\\d+)?%?")) {
                diags.report(Code.BAD_EXPECTATION, path + ".tolerance", e.at(), "review item '" + id + "' has tolerance '" + t
                        + "'; write a percentage such as 5% or an absolute number such as 10");
            }
        });
    }

    private void steps(List<Step> steps, String path, Playbook playbook) {
        for (int i = 0; i < steps.size(); i++) {
            step(steps.get(i), path + "[" + i + "]", playbook);
        }
    }

    private void step(Step step, String path, Playbook playbook) {
        resolve(step.type(), path + ".type", StepType.Use.STEP)
                .ifPresent(type -> parameters(step.with(), type, path + ".with", step.at()));
        step.guard().ifPresent(a -> action(a, path + ".guard"));
        step.verify().ifPresent(a -> action(a, path + ".verify"));
        step.until().ifPresent(a -> action(a, path + ".until"));
        if (step.idempotent() && step.guard().isPresent()) {
            diags.report(Code.CONFLICTING_KEYS, path + ".guard", step.guard().get().at(),
                    "step '" + step.id().value() + "' is declared idempotent and also has a guard",
                    "Keep 'idempotent: true' when the step is safe to repeat, or the guard when it tells \"already done\".");
        }
        if (step.irreversible() && step.reason().isBlank()) {
            diags.report(Code.IRREVERSIBLE_WITHOUT_REASON, path, step.at(),
                    "step '" + step.id().value() + "' is irreversible but gives no reason");
        }
        String onFailure = step.onFailure().value();
        if (!onFailure.equals("abort") && !onFailure.equals("continue") && !playbook.recoveries().containsKey(onFailure)) {
            List<String> options = new java.util.ArrayList<>(List.of("abort", "continue"));
            options.addAll(playbook.recoveries().keySet());
            diags.report(Code.UNKNOWN_REFERENCE, path + ".on-failure", step.onFailure().at(),
                    "on-failure '" + onFailure + "' is neither abort, continue nor a declared recovery",
                    Suggestions.didYouMean(onFailure, options, "Declare it under 'recoveries', or use abort or continue."));
        }
        step.register().ifPresent(name -> {
            SourceRef first = registered.putIfAbsent(name.value(), name.at());
            if (first != null) {
                diags.report(Code.DUPLICATE_REGISTER, path + ".register", name.at(),
                        "'" + name.value() + "' is already registered by the step at " + first);
            }
        });
    }

    private void action(Action action, String path) {
        resolve(action.type(), path + ".type", StepType.Use.CHECK)
                .ifPresent(type -> parameters(action.with(), type, path + ".with", action.at()));
    }

    private Optional<StepType> resolve(Text name, String path, StepType.Use use) {
        if (name.value().isEmpty()) return Optional.empty(); // missing 'type' already reported
        Optional<StepType> type = types.find(name.value());
        if (type.isEmpty()) {
            List<String> names = types.all().stream().map(StepType::name).toList();
            diags.report(Code.UNKNOWN_STEP_TYPE, path, name.at(), "no step type '" + name.value() + "' is installed",
                    Suggestions.didYouMean(name.value(), names, "Run 'upbook explain' to list the installed step types."));
            return Optional.empty();
        }
        if (!type.get().uses().contains(use)) {
            diags.report(Code.INVALID_VALUE, path, name.at(), "'" + name.value() + "' cannot be used as a "
                    + (use == StepType.Use.STEP ? "step" : "check") + "; it can be used as a "
                    + (use == StepType.Use.STEP ? "check" : "step"), "Pick a type made for this place; see 'upbook explain'.");
            return Optional.empty();
        }
        return type;
    }

    private void parameters(Value.Mapping with, StepType type, String path, SourceRef owner) {
        if (diags.hasErrorAt(path)) return; // 'with' was not a mapping: its parameters are unknown, not missing
        List<String> names = type.parameters().stream().map(KeySpec::name).toList();
        with.entries().forEach((key, value) -> {
            Optional<KeySpec> spec = type.parameters().stream().filter(p -> p.name().equals(key)).findFirst();
            if (spec.isEmpty()) {
                diags.report(Code.UNKNOWN_PARAMETER, path + "." + key, with.keys().get(key),
                        "step type '" + type.name() + "' has no parameter '" + key + "'",
                        Suggestions.didYouMean(key, names, "Parameters of " + type.name() + ": " + String.join(", ", names) + "."));
            } else {
                parameterType(value, spec.get().type(), path + "." + key, type.name());
            }
        });
        for (List<String> group : type.exactlyOneOf()) {
            List<String> given = group.stream().filter(with.entries()::containsKey).toList();
            if (given.isEmpty()) {
                diags.report(Code.MISSING_PARAMETER, path, with.entries().isEmpty() ? owner : with.at(),
                        "step type '" + type.name() + "' needs one of the parameters " + String.join(", ", group),
                        "Add exactly one of them under 'with'.");
            } else if (given.size() > 1) {
                diags.report(Code.CONFLICTING_KEYS, path + "." + given.get(1), with.keys().get(given.get(1)),
                        "step type '" + type.name() + "' takes only one of " + String.join(", ", given),
                        "Keep one of them.");
            }
        }
        for (KeySpec p : type.parameters()) {
            if (p.required() && !with.entries().containsKey(p.name())) {
                diags.report(Code.MISSING_PARAMETER, path + "." + p.name(), with.entries().isEmpty() ? owner : with.at(),
                        "step type '" + type.name() + "' needs the parameter '" + p.name() + "' (" + p.type().describe() + ")",
                        "Add '" + p.name() + ":' under 'with' — " + p.description());
            }
        }
    }

    private void parameterType(Value value, Type type, String path, String typeName) {
        if (type instanceof Type.Secret) {
            secret(value, path, typeName);
            return;
        }
        String problem = ValueShapes.problem(value, type);
        if (problem != null) {
            diags.report(Code.PARAMETER_TYPE, path, value.at(), typeName + " parameter '" + lastSegment(path) + "': " + problem);
            return;
        }
        if (type instanceof Type.ListOf && value instanceof Value.Sequence) {
            List<Value> items = ((Value.Sequence) value).items();
            for (int i = 0; i < items.size(); i++) parameterType(items.get(i), ((Type.ListOf) type).item(), path + "[" + i + "]", typeName);
        } else if (type instanceof Type.MapOf && value instanceof Value.Mapping) {
            ((Value.Mapping) value).entries().forEach((k, v) -> parameterType(v, ((Type.MapOf) type).value(), path + "." + k, typeName));
        } else if (type instanceof Type.OneOf && value instanceof Value.Sequence) {
            ((Type.OneOf) type).options().stream().filter(t -> t instanceof Type.ListOf).findFirst()
                    .ifPresent(t -> parameterType(value, t, path, typeName));
        }
    }

    /** A secret parameter must be exactly {@code {{ inputs.NAME }}} of a declared secret input. */
    private void secret(Value value, String path, String typeName) {
        String text = value instanceof Value.Scalar ? ((Value.Scalar) value).text() : "";
        Matcher m = SECRET_REFERENCE.matcher(text);
        if (m.matches() && inputs.containsKey(m.group(1)) && inputs.get(m.group(1)).secret()) return;
        String problem = m.matches() && inputs.containsKey(m.group(1))
                ? "input '" + m.group(1) + "' is not declared 'secret: true', so its value would be shown in plans and logs"
                : m.matches() ? "'" + m.group(1) + "' is not a declared input"
                : "the value is written in the playbook; a password must come from a secret input";
        diags.report(Code.SECRET_IN_PLAYBOOK, path, value.at(), typeName + " parameter '" + lastSegment(path) + "': " + problem);
    }

    private static String lastSegment(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private <T> void uniqueIds(List<T> items, Function<T, Text> id, String path, String what) {
        Map<String, SourceRef> seen = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Text t = id.apply(items.get(i));
            if (t.value().isEmpty()) continue;
            SourceRef first = seen.putIfAbsent(t.value(), t.at());
            if (first != null) {
                diags.report(Code.DUPLICATE_ID, path + "[" + i + "].id", t.at(),
                        what + " id '" + t.value() + "' is already used at " + first);
            }
        }
    }
}
