package dev.upbook.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.StepState;
import dev.upbook.journal.Journals;
import dev.upbook.journal.LockedException;
import dev.upbook.plan.StepInstance;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Crash and resume on random playbooks whose steps record their effects: crashes are injected at
 * random points (before a step is journaled running, after, inside the step before or after its
 * effect, after it ran, after it was journaled finished); the run is resumed until it ends, with
 * an operator who knows the truth answering every decision. Every non-idempotent effect then
 * happened exactly once, in the uninterrupted run's order, and the journal ends as that run's did.
 */
class CrashResumeProperties {
    private static final String INSTALLATION = "test";
    private static final int MAX_INVOCATIONS = 20;

    /** How a step survives a crash: asked to the operator, told by its guard, or simply run again. */
    enum Kind {
        PLAIN, GUARDED, IDEMPOTENT, SKIPPED;

        String word() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One step of a phase: its effect is named after its id (and the hop's target in hops).
     * Idempotent steps register {@code <id>_out}; {@code reads} is a registering step whose value
     * is part of this step's value (read back from the journal after a resume).
     */
    record StepSpec(String id, Kind kind, List<String> after, Optional<String> reads) {
        boolean registers() {
            return kind == Kind.IDEMPOTENT;
        }

        String yaml(boolean inHop) {
            String effect = id + (inHop ? "-{{ edge.to }}" : "");
            StringBuilder y = new StringBuilder("  - id: " + id + "\n    type: effect\n    with:\n      name: \"" + effect + "\"\n");
            if (registers()) {
                y.append("      value: \"").append(effect).append(reads.map(r -> " + {{ vars." + r + "_out }}").orElse("")).append("\"\n");
                y.append("    register: ").append(id).append("_out\n    idempotent: true\n");
            }
            if (kind == Kind.GUARDED) y.append("    guard: { type: effect.done, with: { name: \"").append(effect).append("\" } }\n");
            if (kind == Kind.SKIPPED) y.append("    when: \"false\"\n");
            if (!after.isEmpty()) y.append("    after: [").append(String.join(", ", after)).append("]\n");
            return y.toString();
        }

        @Override
        public String toString() {
            return id + " " + kind.word() + (after.isEmpty() ? "" : " after " + after) + reads.map(r -> " reads " + r).orElse("");
        }
    }

    /** A generated step before it is tied to its phase: picks are taken modulo the choices there are. */
    record Gene(Kind kind, List<Integer> afterPicks, Optional<Integer> readPick) {}

    /** A playbook: releases 1.0.0 … 1.{hops}.0, a minor-sequence rule with the hop steps, pre and post steps. */
    record Book(int hops, List<StepSpec> pre, List<StepSpec> hop, List<StepSpec> post) {
        static Book of(int hops, List<Gene> pre, List<Gene> hop, List<Gene> post) {
            List<String> readable = new ArrayList<>();
            List<StepSpec> preSteps = phase("a", pre, readable);
            List<StepSpec> hopSteps = phase("h", hop, readable);
            List<StepSpec> postSteps = phase("z", post, readable); // reads pre's values and the last hop's
            return new Book(hops, preSteps, hopSteps, postSteps);
        }

        /** Builds a phase's steps; {@code readable} holds the registering steps of earlier phases and grows with this one's. */
        private static List<StepSpec> phase(String prefix, List<Gene> genes, List<String> readable) {
            List<StepSpec> steps = new ArrayList<>();
            for (int j = 0; j < genes.size(); j++) {
                Gene g = genes.get(j);
                Set<String> after = new LinkedHashSet<>();
                for (int pick : j == 0 ? List.<Integer>of() : g.afterPicks()) after.add(prefix + (pick % j + 1));
                Optional<String> reads = Optional.empty();
                if (g.kind() == Kind.IDEMPOTENT && g.readPick().isPresent() && !readable.isEmpty()) {
                    String r = readable.get(g.readPick().get() % readable.size());
                    reads = Optional.of(r);
                    if (r.startsWith(prefix)) after.add(r);
                }
                String id = prefix + (j + 1);
                List<String> sortedAfter = after.stream().sorted(Comparator.comparingInt(a -> Integer.parseInt(a.substring(1)))).toList();
                StepSpec s = new StepSpec(id, g.kind(), sortedAfter, reads);
                steps.add(s);
                if (s.registers()) readable.add(id);
            }
            return steps;
        }

        String to() {
            return "1." + hops + ".0";
        }

        String yaml() {
            StringBuilder y = new StringBuilder("upbook: 1\nproduct: { name: demo, title: Demo }\nversions:\n  scheme: semver\n  releases: [");
            y.append(IntStream.rangeClosed(0, hops).mapToObj(i -> "1." + i + ".0").collect(Collectors.joining(", "))).append("]\n");
            if (!pre.isEmpty()) y.append("pre:\n").append(pre.stream().map(s -> s.yaml(false)).collect(Collectors.joining()));
            y.append("rules:\n  - id: minors\n    sequence: minor\n    within: \">=1.0.0 <2.0.0\"\n");
            if (!hop.isEmpty()) {
                y.append("    steps:\n").append(hop.stream().map(s -> s.yaml(true).indent(4)).collect(Collectors.joining()));
            }
            if (!post.isEmpty()) y.append("post:\n").append(post.stream().map(s -> s.yaml(false)).collect(Collectors.joining()));
            return y.toString();
        }

        /** The step instances in plan order (declaration order, as every 'after' names an earlier step). */
        List<Instance> instances() {
            List<Instance> out = new ArrayList<>();
            pre.forEach(s -> out.add(new Instance("pre/" + s.id(), s.id(), s)));
            for (int i = 1; i <= hops; i++) {
                String from = "1." + (i - 1) + ".0";
                String to = "1." + i + ".0";
                hop.forEach(s -> out.add(new Instance(from + ".." + to + "/" + s.id(), s.id() + "-" + to, s)));
            }
            post.forEach(s -> out.add(new Instance("post/" + s.id(), s.id(), s)));
            return out;
        }

        @Override
        public String toString() {
            return "1.0.0 → " + to() + " (" + hops + " hop" + (hops == 1 ? "" : "s") + "), pre " + pre + ", hop " + hop + ", post " + post;
        }
    }

    /** A step instance with the effect it records. */
    record Instance(String id, String effect, StepSpec spec) {}

    /** Where a crash hits a step: at one of the executor's points, or inside the step around its effect. */
    enum Where {
        BEFORE_START, AFTER_START, INSIDE_BEFORE_EFFECT, INSIDE_AFTER_EFFECT, AFTER_RUN, AFTER_FINISH;

        Optional<Executor.Point> point() {
            return Stream.of(Executor.Point.values()).filter(p -> p.name().equals(name())).findFirst();
        }
    }

    record CrashPoint(int instance, Where where) {}

    record Scenario(Book book, List<CrashPoint> crashes) {
        @Override
        public String toString() {
            List<Instance> instances = book.instances();
            return book + "; crashes " + crashes.stream().map(c -> instances.get(c.instance()).id() + " " + c.where()).toList();
        }
    }

    // ---- generators ------------------------------------------------------------------------

    @Provide
    Arbitrary<Book> books() {
        Arbitrary<Kind> kinds = Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.just(Kind.PLAIN)), Tuple.of(3, Arbitraries.just(Kind.GUARDED)),
                Tuple.of(3, Arbitraries.just(Kind.IDEMPOTENT)), Tuple.of(1, Arbitraries.just(Kind.SKIPPED)));
        Arbitrary<Integer> picks = Arbitraries.integers().between(0, 99);
        Arbitrary<Gene> genes = Combinators.combine(kinds, picks.list().ofMaxSize(2), picks.optional(0.5)).as(Gene::new);
        Arbitrary<List<Gene>> phase = genes.list().ofMaxSize(6);
        return Combinators.combine(Arbitraries.integers().between(1, 4), phase, phase, phase).as(Book::of)
                .filter(b -> !b.instances().isEmpty());
    }

