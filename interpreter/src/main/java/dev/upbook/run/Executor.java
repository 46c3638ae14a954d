package dev.upbook.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.Decision;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.Lease;
import dev.upbook.journal.Journal.NewRun;
import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.Owner;
import dev.upbook.journal.Journal.RunRecord;
import dev.upbook.journal.Journal.RunStatus;
import dev.upbook.journal.Journal.StepRecord;
import dev.upbook.journal.Journal.StepState;
import dev.upbook.journal.LockedException;
import dev.upbook.journal.LostLockException;
import dev.upbook.plan.Phase;
import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanCanonical;
import dev.upbook.plan.PlanHop;
import dev.upbook.plan.PlanPrecondition;
import dev.upbook.plan.StepInstance;
import dev.upbook.spec.ast.Action;
import dev.upbook.spec.ast.Playbook;
import dev.upbook.spec.ast.Recovery;
import dev.upbook.spec.ast.Step;
import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType;
import dev.upbook.spec.spi.StepTypes;
import dev.upbook.template.TemplateRenderer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Executes a plan against the journal: the only stage of upbook with side effects.
 *
 * <p>Write-ahead: a step is journaled {@code RUNNING} (durably) before it runs and its end is
 * journaled before the next one starts, so after a crash at any point the journal tells which
 * steps finished and which one may have been interrupted. See {@code dsl-spec/reference.md},
 * "Execution semantics", for what operators rely on.
 *
 * <p>Not thread-safe: one executor runs one run at a time.
 */
public final class Executor {
    static final ObjectMapper JSON = new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    /**
     * How a run is executed.
     *
     * @param maxSteps end cleanly after this many step executions (passes count one each); 0 = no limit
     * @param acceptDrift the operator's reason for accepting a changed playbook on resume, or empty
     */
    public record Settings(String installation, Path workingDirectory, boolean assumeYes, int maxSteps,
            Optional<String> acceptDrift, Duration lease, String upbookVersion) {
        public Settings {
            if (maxSteps < 0) throw new IllegalArgumentException("maxSteps must be >= 0");
        }

        public static Settings of(String installation, Path workingDirectory) {
            return new Settings(installation, workingDirectory, false, 0, Optional.empty(), Duration.ofSeconds(30), "dev");
        }

        public Settings assumeYes(boolean yes) {
            return new Settings(installation, workingDirectory, yes, maxSteps, acceptDrift, lease, upbookVersion);
        }

        public Settings maxSteps(int n) {
            return new Settings(installation, workingDirectory, assumeYes, n, acceptDrift, lease, upbookVersion);
        }

        public Settings acceptDrift(Optional<String> reason) {
            return new Settings(installation, workingDirectory, assumeYes, maxSteps, reason, lease, upbookVersion);
        }

        public Settings version(String v) {
            return new Settings(installation, workingDirectory, assumeYes, maxSteps, acceptDrift, lease, v);
        }
    }

    /** Points where tests inject a crash (an {@link Error} the executor does not catch). */
    public enum Point { BEFORE_START, AFTER_START, AFTER_RUN, AFTER_FINISH }

    /** Called at each {@link Point} of each step; the default does nothing. */
    @FunctionalInterface
    public interface Hooks {
        void at(Point point, String instanceId);

        Hooks NONE = (point, id) -> {};
    }

    private final Journal journal;
    private final StepTypes types;
    private final Progress progress;
    private final Operator operator;
    private final Owner owner;
    private final RunControl control;
    private final Hooks hooks;
    private final Clock clock;

    public Executor(Journal journal, StepTypes types, Progress progress, Operator operator, Owner owner,
            RunControl control, Hooks hooks, Clock clock) {
        this.journal = journal;
        this.types = types;
        this.progress = progress;
        this.operator = operator;
        this.owner = owner;
        this.control = control;
        this.hooks = hooks;
        this.clock = clock;
    }

    // ---- entry points ----------------------------------------------------------------------

    /**
     * Starts a new run of {@code plan}. Nothing to do (already at the target, or this very upgrade
     * already completed) is a success that says so.
     */
    public Outcome start(Path playbookPath, Playbook playbook, Plan plan, InputValues inputs, Settings settings) {
        Masker masker = inputs.masker();
        if (plan.alreadyThere()) {
            return ended(Outcome.of(Outcome.Kind.SUCCEEDED, "Installation '" + settings.installation() + "' is already at "
                    + plan.to().text() + "; nothing to do."));
        }
        Optional<RunRecord> latest = journal.latestRun(settings.installation());
        if (latest.isPresent() && latest.get().status() == RunStatus.COMPLETE
                && latest.get().planHash().equals(plan.hash())) {
            RunRecord r = latest.get();
            if (plan.procedure().isPresent()) {
                return ended(Outcome.of(Outcome.Kind.SUCCEEDED, r.id(), "This procedure ('" + plan.procedure().get() + "' at "
                        + r.fromVersion() + ", plan " + shortHash(r.planHash()) + ") already completed in run #" + r.id() + " at "
                        + r.ended().orElse(r.started()) + "; nothing to do (to do it once more, run it for another --installation name)."));
            }
            return ended(Outcome.of(Outcome.Kind.SUCCEEDED, r.id(), "This upgrade (" + r.fromVersion() + " → " + r.toVersion()
                    + ", plan " + shortHash(r.planHash()) + ") already completed in run #" + r.id() + " at " + r.ended().orElse(r.started())
                    + "; nothing to do."));
        }
        return underLock(settings, (lease, heartbeat) -> {
            Optional<RunRecord> unfinished = journal.latestRun(settings.installation()).filter(r -> !r.status().isFinal());
            if (unfinished.isPresent()) {
                RunRecord r = unfinished.get();
                return Outcome.of(Outcome.Kind.DECISION_NEEDED, r.id(), "Run #" + r.id() + " (" + r.fromVersion() + " → "
                        + r.toVersion() + ") on installation '" + settings.installation() + "' is unfinished ("
                        + r.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + "); continue it with 'upbook resume', or give it up with 'upbook abandon --reason TEXT'.");
            }
            List<String> cannot = unrunnable(playbook, plan);
            if (!cannot.isEmpty()) {
                return Outcome.of(Outcome.Kind.USAGE, "This upbook cannot execute the plan; nothing was executed:\n  "
                        + String.join("\n  ", cannot));
            }
            Session session = new Session(playbook, plan, inputs, settings, lease, heartbeat, Map.of());
            List<String> failed = session.preconditions();
            if (!failed.isEmpty()) {
                return Outcome.of(Outcome.Kind.PRECONDITION_FAILED, masker.mask(failed.size() + " precondition"
                        + (failed.size() == 1 ? "" : "s") + " failed; nothing was executed:\n  " + String.join("\n  ", failed)));
            }
            List<Journal.CaptureRecord> captures = new ArrayList<>();
            List<String> notCaptured = session.capture(captures);
            if (!notCaptured.isEmpty()) {
                return Outcome.of(Outcome.Kind.PRECONDITION_FAILED, masker.mask(notCaptured.size() + " capture"
                        + (notCaptured.size() == 1 ? "" : "s") + " failed (the review could not tell what changed); nothing was executed:\n  "
                        + String.join("\n  ", notCaptured)));
            }
            List<NewStep> steps = newSteps(plan);
            RunRecord run = journal.createRun(lease, new NewRun(settings.installation(), playbookPath.toAbsolutePath().toString(),
                    plan.product(), plan.from().text(), plan.to().text(), plan.hash(), masker.mask(planJson(plan)),
                    json(masker.maskValue(inputs.nonSecret())), owner, clock.instant(), settings.upbookVersion()), steps);
            session.runId = run.id();
            session.started = run.started();
            for (Journal.CaptureRecord c : captures) journal.captured(lease, run.id(), c);
            progress.runStarted(run.id(), settings.installation(), plan.from().text(), plan.to().text(), plan.hash(), steps.size(), false);
            return session.execute(journal.steps(run.id()), steps.size());
        });
    }

