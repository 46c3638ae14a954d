package dev.upbook.run;

import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test step types that record their effects in memory: {@code effect} appends its {@code name}
 * (and can crash the "process" before or after doing so, or fail), {@code effect.done} is a
 * check that passes when an effect was recorded (a guard), {@code effect.count} passes when an
 * effect was recorded at least {@code times} times (an until check).
 */
final class Effects {
    /** Thrown to imitate the process dying: an Error, which the executor does not catch. */
    static final class Crash extends Error {
        Crash(String where) {
            super("simulated crash " + where, null, false, false);
        }
    }

    final List<String> log = Collections.synchronizedList(new ArrayList<>());
    /** "name@before" or "name@after": crash once inside the step, before or after its effect. */
    final Set<String> crashes = Collections.synchronizedSet(new HashSet<>());
    /** Names whose next attempts fail, as many times as listed. */
    final List<String> failures = Collections.synchronizedList(new ArrayList<>());

    int count(String name) {
        synchronized (log) {
            return (int) log.stream().filter(name::equals).count();
        }
    }

    List<StepType> types() {
        return List.of(new Effect(), new Resumable(), new Done(), new Count());
    }

    private abstract static class Base implements StepType {
        @Override public String summary() { return "test"; }
        @Override public String idempotency() { return "test"; }
        @Override public boolean canRun(Use use) { return uses().contains(use); }
    }

    private final class Effect extends Base {
        @Override public String name() { return "effect"; }
        @Override public Set<Use> uses() { return EnumSet.of(Use.STEP); }

        @Override
        public List<KeySpec> parameters() {
            return List.of(KeySpec.required("name", Type.template(), "the effect"),
                    KeySpec.optional("value", Type.template(), "none", "registered"));
        }

        @Override
        public StepResult run(StepContext context) {
            String name = context.parameters().text("name");
            if (crashes.remove(name + "@before")) throw new Crash("in " + name + " before its effect");
            synchronized (failures) {
                if (failures.remove(name)) return StepResult.failed("failing " + name + " on request");
            }
            log.add(name);
            if (crashes.remove(name + "@after")) throw new Crash("in " + name + " after its effect");
            Object value = context.parameters().optionalText("value").orElse(null);
            return StepResult.succeeded("did " + name, "output of " + name, value);
        }

        @Override
        public String describe(Parameters parameters) {
            return "effect " + parameters.text("name");
        }
    }

    /** An effect whose type declares itself idempotent (safe to run again after a crash in the middle). */
    private final class Resumable extends Base {
        private final Effect effect = new Effect();
        @Override public String name() { return "effect.resumable"; }
        @Override public Set<Use> uses() { return EnumSet.of(Use.STEP); }
        @Override public boolean idempotent() { return true; }
        @Override public List<KeySpec> parameters() { return effect.parameters(); }
        @Override public StepResult run(StepContext context) { return effect.run(context); }
    }

    private final class Done extends Base {
        @Override public String name() { return "effect.done"; }
        @Override public Set<Use> uses() { return EnumSet.of(Use.CHECK); }
        @Override public List<KeySpec> parameters() { return List.of(KeySpec.required("name", Type.template(), "the effect")); }

        @Override
        public CheckResult check(StepContext context) {
            String name = context.parameters().text("name");
            return count(name) > 0 ? CheckResult.pass(name + " is done") : CheckResult.fail(name + " is not done");
        }
    }

    private final class Count extends Base {
        @Override public String name() { return "effect.count"; }
        @Override public Set<Use> uses() { return EnumSet.of(Use.CHECK); }

        @Override
        public List<KeySpec> parameters() {
            return List.of(KeySpec.required("name", Type.template(), "the effect"), KeySpec.required("times", Type.nonNegative(), "n"));
        }

        @Override
        public CheckResult check(StepContext context) {
            String name = context.parameters().text("name");
            long times = context.parameters().integer("times", 1);
            int n = count(name);
            return n >= times ? CheckResult.pass(n + " of " + times) : CheckResult.fail(n + " of " + times);
        }
    }

    static Map<String, Object> none() {
        return Map.of();
    }
}