    /**
     * Crash points are drawn apart from the book (a pick taken modulo its step instances), so that
     * shrinking the book keeps the crashes and the counterexample gets small.
     */
    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<Tuple.Tuple2<Integer, Where>>> picks = Combinators.combine(Arbitraries.integers().between(0, 999),
                Arbitraries.of(Where.class)).as(Tuple::of).list().ofMinSize(1).ofMaxSize(3);
        return Combinators.combine(books(), picks).as((book, crashes) -> new Scenario(book, crashes.stream()
                .map(c -> new CrashPoint(c.get1() % book.instances().size(), c.get2())).distinct().toList()));
    }

    // ---- properties ------------------------------------------------------------------------

    @Property(tries = 80)
    void resumingAfterCrashesDoesEveryNonIdempotentEffectOnceAndEndsAsTheUninterruptedRun(@ForAll("scenarios") Scenario scenario) {
        Book book = scenario.book();
        List<Instance> instances = book.instances();
        Reference reference = reference(book);

        try (Scratch scratch = new Scratch()) {
            Harness h = scratch.dyingHarness().playbook(book.yaml());
            arm(h, scenario.crashes(), instances);
            Map<String, Instance> byId = instances.stream().collect(Collectors.toMap(Instance::id, Function.identity()));
            int crashes = 0;
            int decisions = 0;
            Outcome outcome = null;
            for (int invocation = 0; ; invocation++) {
                if (invocation == MAX_INVOCATIONS) fail("still not done after " + MAX_INVOCATIONS + " runs and resumes: " + outcome);
                try {
                    outcome = invocation == 0 ? h.run("1.0.0", book.to()) : h.resume();
                } catch (Effects.Crash crash) {
                    crashes++;
                    assertTrue(h.journal.lock(INSTALLATION).isPresent(), "a crashed run leaves its lock behind");
                    continue;
                }
                if (outcome.kind() != Outcome.Kind.DECISION_NEEDED) break;
                decideAsAnOperatorWhoKnows(h, byId);
                decisions++;
            }
            Statistics.label("crashes").collect(crashes);
            Statistics.label("decisions").collect(decisions);

            assertEquals(Outcome.Kind.SUCCEEDED, outcome.kind(), outcome.message());
            assertEquals(Journal.RunStatus.COMPLETE, h.latest().orElseThrow().status());
            assertEffects(reference.log(), List.copyOf(h.effects.log), instances);
            assertEquals(reference.rows(), rows(h), "final journal (instance, state, registered value)");
            long runId = h.latest().orElseThrow().id();
            assertEquals(crashes, h.journal.decisions(runId).stream().filter(d -> d.kind() == DecisionKind.LOCK_TAKEN_OVER).count(),
                    "each resume after a crash took the dead run's lock over, journaled on the run");
            assertTrue(h.journal.lock(INSTALLATION).isEmpty(), "the lock is released at the end");
        }
    }

    /**
     * Found by the property (the first shrunk counterexample): while a resumed run did not name
     * itself as the lock's run, a crash in it was journaled as a takeover of run 0, not of the run.
     */
    @Example
    void aCrashInsideAResumedRunIsTakenOverOnThatRun() {
        StepSpec h1 = new StepSpec("h1", Kind.PLAIN, List.of(), Optional.empty());
        resumingAfterCrashesDoesEveryNonIdempotentEffectOnceAndEndsAsTheUninterruptedRun(new Scenario(
                new Book(1, List.of(), List.of(h1), List.of()),
                List.of(new CrashPoint(0, Where.BEFORE_START), new CrashPoint(0, Where.AFTER_START))));
    }

    @Property(tries = 20)
    void aSecondRunOfACompletedUpgradeIsANoOp(@ForAll("books") Book book) {
        try (Scratch scratch = new Scratch()) {
            Harness h = scratch.harness().playbook(book.yaml());
            Outcome first = h.run("1.0.0", book.to());
            assertEquals(Outcome.Kind.SUCCEEDED, first.kind(), first.message());
            List<String> log = List.copyOf(h.effects.log);
            List<Row> rows = rows(h);
            long runId = h.latest().orElseThrow().id();

            Outcome again = h.run("1.0.0", book.to());
            assertEquals(Outcome.Kind.SUCCEEDED, again.kind(), again.message());
            assertTrue(again.message().contains("already completed"), again.message());
            assertEquals(log, h.effects.log);
            assertEquals(runId, h.latest().orElseThrow().id(), "no new run journaled");
            assertEquals(rows, rows(h));
        }
    }

    // ---- the uninterrupted run and the comparison ------------------------------------------

    /** What an uninterrupted run did: its effects in order and its final journal rows. */
    record Reference(List<String> log, List<Row> rows) {}

    /** The part of a journal row that a crash must not change (attempts and timings may differ). */
    record Row(String instanceId, StepState state, String registered) {}

    private static Reference reference(Book book) {
        try (Scratch scratch = new Scratch()) {
            Harness h = scratch.harness().playbook(book.yaml());
            List<String> planned = h.plan("1.0.0", book.to()).steps().stream().filter(s -> !s.isReview()).map(StepInstance::id).toList();
            assertEquals(book.instances().stream().map(Instance::id).toList(), planned, "plan order is declaration order");
            Outcome o = h.run("1.0.0", book.to());
            assertEquals(Outcome.Kind.SUCCEEDED, o.kind(), o.message());
            List<String> expected = book.instances().stream().filter(i -> i.spec().kind() != Kind.SKIPPED).map(Instance::effect).toList();
            assertEquals(expected, h.effects.log, "the uninterrupted run does every effect that is not skipped, in plan order");
            return new Reference(List.copyOf(h.effects.log), rows(h));
        }
    }

    private static List<Row> rows(Harness h) {
        return h.steps().stream().map(s -> new Row(s.instanceId(), s.state(), s.registeredJson())).toList();
    }

    private static void assertEffects(List<String> reference, List<String> log, List<Instance> instances) {
        Set<String> idempotent = instances.stream().filter(i -> i.spec().kind() == Kind.IDEMPOTENT).map(Instance::effect)
                .collect(Collectors.toSet());
        for (String effect : reference) {
            long n = log.stream().filter(effect::equals).count();
            if (idempotent.contains(effect)) {
                assertTrue(n >= 1, () -> effect + " never happened: " + log);
            } else {
                assertEquals(1, n, () -> effect + " happened " + n + " times: " + log);
            }
        }
        Set<String> seen = new HashSet<>();
        List<String> withoutRepeats = log.stream().filter(e -> !idempotent.contains(e) || seen.add(e)).toList();
        assertEquals(reference, withoutRepeats, "effects in order, repeats of idempotent ones removed");
    }

    // ---- crashing and deciding -------------------------------------------------------------

    /** Arms each crash once: executor points through the hooks, the rest inside the effect step. */
    private static void arm(Harness h, List<CrashPoint> crashes, List<Instance> instances) {
        Set<String> atPoints = new HashSet<>();
        for (CrashPoint c : crashes) {
            Instance instance = instances.get(c.instance());
            Optional<Executor.Point> point = c.where().point();
            if (point.isPresent()) {
                atPoints.add(point.get() + " " + instance.id());
            } else {
                h.effects.crashes.add(instance.effect() + (c.where() == Where.INSIDE_BEFORE_EFFECT ? "@before" : "@after"));
            }
        }
        h.hooks = (point, id) -> {
            if (atPoints.remove(point + " " + id)) throw new Effects.Crash(point + " of " + id);
        };
    }

    /** Looks at the installation (the effect log) and marks the one interrupted step done or to retry. */
    private static void decideAsAnOperatorWhoKnows(Harness h, Map<String, Instance> byId) {
        List<Journal.StepRecord> running = h.steps().stream().filter(s -> s.state() == StepState.RUNNING).toList();
        assertEquals(1, running.size(), () -> "one step in doubt: " + running);
        Instance instance = byId.get(running.get(0).instanceId());
        assertEquals(Kind.PLAIN, instance.spec().kind(), () -> instance.id() + " should not need a decision");
        boolean done = h.effects.count(instance.effect()) > 0;
        long runId = h.latest().orElseThrow().id();
        try {
            h.journal.decide(new Journal.Decision(runId, INSTALLATION, Optional.of(instance.id()),
                    done ? DecisionKind.MARK_DONE : DecisionKind.MARK_RETRY, "the operator checked the installation",
                    Harness.deadOwner(), Instant.now()));
        } catch (LockedException e) {
            fail("the installation is still locked after resume stopped for a decision: " + e.getMessage());
        }
    }

    /**
     * The executor releases its lease in a {@code finally}, which runs while a simulated crash (an
     * Error) unwinds; a dead process releases nothing. So a release is dropped while the run is
     * still journaled RUNNING (every clean ending sets another status first), and the next resume
     * must take the lock over from the dead owner.
     */
    static Journal keepingTheLockOfACrashedRun(Journal journal) {
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getName().equals("release") && crashed(journal, (Journal.Lease) args[0])) return null;
            try {
                return method.invoke(journal, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return (Journal) Proxy.newProxyInstance(Journal.class.getClassLoader(), new Class<?>[] {Journal.class}, handler);
    }

    private static boolean crashed(Journal journal, Journal.Lease lease) {
        return journal.latestRun(lease.installation()).map(r -> r.status() == Journal.RunStatus.RUNNING).orElse(false);
    }

    /** A directory under target/ with its own journal, deleted afterwards. */
    private static final class Scratch implements AutoCloseable {
        private final Path dir;
        private Harness harness;

        Scratch() {
            try {
                Path target = Files.createDirectories(Path.of("target"));
                dir = Files.createTempDirectory(target, "crash-resume-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Harness harness() {
            harness = new Harness(dir);
            return harness;
        }

        /** A harness whose journal keeps the lock of a run that crashed, as a dead process would. */
        Harness dyingHarness() {
            harness = new Harness(dir, keepingTheLockOfACrashedRun(Journals.open(dir.resolve("journal.db").toString())));
            return harness;
        }

        @Override
        public void close() {
            if (harness != null) harness.close();
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