    /**
     * Continues {@code run} from its first step that is not settled, after checking that the
     * playbook did not drift under it.
     */
    public Outcome resume(RunRecord run, Playbook playbook, Plan plan, InputValues inputs, Settings settings) {
        if (run.status().isFinal()) {
            String what = run.status() == RunStatus.COMPLETE ? "completed" : run.status().name().toLowerCase(java.util.Locale.ROOT);
            return ended(Outcome.of(run.status() == RunStatus.COMPLETE ? Outcome.Kind.SUCCEEDED : Outcome.Kind.USAGE, run.id(),
                    "Run #" + run.id() + " (" + run.fromVersion() + " → " + run.toVersion() + ") is " + what + "; nothing to resume."));
        }
        return underLock(settings, (lease, heartbeat) -> {
            // Unchanged plan (same hash): only the open steps and the registered values are read, so the
            // cost of a resume does not grow with the finished part of a long run.
            boolean unchanged = plan.hash().equals(run.planHash());
            List<StepRecord> records = unchanged ? journal.openSteps(run.id()) : journal.steps(run.id());
            int total = unchanged ? journal.stepCount(run.id()) : records.size();
            if (!unchanged) {
                List<NewStep> wanted = newSteps(plan);
                Drift drift = Drift.between(records, wanted);
                if (!drift.isEmpty()) {
                    if (settings.acceptDrift().isEmpty()) {
                        journal.runStatus(lease, run.id(), RunStatus.AWAITING_DECISION, clock.instant(), "the playbook changed under the run");
                        return Outcome.of(Outcome.Kind.DECISION_NEEDED, run.id(), "The playbook changed under run #" + run.id()
                                + "; resume refuses:\n" + drift.describe()
                                + "\nRevert the playbook, or accept the change with 'upbook resume --accept-drift REASON'.");
                    }
                    journal.acceptDrift(lease, run.id(), wanted, new Decision(run.id(), settings.installation(), Optional.empty(),
                            DecisionKind.ACCEPT_DRIFT, settings.acceptDrift().get() + "\n" + drift.describe(), owner, clock.instant()));
                    progress.warn("accepted the changed playbook (journaled): " + drift.summary());
                    records = journal.steps(run.id());
                }
                total = wanted.size();
            }
            Map<String, Object> vars = registeredVars(records);
            Session session = new Session(playbook, plan, inputs, settings, lease, heartbeat, vars);
            session.runId = run.id();
            session.started = run.started();
            session.loadCaptures();
            journal.runStatus(lease, run.id(), RunStatus.RUNNING, clock.instant(), "resumed by " + owner.describe());
            progress.runStarted(run.id(), settings.installation(), run.fromVersion(), run.toVersion(), run.planHash(), total, true);
            return session.execute(records, total);
        });
    }

    /**
     * Evaluates the review of {@code run} again (its steps must all be done): whole-run items, and
     * hop items that did not pass; signed-off or rejected items are kept. The run becomes complete
     * or stays in need of review.
     */
    public Outcome review(RunRecord run, Playbook playbook, Plan plan, InputValues inputs, Settings settings) {
        if (!run.status().stepsDone()) {
            return ended(Outcome.of(Outcome.Kind.USAGE, run.id(), "Run #" + run.id() + " is " + run.status().label()
                    + ": its steps are not all done; continue it with 'upbook resume' (which reviews at the end)."));
        }
        if (!plan.hash().equals(run.planHash())) {
            return ended(Outcome.of(Outcome.Kind.USAGE, run.id(), "The playbook changed since run #" + run.id() + " (plan "
                    + shortHash(run.planHash()) + ", now " + shortHash(plan.hash()) + "); review with the playbook the run used"
                    + " (--playbook), or start a new run."));
        }
        return underLock(settings, (lease, heartbeat) -> {
            List<StepRecord> records = journal.steps(run.id());
            Session session = new Session(playbook, plan, inputs, settings, lease, heartbeat, registeredVars(records));
            session.runId = run.id();
            session.started = run.started();
            session.loadCaptures();
            return session.review("");
        });
    }

    /**
     * Signs off (or rejects) review items {@code itemIds} of {@code run} for {@code signer}, each
     * journaled with the note; when the run's steps are done, its status follows (complete once
     * every blocking item passed or was signed off).
     */
    public Outcome sign(RunRecord run, String itemId, boolean accepted, String signer, String note, Settings settings)
            throws dev.upbook.journal.LockedException {
        return sign(run, List.of(itemId), accepted, signer, note, settings);
    }

    /** The same for several items at once, the run's status settled once after all of them. */
    public Outcome sign(RunRecord run, List<String> itemIds, boolean accepted, String signer, String note, Settings settings)
            throws dev.upbook.journal.LockedException {
        String reason = (accepted ? "signed off by " : "rejected by ") + signer + (note.isBlank() ? "" : ": " + note.strip());
        List<String> signed = new ArrayList<>();
        for (String itemId : itemIds) {
            Journal.ReviewRecord item = journal.signReview(run.id(), itemId, accepted, signer, note.strip(), new Journal.Decision(run.id(),
                    run.installation(), Optional.of(itemId), accepted ? Journal.DecisionKind.SIGN_OFF : Journal.DecisionKind.REJECT,
                    reason, owner, clock.instant()));
            signed.add(item.itemId());
        }
        String did = String.join(", ", signed) + " " + (accepted ? "signed-off" : "rejected") + " by " + signer + " (journaled)";
        if (!run.status().stepsDone()) {
            return ended(Outcome.of(Outcome.Kind.SUCCEEDED, run.id(), did + "; run #" + run.id() + " is " + run.status().label()
                    + ", so its review ends with 'upbook resume'."));
        }
        return underLock(settings, (lease, heartbeat) -> {
            List<Journal.ReviewRecord> items = journal.review(run.id());
            progress.info(ReviewTable.render(items));
            Optional<String> open = settleReview(lease, run.id(), items);
            if (open.isEmpty()) return Outcome.of(Outcome.Kind.SUCCEEDED, run.id(), did + "; run #" + run.id() + " is complete.");
            return Outcome.of(Outcome.Kind.NEEDS_REVIEW, run.id(), did + "; run #" + run.id() + " still needs review: " + open.get() + ".");
        });
    }

    /**
     * Sets a run whose steps are done to complete (every blocking item passed, was signed off or
     * skipped) or needs-review; returns what is still open, in words, for the latter.
     */
    private Optional<String> settleReview(Lease lease, long runId, List<Journal.ReviewRecord> items) throws LostLockException {
        List<Journal.ReviewRecord> open = items.stream().filter(r -> r.blocking() && !r.state().satisfied()).toList();
        if (open.isEmpty()) {
            journal.runStatus(lease, runId, RunStatus.COMPLETE, clock.instant(), "complete");
            return Optional.empty();
        }
        String what = open.size() + " blocking review item" + (open.size() == 1 ? "" : "s") + " not passed: "
                + String.join(", ", open.stream().map(r -> r.itemId() + " (" + r.state().label() + ")").toList());
        journal.runStatus(lease, runId, RunStatus.NEEDS_REVIEW, clock.instant(), what);
        return Optional.of(what);
    }

    /**
     * Detects the installed version with the playbook's {@code detect} check (typically
     * {@code version}); empty when the playbook declares none.
     *
     * @throws RunProblem (usage) when detection runs but cannot tell the version
     */
    public Optional<String> detect(Playbook playbook, InputValues inputs, Settings settings, String target) {
        if (playbook.detect().isEmpty()) return Optional.empty();
        Action action = playbook.detect().get();
        StepType type = types.find(action.type().value()).filter(t -> t.canRun(StepType.Use.CHECK))
                .orElseThrow(() -> new RunProblem(Outcome.Kind.USAGE, "detect: type '" + action.type().value()
                        + "' cannot run as a check here; give --from"));
        String scheme = playbook.versions().scheme().value().trim();
        Rendering rendering = new Rendering(new TemplateRenderer((v, r) -> satisfies(scheme, v, r)));
        Map<String, Object> context = Rendering.context(inputs, 0, "", target, settings.installation(), clock.instant(), Map.of(),
                Optional.empty());
        try {
            Parameters parameters = rendering.parameters(action.with(), type, context);
            CheckResult r = type.check(new AttemptContext("detect", parameters, Optional.of(Duration.ofMinutes(1)), settings, operator,
                    progress, inputs.masker(), Map.of(), control, AttemptContext.Checkpoints.NONE, Map.of()));
            if (r.value() == null || !r.passed()) {
                throw new RunProblem(Outcome.Kind.USAGE, "cannot detect the installed version: "
                        + inputs.masker().mask(r.detail()) + "; give --from");
            }
            return Optional.of(String.valueOf(r.value()).trim());
        } catch (RunProblem e) {
            throw e;
        } catch (Exception e) {
            throw new RunProblem(Outcome.Kind.USAGE, "cannot detect the installed version: " + inputs.masker().mask(message(e))
                    + "; give --from");
        }
    }

    /** What runs while the installation's lock is held; a lost lock ends it as {@link Outcome.Kind#LOCKED}. */
    @FunctionalInterface
    private interface Locked {
        Outcome run(Lease lease, Heartbeat heartbeat) throws LostLockException;
    }

    /**
     * Takes the installation's lock (saying so when it took over a dead holder's), keeps it alive
     * with a heartbeat while {@code body} runs, and releases it afterwards.
     */
    private Outcome underLock(Settings settings, Locked body) {
        Lease lease;
        try {
            lease = journal.acquire(settings.installation(), owner, settings.lease());
        } catch (LockedException e) {
            return ended(Outcome.of(Outcome.Kind.LOCKED, e.getMessage()));
        }
        Heartbeat heartbeat = new Heartbeat(lease, settings.lease());
        try {
            lease.tookOver().ifPresent(l -> progress.warn("took over the lock of " + l.owner().describe()
                    + ", whose process is gone (recorded in the journal)"));
            return ended(body.run(lease, heartbeat));
        } catch (LostLockException e) {
            return ended(Outcome.of(Outcome.Kind.LOCKED, e.getMessage()));
        } finally {
            heartbeat.stop();
            journal.release(lease);
        }
    }

    /** Step and check types the plan uses that cannot execute here (declaration-only types). */
    private List<String> unrunnable(Playbook playbook, Plan plan) {
        Set<String> problems = new LinkedHashSet<>();
        java.util.function.BiConsumer<String, StepType.Use> need = (name, use) -> {
            Optional<StepType> t = types.find(name);
            if (t.isEmpty() || !t.get().canRun(use)) {
                problems.add("type '" + name + "' cannot run as a " + use.name().toLowerCase(java.util.Locale.ROOT)
                        + " in this upbook (" + (t.isEmpty() ? "unknown" : "declared, not executable yet") + ")");
            }
        };
        for (PlanPrecondition p : plan.preconditions()) need.accept(p.precondition().check().type().value(), StepType.Use.CHECK);
        List<Step> steps = new ArrayList<>();
        for (StepInstance s : plan.steps()) s.step().ifPresent(steps::add);
        for (Recovery r : playbook.recoveries().values()) steps.addAll(r.steps());
        for (Step s : steps) {
            need.accept(s.type().value(), StepType.Use.STEP);
            for (Optional<Action> a : List.of(s.guard(), s.verify(), s.until())) {
                a.ifPresent(action -> need.accept(action.type().value(), StepType.Use.CHECK));
            }
        }
        return new ArrayList<>(problems);
    }

    private Outcome ended(Outcome outcome) {
        progress.runEnded(outcome);
        return outcome;
    }

    /** The journal rows of a plan: every instance except review items (the review runs on its own). */
    static List<NewStep> newSteps(Plan plan) {
        List<NewStep> out = new ArrayList<>();
        List<String> hashes = plan.instanceHashes();
        for (int i = 0; i < plan.steps().size(); i++) {
            StepInstance s = plan.steps().get(i);
            if (s.isReview()) continue;
            out.add(new NewStep(out.size(), s.id(), s.phase().keyword(), s.type(), hashes.get(i),
                    s.step().orElseThrow().onFailure().value().equals("continue")));
        }
        return out;
    }

    private static Map<String, Object> registeredVars(List<StepRecord> records) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (StepRecord r : records) {
            if (r.registeredJson() == null || r.registeredJson().isEmpty()) continue;
            try {
                Map<?, ?> m = JSON.readValue(r.registeredJson(), Map.class);
                m.forEach((k, v) -> vars.put(String.valueOf(k), v));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("journal row of " + r.instanceId() + " has unreadable registered values", e);
            }
        }
        return vars;
    }

    static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static String planJson(Plan plan) {
        return dev.upbook.plan.PlanPrinter.json(plan, false, null);
    }

    static String shortHash(String hash) {
        return hash.substring(0, Math.min(12, hash.length()));
    }

    // ---- one run ---------------------------------------------------------------------------

    /** The state of one start or resume: the lease, the registered values, the step budget. */
    private final class Session {
        final Playbook playbook;
        final Plan plan;
        final InputValues inputs;
        final Masker masker;
        final Settings settings;
        final Lease lease;
        final Heartbeat heartbeat;
        final Map<String, Object> vars;
        final Map<String, StepInstance> instances = new HashMap<>();
        final Rendering rendering;
        final Set<String> confirmedHops = new LinkedHashSet<>();
        /** Values captured before the first step, by capture id. */
        final Map<String, Object> captured = new LinkedHashMap<>();
        /** The last step of each hop that has review items: instance id → hop id. */
        final Map<String, String> hopEnds = new HashMap<>();
        long runId;
        Instant started;
        int executed;
        /** Steps of this invocation that failed with on-failure: continue. */
        int continuedFailures;

        Session(Playbook playbook, Plan plan, InputValues inputs, Settings settings, Lease lease, Heartbeat heartbeat,
                Map<String, Object> vars) {
            this.playbook = playbook;
            this.plan = plan;
            this.inputs = inputs;
            this.masker = inputs.masker();
            this.settings = settings;
            this.lease = lease;
            this.heartbeat = heartbeat;
            this.vars = new LinkedHashMap<>(vars);
            for (StepInstance s : plan.steps()) instances.put(s.id(), s);
            Map<String, String> lastOfHop = new HashMap<>();
            Set<String> hopsWithReview = new java.util.HashSet<>();
            for (StepInstance s : plan.steps()) {
                if (s.hop().isEmpty()) continue;
                if (s.isReview()) hopsWithReview.add(s.hop().get().id());
                else lastOfHop.put(s.hop().get().id(), s.id());
            }
            lastOfHop.forEach((hop, last) -> {
                if (hopsWithReview.contains(hop)) hopEnds.put(last, hop);
            });
            this.rendering = new Rendering(new TemplateRenderer((v, r) -> satisfies(plan.scheme(), v, r)));
        }

        // preconditions ----------------------------------------------------------------------

        List<String> preconditions() {
            List<String> failed = new ArrayList<>();
            for (PlanPrecondition p : plan.preconditions()) {
                Map<String, Object> context = context(p.hop());
                String label = p.id();
                try {
                    if (p.precondition().when().isPresent() && !rendering.condition(p.precondition().when().get(), context)) continue;
                    CheckResult r = check(p.precondition().check(), label, context, Optional.empty());
                    if (r.passed()) {
                        progress.info("✔ precondition " + label + masked(r.detail().isEmpty() ? "" : ": " + r.detail()));
                    } else {
                        String message = p.precondition().message().isPresent()
                                ? rendering.text(p.precondition().messageText(), "message", context) : "";
                        failed.add(label + ": " + masked(r.detail()) + (message.isEmpty() ? "" : " — " + masked(message.strip())));
                    }
                } catch (Rendering.RenderFailure | RuntimeException e) {
                    failed.add(label + ": " + masked(message(e)));
                }
            }
            return failed;
        }

        // the step loop ----------------------------------------------------------------------

        Outcome execute(List<StepRecord> records, int total) throws LostLockException {
            for (int i = 0; i < records.size(); i++) {
                StepRecord record = records.get(i);
                if (record.settled()) continue;
                StepInstance instance = instances.get(record.instanceId());
                if (instance == null) continue; // removed by accepted drift (state REMOVED is settled anyway)
                if (control.stopRequested()) return stopped("stopped on request before " + record.instanceId());
                if (settings.maxSteps() > 0 && executed >= settings.maxSteps()) {
                    return stopped("stopped after " + executed + " step" + (executed == 1 ? "" : "s") + " (--max-steps)");
                }
                Optional<Outcome> end = step(record, instance, record.seq() + 1, total);
                if (end.isPresent()) return end.get();
                String endsHop = hopEnds.get(record.instanceId());
                if (endsHop != null) reviewHop(endsHop);
                heartbeat.check();
            }
            long failedContinued = continuedFailures + records.stream().filter(r -> r.state() == StepState.FAILED && r.continueOnFailure()).count();
            String continued = failedContinued == 0 ? "" : " (" + failedContinued + " step" + (failedContinued == 1 ? "" : "s")
                    + " failed with on-failure: continue; see 'upbook status')";
            return review(continued);
        }

        // captures and review ----------------------------------------------------------------

        /** Evaluates the playbook's captures (before the first step); returns the failures, like preconditions. */
        List<String> capture(List<Journal.CaptureRecord> into) {
            List<String> failed = new ArrayList<>();
            for (dev.upbook.spec.ast.Capture c : playbook.capture()) {
                String id = c.id().value();
                Map<String, Object> context = context(Optional.empty());
                try {
                    if (c.when().isPresent() && !rendering.condition(c.when().get(), context)) continue;
                    CheckResult r = check(c.check(), "capture/" + id, context, Optional.empty());
                    if (!r.passed() || r.value() == null) {
                        failed.add("capture " + id + ": " + (r.passed() ? "its check gave no value" : masked(r.detail())));
                        continue;
                    }
                    captured.put(id, r.value());
                    into.add(new Journal.CaptureRecord(id, c.title(), json(masker.maskValue(r.value())), masked(r.detail()), clock.instant()));
                    progress.info("✔ captured " + id + ": " + masked(Comparison.text(r.value())));
                } catch (Rendering.RenderFailure | RuntimeException e) {
                    failed.add("capture " + id + ": " + masked(message(e)));
                }
            }
            return failed;
        }

        /** Reads the values captured at the start of the run back from the journal (a resume). */
        void loadCaptures() {
            for (Journal.CaptureRecord c : journal.captures(runId)) {
                try {
                    captured.put(c.captureId(), c.valueJson() == null ? null : JSON.readValue(c.valueJson(), Object.class));
                } catch (JsonProcessingException e) {
                    throw new IllegalStateException("journal row of capture " + c.captureId() + " is unreadable", e);
                }
            }
        }

        /**
         * Evaluates the review items of hop {@code hopId} right after its last step, unless a
         * previous session already did (a decided or passed item is kept).
         */
        void reviewHop(String hopId) throws LostLockException {
            Map<String, Journal.ReviewRecord> known = reviewedById();
            int seq = 0;
            for (StepInstance s : plan.steps()) {
                if (!s.isReview()) continue;
                if (s.hop().map(PlanHop::id).filter(hopId::equals).isPresent() && !known.containsKey(s.id())) {
                    journal.reviewed(lease, runId, evaluate(s, seq));
                }
                seq++;
            }
        }

        /**
         * The review after the last step: whole-run items are evaluated (again), hop items that did
         * not pass are evaluated again with their hop bound, decided items are kept. The run is
         * complete when every blocking item passed, was signed off or was skipped.
         */
        Outcome review(String continued) throws LostLockException {
            Map<String, Journal.ReviewRecord> known = reviewedById();
            int seq = 0;
            for (StepInstance s : plan.steps()) {
                if (!s.isReview()) continue;
                Journal.ReviewRecord prior = known.get(s.id());
                boolean keep = prior != null && (prior.decidedBy().isPresent()
                        || (s.hop().isPresent() && prior.state() == Journal.ReviewState.PASSED));
                if (!keep) journal.reviewed(lease, runId, evaluate(s, seq));
                seq++;
            }
            List<Journal.ReviewRecord> items = journal.review(runId);
            if (!items.isEmpty()) progress.info(ReviewTable.render(items));
            Optional<String> open = settleReview(lease, runId, items);
            if (open.isEmpty()) {
                return Outcome.of(Outcome.Kind.SUCCEEDED, runId, "Run #" + runId + " complete: installation '" + settings.installation()
                        + "' is at " + plan.to().text() + continued + (items.isEmpty() ? "." : "; the review passed."));
            }
            return Outcome.of(Outcome.Kind.NEEDS_REVIEW, runId, "Run #" + runId + ": every step is done (installation '"
                    + settings.installation() + "' is at " + plan.to().text() + ")" + continued + ", but it needs review: " + open.get()
                    + ". Sign off with 'upbook review sign ITEM --by NAME [--note TEXT]' (or reject), or fix and run 'upbook review'.");
        }

        private Map<String, Journal.ReviewRecord> reviewedById() {
            Map<String, Journal.ReviewRecord> known = new HashMap<>();
            for (Journal.ReviewRecord r : journal.review(runId)) known.put(r.itemId(), r);
            return known;
        }

        /** One review item, evaluated now: its state, detail and evidence (masked). */
        Journal.ReviewRecord evaluate(StepInstance instance, int seq) {
            dev.upbook.spec.ast.ReviewItem item = instance.reviewItem().orElseThrow();
            Map<String, Object> context = context(instance.hop());
            Optional<String> hop = instance.hop().map(PlanHop::id);
            String severity = item.severity().keyword();
            String kind = item.automated() ? "automated" : "manual";
            Map<String, Object> evidence = new LinkedHashMap<>();
            Journal.ReviewState state;
            String detail;
            try {
                if (item.when().isPresent() && !rendering.condition(item.when().get(), context)) {
                    state = Journal.ReviewState.SKIPPED;
                    detail = "when: " + item.when().get().value() + " is false";
                } else if (item.manual().isPresent()) {
                    state = Journal.ReviewState.PENDING;
                    detail = rendering.text(item.manual().get().text(), "manual", context).strip();
                } else if (item.targetVersion()) {
                    String target = instance.hop().map(h -> h.to().text()).orElse(plan.to().text());
                    CheckResult found = check(playbook.detect().orElseThrow(), instance.id() + ".detect", context, Optional.empty());
                    String seen = found.value() == null ? null : Comparison.text(found.value());
                    evidence.put("detected", seen);
                    evidence.put("expected", target);
                    boolean equal = found.passed() && seen != null && sameVersion(seen, target);
                    state = equal ? Journal.ReviewState.PASSED : Journal.ReviewState.FAILED;
                    detail = seen == null ? "no version detected: " + found.detail()
                            : "detected " + seen + (equal ? ", the target" : ", expected " + target);
                } else {
                    CheckResult r = check(item.check().orElseThrow(), instance.id(), context, Optional.empty());
                    evidence.put("check", r.detail());
                    if (r.value() != null) evidence.put("value", r.value());
                    if (!r.passed()) {
                        state = Journal.ReviewState.FAILED;
                        detail = r.detail();
                    } else if (item.expect().isPresent()) {
                        dev.upbook.spec.ast.Expectation e = item.expect().get();
                        Object expected;
                        if (e.captured().isPresent()) {
                            String id = e.captured().get().value();
                            if (!captured.containsKey(id)) throw new IllegalStateException("capture '" + id + "' has no value in this run");
                            // the journal holds captures masked, so a resumed run reads them masked: compare both sides
                            // masked, the same way in the first process and after a resume
                            expected = masker.maskValue(captured.get(id));
                            evidence.put("captured", id);
                        } else {
                            expected = rendering.text(e.value().orElseThrow().text(), "expect.value", context);
                        }
                        evidence.put("expected", expected);
                        evidence.put("compare", e.compare().keyword());
                        e.tolerance().ifPresent(t -> evidence.put("tolerance", t));
                        Object actual = e.captured().isPresent() ? masker.maskValue(r.value()) : r.value();
                        Comparison.Result c = Comparison.compare(actual, expected, e.compare(), e.tolerance());
                        state = c.holds() ? Journal.ReviewState.PASSED : Journal.ReviewState.FAILED;
                        detail = c.description() + e.captured().map(id -> " (captured " + id + ")").orElse("");
                    } else {
                        state = Journal.ReviewState.PASSED;
                        detail = r.detail();
                    }
                }
            } catch (Rendering.RenderFailure | RuntimeException ex) {
                state = Journal.ReviewState.FAILED;
                detail = "cannot evaluate: " + message(ex);
            }
            return new Journal.ReviewRecord(seq, instance.id(), item.title(), hop, severity, kind, state, masked(detail),
                    json(masker.maskValue(evidence)), Optional.of(clock.instant()), Optional.empty(), Optional.empty(), "");
        }

        private boolean sameVersion(String seen, String target) {
            try {
                return satisfies(plan.scheme(), seen, target);
            } catch (IllegalArgumentException e) {
                return seen.equals(target);
            }
        }

        private Outcome stopped(String why) throws LostLockException {
            journal.runStatus(lease, runId, RunStatus.STOPPED, clock.instant(), why);
            return Outcome.of(Outcome.Kind.STOPPED, runId, "Run #" + runId + " " + why + "; continue with 'upbook resume'.");
        }

        private Outcome needsDecision(String message) throws LostLockException {
            journal.runStatus(lease, runId, RunStatus.AWAITING_DECISION, clock.instant(), message);
            return Outcome.of(Outcome.Kind.DECISION_NEEDED, runId, message);
        }

        /** Runs one step instance; empty means "go on with the next". */
        private Optional<Outcome> step(StepRecord record, StepInstance instance, int index, int total) throws LostLockException {
            Step step = instance.step().orElseThrow();
            String id = instance.id();
            Map<String, Object> context = context(instance.hop());
            StepType type = types.find(step.type().value()).orElseThrow();

            // A step found RUNNING was interrupted (crash, kill, power loss): is it safe to run again?
            if (record.state() == StepState.RUNNING) {
                Optional<Outcome> doubt = inDoubt(record, instance, step, context);
                if (doubt.isPresent()) return doubt;
                if (journal.step(runId, id).map(StepRecord::settled).orElse(false)) return Optional.empty();
            }
            try {
                if (step.when().isPresent() && !rendering.condition(step.when().get(), context)) {
                    finish(record, StepState.SKIPPED, "when: " + step.when().get().value() + " is false", "", null, Duration.ZERO);
                    return Optional.empty();
                }
                if (record.passes() == 0 && step.guard().isPresent()) {
                    CheckResult g = check(step.guard().get(), id + ".guard", context, Optional.of(record));
                    if (g.passed()) {
                        finish(record, StepState.SKIPPED, "already done (guard: " + masked(g.detail()) + ")", "", null, Duration.ZERO);
                        return Optional.empty();
                    }
                }
            } catch (Rendering.RenderFailure | RuntimeException e) {
                return failed(record, instance, step, "cannot evaluate: " + masked(message(e)), "", context);
            }
            Optional<Outcome> confirmation = confirm(instance, step);
            if (confirmation.isPresent()) return confirmation;

            Parameters parameters;
            try {
                parameters = rendering.parameters(step.with(), type, context);
            } catch (Rendering.RenderFailure | RuntimeException e) {
                return failed(record, instance, step, masked(message(e)), "", context);
            }
            String inputHash = PlanCanonical.sha256(masker.maskValue(parameters.asMap()));
            int attempt = 0;
            int passes = record.passes();
            while (true) {
                attempt++;
                hooks.at(Point.BEFORE_START, id);
                journal.stepStarted(lease, runId, record.seq(), inputHash, clock.instant());
                executed++;
                hooks.at(Point.AFTER_START, id);
                progress.stepStarted(id, step.title(), index, total, record.attempts() + attempt);
                long t0 = System.nanoTime();
                StepResult result = attempt(type, parameters, instance, step, record);
                hooks.at(Point.AFTER_RUN, id);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - t0);
                if (control.killed() && !result.succeeded()) {
                    progress.stepEnded(id, "interrupted", elapsed, "killed by a second stop request");
                    journal.runStatus(lease, runId, RunStatus.STOPPED, clock.instant(), id + " was killed mid-way");
                    return Optional.of(Outcome.of(Outcome.Kind.STOPPED, runId, "Run #" + runId + " stopped: " + id
                            + " was killed mid-way; 'upbook resume' will ask what to do with it unless it is idempotent or guarded."));
                }
                if (result.status() == StepResult.Status.STOPPED) {
                    finish(record, StepState.PENDING, masked(result.message()), masked(result.output()), null, elapsed);
                    return Optional.of(stopped("stopped at a safe point inside " + id));
                }
                if (result.succeeded()) register(step, result); // verify and until may read the step's own value
                if (result.succeeded() && step.verify().isPresent()) {
                    result = verify(step.verify().get(), id, context, record, result);
                }
                if (result.succeeded() && step.until().isPresent()) {
                    CheckResult done;
                    try {
                        done = check(step.until().get(), id + ".until", context, Optional.of(record));
                    } catch (Rendering.RenderFailure | RuntimeException e) {
                        // an until that cannot be evaluated never will be: fail now instead of running every pass
                        return failed(record, instance, step, masked("cannot evaluate until: " + message(e)), masked(result.output()), context);
                    }
                    passes++;
                    if (!done.passed()) {
                        journal.passFinished(lease, runId, record.seq(), clock.instant(),
                                "pass " + passes + ": " + masked(result.message()) + "; not done yet (" + masked(done.detail()) + ")");
                        hooks.at(Point.AFTER_FINISH, id);
                        progress.stepEnded(id, "pending", elapsed, "pass " + passes + " done; " + masked(done.detail()));
                        if (passes >= step.maxPasses()) {
                            return failed(record, instance, step, "still not done after " + passes + " passes (max-passes "
                                    + step.maxPasses() + "): " + masked(done.detail()), "", context);
                        }
                        if (control.stopRequested()) return Optional.of(stopped("stopped on request between passes of " + id));
                        if (settings.maxSteps() > 0 && executed >= settings.maxSteps()) {
                            return Optional.of(stopped("stopped after pass " + passes + " of " + id + " (--max-steps)"));
                        }
                        sleep(step.passDelay());
                        attempt = 0;
                        continue;
                    }
                }
                if (result.succeeded()) {
                    Object value = register(step, result);
                    String message = masked(result.message()) + (step.until().isPresent() ? " (done after " + passes + " pass"
                            + (passes == 1 ? "" : "es") + ")" : "");
                    finish(record, StepState.SUCCEEDED, message, masked(result.output()), value, elapsed);
                    return Optional.empty();
                }
                if (attempt <= step.retries()) {
                    progress.stepEnded(id, "failed", elapsed, masked(result.message()) + "; retrying in "
                            + LineProgress.format(step.retryDelay()) + " (" + attempt + " of " + (step.retries() + 1) + " attempts)");
                    sleep(step.retryDelay());
                    continue;
                }
                return failed(record, instance, step, masked(result.message()), masked(result.output()), context, elapsed);
            }
        }

        /** The step was RUNNING when the last process ended: re-run it only when that is safe. */
        private Optional<Outcome> inDoubt(StepRecord record, StepInstance instance, Step step, Map<String, Object> context)
                throws LostLockException {
            String id = instance.id();
            List<Long> still = Orphans.running(Orphans.marker(settings.installation(), runId, id));
            if (!still.isEmpty()) {
                return Optional.of(needsDecision(id + " was interrupted, but a program it started is still running (pid "
                        + still.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", "))
                        + "). Wait for it to end, or stop it, then run 'upbook resume' again."));
            }
            if (step.idempotent()) {
                progress.info("… " + id + " was interrupted; it is idempotent, running it again");
                return Optional.empty();
            }
            if (types.find(step.type().value()).map(StepType::idempotent).orElse(false)) {
                progress.info("… " + id + " was interrupted; its type " + step.type().value() + " is idempotent, running it again");
                return Optional.empty();
            }
            if (step.guard().isPresent()) {
                try {
                    CheckResult g = check(step.guard().get(), id + ".guard", context, Optional.of(record));
                    if (g.passed()) {
                        finish(record, StepState.SUCCEEDED, "interrupted, but the guard reports it done: " + masked(g.detail()), "", null,
                                Duration.ZERO);
                        return Optional.empty();
                    }
                    progress.info("… " + id + " was interrupted; its guard reports it not done, running it again");
                    return Optional.empty();
                } catch (Rendering.RenderFailure | RuntimeException e) {
                    return Optional.of(needsDecision(id + " was interrupted and its guard cannot tell whether it is done ("
                            + masked(message(e)) + "). " + markHint(id)));
                }
            }
            return Optional.of(needsDecision(id + " was interrupted while running (attempt " + record.attempts()
                    + ", started " + record.started().map(Object::toString).orElse("?") + ") and is neither idempotent nor guarded, "
                    + "so upbook cannot tell whether it finished. " + markHint(id)));
        }

        private String markHint(String id) {
            return "Check the installation, then run 'upbook mark " + id + " --done --reason TEXT' if it finished, or '--retry' to run "
                    + "it again, and 'upbook resume'.";
        }

        /** Irreversible hops and steps stop for the operator's confirmation unless --yes. */
        private Optional<Outcome> confirm(StepInstance instance, Step step) throws LostLockException {
            List<String> why = new ArrayList<>();
            Optional<PlanHop> hop = instance.hop().filter(PlanHop::irreversible).filter(h -> !confirmedHops.contains(h.id()));
            hop.ifPresent(h -> why.add("hop " + h.label() + " is irreversible" + (h.reason().isEmpty() ? "" : ": " + h.reason())));
            if (step.irreversible()) {
                why.add("step " + instance.id() + " is irreversible" + (step.reason().isEmpty() ? "" : ": " + step.reason()));
            }
            if (why.isEmpty()) return Optional.empty();
            String what = String.join("; ", why);
            if (journal.decisions(runId).stream().anyMatch(d -> d.kind() == DecisionKind.CONFIRM
                    && d.instanceId().equals(Optional.of(instance.id())))) {
                hop.ifPresent(h -> confirmedHops.add(h.id()));
                return Optional.empty();
            }
            String by;
            if (settings.assumeYes()) {
                by = "accepted with --yes";
            } else {
                Optional<String> answer = operator.ask(what + ". Type 'yes' to go on:");
                if (answer.isEmpty()) {
                    return Optional.of(needsDecision(what + ". Nothing irreversible ran; accept it with 'upbook resume --yes'."));
                }
                if (!answer.get().equalsIgnoreCase("yes")) {
                    return Optional.of(needsDecision(what + ". Not confirmed; the run waits. Accept it with 'upbook resume --yes'."));
                }
                by = "confirmed on the terminal";
            }
            decide(new Decision(runId, settings.installation(), Optional.of(instance.id()), DecisionKind.CONFIRM,
                    what + " (" + by + ")", owner, clock.instant()));
            hop.ifPresent(h -> confirmedHops.add(h.id()));
            progress.info("⚠ " + what + " — " + by);
            return Optional.empty();
        }

        private void decide(Decision decision) throws LostLockException {
            try {
                journal.decide(decision);
            } catch (LockedException e) {
                throw new LostLockException(e.getMessage());
            }
        }

        private StepResult attempt(StepType type, Parameters parameters, StepInstance instance, Step step, StepRecord record) {
            try {
                return type.run(attemptContext(instance.id(), parameters, step.timeout(), record));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return StepResult.failed("interrupted");
            } catch (Exception e) {
                return StepResult.failed(message(e));
            }
        }

        private StepResult verify(Action verify, String id, Map<String, Object> context, StepRecord record, StepResult result) {
            try {
                CheckResult v = check(verify, id + ".verify", context, Optional.of(record));
                if (v.passed()) return result;
                return StepResult.failed("verify failed: " + v.detail(), result.output());
            } catch (Rendering.RenderFailure | RuntimeException e) {
                return StepResult.failed("verify cannot run: " + message(e), result.output());
            }
        }

        private Object register(Step step, StepResult result) {
            if (step.register().isEmpty() || result.value() == null) return null;
            Object value = result.value();
            vars.put(step.register().get().value(), value);
            return value;
        }

        /** A final failure: on-failure decides between abort, continue and a recovery. */
        private Optional<Outcome> failed(StepRecord record, StepInstance instance, Step step, String message, String output,
                Map<String, Object> context) throws LostLockException {
            return failed(record, instance, step, message, output, context, Duration.ZERO);
        }

        private Optional<Outcome> failed(StepRecord record, StepInstance instance, Step step, String message, String output,
                Map<String, Object> context, Duration elapsed) throws LostLockException {
            String id = instance.id();
            finish(record, StepState.FAILED, message, output, null, elapsed);
            String onFailure = step.onFailure().value();
            if (onFailure.equals("continue")) {
                continuedFailures++;
                progress.warn(id + " failed; on-failure is 'continue', going on");
                return Optional.empty();
            }
            if (onFailure.equals("abort")) {
                journal.runStatus(lease, runId, RunStatus.FAILED, clock.instant(), id + " failed: " + message);
                return Optional.of(Outcome.of(Outcome.Kind.STEP_FAILED, runId, "Run #" + runId + " stopped: " + id + " failed: " + message
                        + "\nFix the cause, then 'upbook resume' runs it again."));
            }
            Recovery recovery = playbook.recoveries().get(onFailure);
            progress.warn(id + " failed; running recovery '" + onFailure + "'");
            String recovered = recover(recovery, instance, context);
            journal.runStatus(lease, runId, RunStatus.RECOVERED, clock.instant(), id + " failed: " + message + "; " + recovered);
            return Optional.of(Outcome.of(Outcome.Kind.STEP_FAILED, runId, "Run #" + runId + " stopped: " + id + " failed: " + message
                    + "\nRecovery '" + onFailure + "': " + recovered + ". The run is over; start a new one when the cause is fixed."));
        }

        /**
         * Runs a recovery's steps in order (their own on-failure: {@code continue} goes on, anything
         * else ends the recovery). Each step's outcome is shown and summarized in the run's message.
         */
        private String recover(Recovery recovery, StepInstance failed, Map<String, Object> context) {
            int ok = 0;
            int skipped = 0;
            int index = 0;
            List<Step> ordered = dev.upbook.plan.StepOrder.order(recovery.steps(), "recoveries." + recovery.name(),
                    new dev.upbook.spec.diag.Diagnostics());
            for (Step s : ordered) {
                String id = "recover/" + recovery.name() + "/" + s.id().value();
                StepType type = types.find(s.type().value()).orElseThrow();
                long t0 = System.nanoTime();
                progress.stepStarted(id, s.title(), ++index, recovery.steps().size(), 1);
                StepResult result;
                try {
                    if (s.when().isPresent() && !rendering.condition(s.when().get(), context)) {
                        progress.stepEnded(id, "skipped", Duration.ZERO, "when is false");
                        skipped++;
                        continue;
                    }
                    result = type.run(attemptContext(id, rendering.parameters(s.with(), type, context), s.timeout(), null));
                } catch (Exception e) {
                    result = StepResult.failed(message(e));
                }
                progress.stepEnded(id, result.succeeded() ? "succeeded" : "failed", Duration.ofNanos(System.nanoTime() - t0),
                        masked(result.message()));
                if (result.succeeded()) {
                    ok++;
                } else if (!s.onFailure().value().equals("continue")) {
                    return "recovery step " + s.id().value() + " failed (" + masked(result.message()) + ") after " + ok
                            + " of " + recovery.steps().size() + " steps";
                }
            }
            return ok + " of " + recovery.steps().size() + " recovery steps succeeded" + (skipped == 0 ? "" : " (" + skipped
                    + " skipped: when was false)");
        }

        private void finish(StepRecord record, StepState state, String message, String output, Object value, Duration elapsed)
                throws LostLockException {
            String registered = value == null ? null : json(Map.of(instances.get(record.instanceId()).step().orElseThrow()
                    .register().orElseThrow().value(), masker.maskValue(value)));
            journal.stepFinished(lease, runId, record.seq(), state, clock.instant(), message, excerpt(output), registered);
            hooks.at(Point.AFTER_FINISH, record.instanceId());
            progress.stepEnded(record.instanceId(), state.name().toLowerCase(java.util.Locale.ROOT), elapsed, message);
        }

        // checks and contexts ----------------------------------------------------------------

        CheckResult check(Action action, String label, Map<String, Object> context, Optional<StepRecord> record)
                throws Rendering.RenderFailure {
            StepType type = types.find(action.type().value())
                    .orElseThrow(() -> new IllegalStateException("unknown check type " + action.type().value()));
            Parameters parameters = rendering.parameters(action.with(), type, context);
            try {
                CheckResult r = type.check(attemptContext(label, parameters, Optional.empty(), record.orElse(null)));
                return new CheckResult(r.passed(), masked(r.detail()), r.value());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return CheckResult.fail("interrupted");
            } catch (Exception e) {
                return CheckResult.fail(message(e));
            }
        }

        Map<String, Object> context(Optional<PlanHop> hop) {
            return Rendering.context(inputs, runId, plan.from().text(), plan.to().text(), settings.installation(),
                    started == null ? clock.instant() : started, vars, captured, hop);
        }

        private String masked(String text) {
            return masker.mask(text);
        }

        private StepContext attemptContext(String id, Parameters parameters, Optional<Duration> timeout, StepRecord record) {
            AttemptContext.Checkpoints checkpoints = record == null ? AttemptContext.Checkpoints.NONE : new AttemptContext.Checkpoints() {
                @Override
                public Optional<String> load() {
                    return journal.step(runId, record.instanceId()).map(StepRecord::checkpoint).filter(c -> c != null && !c.isEmpty());
                }

                @Override
                public void save(String checkpoint) {
                    try {
                        journal.saveCheckpoint(lease, runId, record.seq(), masked(checkpoint));
                    } catch (LostLockException e) {
                        throw new IllegalStateException(e.getMessage(), e);
                    }
                }
            };
            Map<String, String> mark = record == null ? Map.of()
                    : Map.of(Orphans.VARIABLE, Orphans.marker(settings.installation(), runId, record.instanceId()));
            return new AttemptContext(id, parameters, timeout, settings, operator, progress, masker, vars, control, checkpoints, mark);
        }
    }

    static boolean satisfies(String schemeName, String version, String range) {
        dev.upbook.spec.version.VersionScheme scheme = dev.upbook.spec.version.VersionSchemes.byName(schemeName).orElseThrow();
        try {
            return scheme.parseRange(range).contains(scheme.parse(version));
        } catch (dev.upbook.spec.version.VersionSyntaxException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    private static final int OUTPUT_EXCERPT = 16 * 1024;

    /** At most 16 KiB of output in the journal: the first and last halves, with what was dropped. */
    static String excerpt(String output) {
        if (output == null || output.length() <= OUTPUT_EXCERPT) return output == null ? "" : output;
        int half = OUTPUT_EXCERPT / 2;
        return output.substring(0, half) + "\n… " + (output.length() - 2 * half) + " characters dropped …\n"
                + output.substring(output.length() - half);
    }

    static String message(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void sleep(Duration d) {
        if (d.isZero() || d.isNegative()) return;
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Renews the lease in the background; a lost lock is noticed by the next write or {@link #check()}. */
    private final class Heartbeat {
        private final ScheduledExecutorService timer;
        private final AtomicBoolean lost = new AtomicBoolean();
        private volatile String lostMessage = "";

        Heartbeat(Lease lease, Duration duration) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "upbook-heartbeat");
                t.setDaemon(true);
                return t;
            });
            long period = Math.max(100, duration.toMillis() / 3);
            timer.scheduleAtFixedRate(() -> {
                try {
                    journal.heartbeat(lease);
                } catch (LostLockException e) {
                    lostMessage = e.getMessage();
                    lost.set(true);
                } catch (RuntimeException e) {
                    // a passing store error: the next beat tries again; the lease outlives a few misses
                }
            }, period, period, TimeUnit.MILLISECONDS);
        }

        void check() throws LostLockException {
            if (lost.get()) throw new LostLockException(lostMessage);
        }

        void stop() {
            timer.shutdownNow();
        }
    }
}
