package dev.upbook.journal;

import static dev.upbook.journal.JournalFixtures.T0;
import static dev.upbook.journal.JournalFixtures.deadHere;
import static dev.upbook.journal.JournalFixtures.decision;
import static dev.upbook.journal.JournalFixtures.elsewhere;
import static dev.upbook.journal.JournalFixtures.liveHere;
import static dev.upbook.journal.JournalFixtures.newRun;
import static dev.upbook.journal.JournalFixtures.reusedPidHere;
import static dev.upbook.journal.JournalFixtures.step;
import static dev.upbook.journal.JournalFixtures.steps;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.journal.Journal.Decision;
import dev.upbook.journal.Journal.DecisionKind;
import dev.upbook.journal.Journal.Lease;
import dev.upbook.journal.Journal.LockInfo;
import dev.upbook.journal.Journal.NewStep;
import dev.upbook.journal.Journal.Owner;
import dev.upbook.journal.Journal.RunRecord;
import dev.upbook.journal.Journal.RunStatus;
import dev.upbook.journal.Journal.StepRecord;
import dev.upbook.journal.Journal.StepState;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link Journal} contract, run against every store: each test gets a new, empty store from
 * {@link #newStore()}. Time is a {@link MutableClock} (leases expire when a test moves it); process
 * liveness is real (this JVM is a live holder, a reaped {@code /bin/true} a dead one).
 */
abstract class JournalContractTests {
    static final Duration LEASE = Duration.ofMinutes(5);
    static final String PROD = "prod";

    final MutableClock clock = new MutableClock(T0);
    private final List<Journal> opened = new ArrayList<>();
    String state;
    Journal journal;

    /** The state text of a new, empty store. */
    protected abstract String newStore();

    Journal open() {
        Journal opened = Journals.open(state, System.getenv(), clock);
        this.opened.add(opened);
        return opened;
    }

    @BeforeEach
    void openNewStore() {
        state = newStore();
        journal = open();
    }

    @AfterEach
    void closeAll() {
        opened.forEach(Journal::close);
    }

    private RunRecord startRun(Lease lease, int stepCount) throws LostLockException {
        return journal.createRun(lease, newRun(lease.installation(), lease.owner()), steps(stepCount));
    }

    private StepRecord stepAt(long runId, int seq) {
        return journal.steps(runId).get(seq);
    }

    // ---- runs and steps ---------------------------------------------------------------------------------

    @Test
    void createRunRecordsTheRunAndItsStepsAsPending() throws Exception {
        Owner alice = liveHere("alice");
        Lease lease = journal.acquire(PROD, alice, LEASE);
        RunRecord run = startRun(lease, 3);

        assertEquals(Optional.of(run), journal.run(run.id()));
        assertEquals(newRun(PROD, alice).planJson(), run.planJson());
        assertEquals("", journal.latestRun(PROD).orElseThrow().planJson(), "listings leave the plan JSON out");
        assertEquals(alice, run.owner());
        assertEquals(T0, run.started());
        assertEquals(RunStatus.RUNNING, run.status());
        assertEquals(Optional.empty(), run.ended());
        assertEquals("0.1.0-test", run.upbookVersion());
        List<StepRecord> steps = journal.steps(run.id());
        assertEquals(List.of("s0", "s1", "s2"), steps.stream().map(StepRecord::instanceId).collect(Collectors.toList()));
        for (StepRecord step : steps) {
            assertEquals(StepState.PENDING, step.state());
            assertEquals(0, step.attempts());
            assertEquals("hash-" + step.instanceId(), step.stepHash());
            assertFalse(step.settled());
        }
        assertEquals(Optional.of(run.id()), journal.lock(PROD).orElseThrow().runId(), "the lock names its run");
    }

    @Test
    void stepsAreReturnedInPlanOrderWhateverTheInsertOrder() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        List<NewStep> shuffled = List.of(step(2, "c"), step(0, "a"), step(1, "b"));
        RunRecord run = journal.createRun(lease, newRun(PROD, lease.owner()), shuffled);

        assertEquals(List.of(0, 1, 2), journal.steps(run.id()).stream().map(StepRecord::seq).collect(Collectors.toList()));
        assertEquals(List.of("a", "b", "c"),
                journal.steps(run.id()).stream().map(StepRecord::instanceId).collect(Collectors.toList()));
        assertEquals(1, journal.step(run.id(), "b").orElseThrow().seq());
        assertEquals(Optional.empty(), journal.step(run.id(), "nope"));
    }

    @Test
    void stepStartedFinishedPassAndCheckpointRoundTrip() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = startRun(lease, 2).id();
        Instant started = T0.plusSeconds(1);
        Instant ended = T0.plusSeconds(2);

        journal.stepStarted(lease, runId, 0, "input-1", started);
        StepRecord running = stepAt(runId, 0);
        assertEquals(StepState.RUNNING, running.state());
        assertEquals(1, running.attempts());
        assertEquals(Optional.of(started), running.started());
        assertEquals("input-1", running.inputHash());

        journal.passFinished(lease, runId, 0, T0.plusSeconds(3), "pass 1: 1000 rows");
        StepRecord betweenPasses = stepAt(runId, 0);
        assertEquals(StepState.PENDING, betweenPasses.state(), "pending until the next pass starts");
        assertEquals(1, betweenPasses.passes());
        assertEquals(Optional.of(T0.plusSeconds(3)), betweenPasses.ended());
        assertEquals("pass 1: 1000 rows", betweenPasses.message());
        journal.stepStarted(lease, runId, 0, "input-1", T0.plusSeconds(4));
        journal.passFinished(lease, runId, 0, T0.plusSeconds(5), "pass 2: 1000 rows");
        journal.saveCheckpoint(lease, runId, 0, "{\"last_id\":2000}");
        journal.stepFinished(lease, runId, 0, StepState.SUCCEEDED, ended, "copied 2000 rows", "out\nput",
                "{\"rows\":2000}");

        StepRecord done = journal.step(runId, "s0").orElseThrow();
        assertEquals(StepState.SUCCEEDED, done.state());
        assertEquals(2, done.passes());
        assertEquals(Optional.of(ended), done.ended());
        assertEquals("copied 2000 rows", done.message());
        assertEquals("out\nput", done.output());
        assertEquals("{\"rows\":2000}", done.registeredJson());
        assertEquals("{\"last_id\":2000}", done.checkpoint());
        assertTrue(done.settled());

        journal.stepStarted(lease, runId, 0, "input-2", T0.plusSeconds(9));
        StepRecord again = stepAt(runId, 0);
        assertEquals(3, again.attempts(), "every start is an attempt");
        assertEquals(Optional.empty(), again.ended());
        assertEquals("input-2", again.inputHash());
        assertEquals(StepState.PENDING, stepAt(runId, 1).state(), "other steps are untouched");
    }

    @Test
    void settledFollowsStateAndOnFailure() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        List<NewStep> plan = List.of(step(0, "a"), new NewStep(1, "b", "edge", "shell", "h", true), step(2, "c"),
                step(3, "d"));
        long runId = journal.createRun(lease, newRun(PROD, lease.owner()), plan).id();
        journal.stepFinished(lease, runId, 0, StepState.FAILED, T0, "exit 1", "", null);
        journal.stepFinished(lease, runId, 1, StepState.FAILED, T0, "exit 1", "", null);
        journal.stepFinished(lease, runId, 2, StepState.SKIPPED, T0, "when: false", "", null);

        List<Boolean> settled = journal.steps(runId).stream().map(StepRecord::settled).collect(Collectors.toList());
        assertEquals(List.of(false, true, true, false), settled);
        assertThrows(IllegalArgumentException.class,
                () -> journal.stepFinished(lease, runId, 3, StepState.RUNNING, T0, "", "", null));
    }

    @Test
    void openStepsAreTheUnsettledTheFailedAndThoseHoldingRegisteredValues() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        List<NewStep> plan = List.of(step(0, "a"), new NewStep(1, "b", "edge", "shell", "h", true), step(2, "c"),
                step(3, "d"), step(4, "e"), step(5, "f"));
        long runId = journal.createRun(lease, newRun(PROD, lease.owner()), plan).id();
        journal.stepFinished(lease, runId, 0, StepState.SUCCEEDED, T0, "", "", null);
        journal.stepFinished(lease, runId, 1, StepState.FAILED, T0, "exit 1", "", null);
        journal.stepFinished(lease, runId, 2, StepState.SUCCEEDED, T0, "", "", "{\"x\":1}");
        journal.stepFinished(lease, runId, 3, StepState.SKIPPED, T0, "", "", null);
        journal.stepStarted(lease, runId, 4, "in", T0);

        List<String> open = journal.openSteps(runId).stream().map(StepRecord::instanceId).collect(Collectors.toList());
        assertEquals(List.of("b", "c", "e", "f"), open);
        assertEquals(6, journal.stepCount(runId));
    }

    @Test
    void runStatusSetsEndedExceptWhileRunning() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = startRun(lease, 1).id();

        journal.runStatus(lease, runId, RunStatus.STOPPED, T0.plusSeconds(5), "--max-steps 1");
        RunRecord stopped = journal.run(runId).orElseThrow();
        assertEquals(RunStatus.STOPPED, stopped.status());
        assertEquals(Optional.of(T0.plusSeconds(5)), stopped.ended());
        assertEquals("--max-steps 1", stopped.message());

        journal.runStatus(lease, runId, RunStatus.RUNNING, T0.plusSeconds(6), "resumed");
        assertEquals(Optional.empty(), journal.run(runId).orElseThrow().ended());

        journal.runStatus(lease, runId, RunStatus.COMPLETE, T0.plusSeconds(7), "all steps settled");
        assertEquals(Optional.of(T0.plusSeconds(7)), journal.run(runId).orElseThrow().ended());
    }

    @Test
    void historyIsNewestFirstAndInstallationsAreSorted() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long first = startRun(lease, 1).id();
        long second = startRun(lease, 1).id();
        long third = startRun(lease, 1).id();
        journal.acquire("b-staging", liveHere("bob"), LEASE);

        assertEquals(List.of(third, second), journal.history(PROD, 2).stream().map(RunRecord::id)
                .collect(Collectors.toList()));
        assertEquals(third, journal.latestRun(PROD).orElseThrow().id());
        assertTrue(first < second);
        assertEquals(Optional.empty(), journal.latestRun("unknown"));
        assertEquals(List.of("b-staging", PROD), journal.installations());
    }

    @Test
    void writesToAStepThatDoesNotExistOrToAnotherInstallationsRunFail() throws Exception {
        Lease prod = journal.acquire(PROD, liveHere("alice"), LEASE);
        Lease test = journal.acquire("test", liveHere("alice"), LEASE);
        long prodRun = startRun(prod, 1).id();

        JournalException noStep = assertThrows(JournalException.class,
                () -> journal.stepStarted(prod, prodRun, 7, "h", T0));
        assertEquals("run #" + prodRun + " has no step 7", noStep.getMessage());
        JournalException foreign = assertThrows(JournalException.class,
                () -> journal.stepStarted(test, prodRun, 0, "h", T0));
        assertEquals("run #" + prodRun + " belongs to installation 'prod', not 'test'", foreign.getMessage());
        assertEquals(0, stepAt(prodRun, 0).attempts());
    }

    // ---- locks and fencing --------------------------------------------------------------------------------

    @Test
    void afterAForcedUnlockTheOldLeaseWritesNothing() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = startRun(lease, 2).id();
        journal.stepStarted(lease, runId, 0, "h", T0);

        Optional<LockInfo> freed = journal.unlock(PROD, liveHere("operator"), true, "alice's run hangs");
        assertEquals(lease.token(), freed.orElseThrow().token());

        LostLockException lost = assertThrows(LostLockException.class, () -> journal.stepFinished(lease, runId, 0,
                StepState.SUCCEEDED, T0, "done", "", null));
        assertEquals("the lock of installation 'prod' was released or freed by an operator; this run (token "
                + lease.token() + ") no longer holds it", lost.getMessage());
        assertThrows(LostLockException.class, () -> journal.heartbeat(lease));
        assertThrows(LostLockException.class, () -> journal.runStatus(lease, runId, RunStatus.FAILED, T0, "x"));
        assertThrows(LostLockException.class, () -> startRun(lease, 1));
        assertEquals(StepState.RUNNING, stepAt(runId, 0).state(), "nothing was written");
        assertEquals(RunStatus.RUNNING, journal.run(runId).orElseThrow().status());
        assertEquals(1, journal.history(PROD, 10).size());

        Lease next = journal.acquire(PROD, liveHere("bob"), LEASE);
        assertTrue(next.token() > lease.token(), "tokens only grow");
        LostLockException taken = assertThrows(LostLockException.class, () -> journal.heartbeat(lease));
        assertTrue(taken.getMessage().contains("was taken by bob@"), taken.getMessage());
        assertTrue(taken.getMessage().contains("(token " + next.token() + ")"), taken.getMessage());
        journal.release(lease); // the old lease releases nothing
        assertEquals(next.token(), journal.lock(PROD).orElseThrow().token());
    }

    @Test
    void tokensGrowAcrossReleaseAndUnlock() throws Exception {
        long previous = 0;
        for (int i = 0; i < 3; i++) {
            Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
            assertTrue(lease.token() > previous);
            previous = lease.token();
            if (i % 2 == 0) journal.release(lease);
            else journal.unlock(PROD, liveHere("alice"), true, "test");
            assertEquals(Optional.empty(), journal.lock(PROD));
        }
    }

    @Test
    void aLiveHolderKeepsTheLock() throws Exception {
        Lease held = journal.acquire(PROD, liveHere("alice"), LEASE);
        startRun(held, 1);

        LockedException refused = assertThrows(LockedException.class,
                () -> journal.acquire(PROD, liveHere("bob"), LEASE));
        assertEquals(held.token(), refused.holder().token());
        assertFalse(refused.leaseExpired());
        String message = refused.getMessage();
        assertTrue(message.startsWith("installation 'prod' is locked by " + held.owner().describe()
                + " since 2026-11-21T10:00:00Z, run #"), message);
        assertTrue(message.contains("its process is still running on this host"), message);
        assertEquals(held.token(), journal.lock(PROD).orElseThrow().token());
    }

    @Test
    void theSameProcessCannotTakeItsOwnLockTwice() throws Exception {
        journal.acquire(PROD, liveHere("alice"), LEASE);
        assertThrows(LockedException.class, () -> journal.acquire(PROD, liveHere("alice"), LEASE));
    }

    @Test
    void aDeadHolderOnThisHostIsTakenOverAndTheTakeoverRecorded() throws Exception {
        Owner ghost = deadHere("ghost");
        Lease dead = journal.acquire(PROD, ghost, LEASE);
        long runId = startRun(dead, 1).id();

        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        assertTrue(lease.token() > dead.token());
        assertEquals(ghost, lease.tookOver().orElseThrow().owner());
        List<Decision> decisions = journal.decisions(runId);
        assertEquals(1, decisions.size());
        Decision takeover = decisions.get(0);
        assertEquals(DecisionKind.LOCK_TAKEN_OVER, takeover.kind());
        assertEquals(lease.owner(), takeover.by());
        assertEquals("took over the lock of " + ghost.describe() + " (token " + dead.token() + "): no process "
                + ghost.pid() + " runs on " + ghost.host(), takeover.reason());
        assertThrows(LostLockException.class, () -> journal.heartbeat(dead));

        journal.stepStarted(lease, runId, 0, "h", T0);
        assertEquals(Optional.of(runId), journal.lock(PROD).orElseThrow().runId(),
                "resuming the run names it as the lock's run");
    }

    @Test
    void aReusedPidIsADeadHolder() throws Exception {
        Lease dead = journal.acquire(PROD, reusedPidHere("ghost"), LEASE);

        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        assertEquals(dead.token(), lease.tookOver().orElseThrow().token());
        Decision takeover = journal.decisions(0).get(0);
        assertEquals(0, takeover.runId(), "a lock without a run records its takeover without a run");
        assertTrue(takeover.reason().contains("now belongs to a process started at"), takeover.reason());
    }

    @Test
    void anExpiredLeaseOnAnotherHostIsNotTakenOverButUnlockFreesIt() throws Exception {
        Lease remote = journal.acquire(PROD, elsewhere("carol"), LEASE);
        long runId = startRun(remote, 1).id();
        clock.advance(LEASE.plusMinutes(2));

        LockedException refused = assertThrows(LockedException.class,
                () -> journal.acquire(PROD, liveHere("alice"), LEASE));
        assertTrue(refused.leaseExpired());
        assertEquals("installation 'prod' is locked by carol@far-away-host.example (pid 4242) since "
                + "2026-11-21T10:00:00Z, run #" + runId + "; it runs on another host (far-away-host.example); "
                + "lease expired 2 min ago. upbook cannot see processes on far-away-host.example: if that run is "
                + "gone, free the lock with 'upbook unlock -i prod --reason TEXT'.", refused.getMessage());

        Optional<LockInfo> freed = journal.unlock(PROD, liveHere("operator"), false, "carol's host died");
        assertEquals(remote.token(), freed.orElseThrow().token());
        Decision unlock = journal.decisions(runId).get(0);
        assertEquals(DecisionKind.UNLOCK, unlock.kind());
        assertEquals("carol's host died", unlock.reason());
        assertEquals("operator", unlock.by().user());
        assertTrue(journal.acquire(PROD, liveHere("alice"), LEASE).token() > remote.token());
    }

    @Test
    void unlockWithoutForceRefusesALiveHolder() throws Exception {
        Lease live = journal.acquire(PROD, liveHere("alice"), LEASE);
        LockedException refused = assertThrows(LockedException.class,
                () -> journal.unlock(PROD, liveHere("operator"), false, "why not"));
        assertTrue(refused.getMessage().contains("--force"), refused.getMessage());
        assertEquals(live.token(), journal.lock(PROD).orElseThrow().token());

        Lease remote = journal.acquire("remote", elsewhere("carol"), LEASE);
        LockedException remoteRefused = assertThrows(LockedException.class,
                () -> journal.unlock("remote", liveHere("operator"), false, "why not"));
        assertFalse(remoteRefused.leaseExpired());
        assertTrue(remoteRefused.getMessage().contains("lease expires in 5 min"), remoteRefused.getMessage());

        assertEquals(remote.token(), journal.unlock("remote", liveHere("operator"), true, "I know").orElseThrow()
                .token());
        assertEquals(DecisionKind.FORCE_UNLOCK, journal.decisions(0).get(0).kind());
        assertEquals(Optional.empty(), journal.unlock("remote", liveHere("operator"), false, "again"));
    }

    @Test
    void heartbeatExtendsTheLease() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        assertEquals(T0.plus(LEASE), journal.lock(PROD).orElseThrow().expires());
        clock.advance(Duration.ofMinutes(3));
        journal.heartbeat(lease);
        LockInfo lock = journal.lock(PROD).orElseThrow();
        assertEquals(T0.plus(Duration.ofMinutes(3)), lock.heartbeat());
        assertEquals(T0.plus(Duration.ofMinutes(3)).plus(LEASE), lock.expires());
    }

    @Test
    void racingAcquiresHaveExactlyOneWinner() throws Exception {
        assertExactlyOneWinner("shared", 8, index -> journal);
    }

    @Test
    void racingAcquiresThroughSeparatePoolsHaveExactlyOneWinner() throws Exception {
        List<Journal> pools = new ArrayList<>();
        for (int i = 0; i < 4; i++) pools.add(open());
        assertExactlyOneWinner("separate", 8, index -> pools.get(index % pools.size()));
    }

    private void assertExactlyOneWinner(String installation, int racers, IntFunction<Journal> journalOf)
            throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(racers);
        try {
            for (int round = 0; round < 5; round++) {
                String name = installation + "-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Boolean>> outcomes = new ArrayList<>();
                for (int i = 0; i < racers; i++) {
                    Journal racer = journalOf.apply(i);
                    Owner owner = liveHere("racer" + i);
                    outcomes.add(threads.submit(() -> {
                        start.await();
                        try {
                            racer.acquire(name, owner, LEASE);
                            return true;
                        } catch (LockedException e) {
                            return false;
                        }
                    }));
                }
                start.countDown();
                int winners = 0;
                for (Future<Boolean> outcome : outcomes) winners += outcome.get(60, TimeUnit.SECONDS) ? 1 : 0;
                assertEquals(1, winners, "round " + round);
                assertEquals(1, journal.lock(name).orElseThrow().token());
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void heartbeatOnItsOwnThreadWhileTheMainThreadWrites() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = startRun(lease, 200).id();
        AtomicBoolean running = new AtomicBoolean(true);
        Callable<Integer> heartbeats = () -> {
            int beats = 0;
            while (running.get()) {
                journal.heartbeat(lease);
                beats++;
            }
            return beats;
        };
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> beats = thread.submit(heartbeats);
            for (int seq = 0; seq < 200; seq++) {
                journal.stepStarted(lease, runId, seq, "h", T0);
                journal.stepFinished(lease, runId, seq, StepState.SUCCEEDED, T0, "ok", "", null);
            }
            running.set(false);
            assertTrue(beats.get(60, TimeUnit.SECONDS) > 0);
        } finally {
            thread.shutdownNow();
        }
        assertTrue(journal.steps(runId).stream().allMatch(StepRecord::settled));
    }

    // ---- decisions ---------------------------------------------------------------------------------------

    @Test
    void markDoneAndRetrySetTheStepWithTheDecision() throws Exception {
        Owner alice = liveHere("alice");
        Lease lease = journal.acquire(PROD, alice, LEASE);
        long runId = startRun(lease, 2).id();
        journal.stepStarted(lease, runId, 0, "h", T0);
        journal.release(lease);

        Owner operator = liveHere("operator");
        journal.decide(decision(runId, PROD, "s0", DecisionKind.MARK_DONE, operator));
        StepRecord done = journal.step(runId, "s0").orElseThrow();
        assertEquals(StepState.SUCCEEDED, done.state());
        assertEquals("marked done by " + operator.describe() + ": because the test says so", done.message());

        journal.decide(decision(runId, PROD, "s0", DecisionKind.MARK_RETRY, operator));
        assertEquals(StepState.PENDING, journal.step(runId, "s0").orElseThrow().state());
        journal.decide(decision(runId, PROD, null, DecisionKind.CONFIRM, operator));

        List<DecisionKind> kinds = journal.decisions(runId).stream().map(Decision::kind).collect(Collectors.toList());
        assertEquals(List.of(DecisionKind.MARK_DONE, DecisionKind.MARK_RETRY, DecisionKind.CONFIRM), kinds);
        assertEquals(decision(runId, PROD, "s0", DecisionKind.MARK_DONE, operator), journal.decisions(runId).get(0));
    }

    @Test
    void capturesAndReviewItemsAreRecordedAndASignOffSurvivesReevaluation() throws Exception {
        Owner alice = liveHere("alice");
        Lease lease = journal.acquire(PROD, alice, LEASE);
        long runId = startRun(lease, 1).id();
        journal.captured(lease, runId, new Journal.CaptureRecord("tickets", "Tickets", "1204", "1204 rows", T0));
        journal.captured(lease, runId, new Journal.CaptureRecord("tickets", "Tickets", "1205", "1205 rows", T0));
        assertEquals(List.of(new Journal.CaptureRecord("tickets", "Tickets", "1205", "1205 rows", T0)), journal.captures(runId),
                "capturing again replaces the value");

        Journal.ReviewRecord manual = new Journal.ReviewRecord(1, "review/staff-login", "Staff can log in", Optional.empty(),
                "blocking", "manual", Journal.ReviewState.PENDING, "Log in as staff", "{}", Optional.of(T0), Optional.empty(),
                Optional.empty(), "");
        Journal.ReviewRecord count = new Journal.ReviewRecord(0, "review/1.0.0..1.1.0/tickets-kept", "No ticket lost",
                Optional.of("1.0.0..1.1.0"), "blocking", "automated", Journal.ReviewState.FAILED, "1203 < 1205",
                "{\"actual\":1203,\"captured\":1205}", Optional.of(T0), Optional.empty(), Optional.empty(), "");
        journal.reviewed(lease, runId, manual);
        journal.reviewed(lease, runId, count);
        assertEquals(List.of(count, manual), journal.review(runId), "in plan order");
        journal.release(lease);

        Decision sign = decision(runId, PROD, "review/staff-login", DecisionKind.SIGN_OFF, liveHere("bob"));
        Journal.ReviewRecord signed = journal.signReview(runId, "review/staff-login", true, "Bob Reviewer", "logged in fine", sign);
        assertEquals(Journal.ReviewState.SIGNED_OFF, signed.state());
        assertEquals(Optional.of("Bob Reviewer"), signed.decidedBy());
        assertEquals("logged in fine", signed.note());

        Lease again = journal.acquire(PROD, alice, LEASE);
        journal.reviewed(again, runId, manual);
        assertEquals(Journal.ReviewState.SIGNED_OFF, journal.review(runId).get(1).state(), "evaluating again keeps the sign-off");
        assertEquals(List.of(DecisionKind.SIGN_OFF), journal.decisions(runId).stream().map(Decision::kind).toList());
        assertThrows(LockedException.class, () -> journal.signReview(runId, "review/staff-login", false, "Eve", "no",
                decision(runId, PROD, "review/staff-login", DecisionKind.REJECT, liveHere("eve"))));
        journal.release(again);
        assertThrows(JournalException.class, () -> journal.signReview(runId, "review/nope", true, "Bob", "",
                decision(runId, PROD, "review/nope", DecisionKind.SIGN_OFF, liveHere("bob"))));
    }

    @Test
    void aDecisionWhileSomeoneElseRunsIsRefusedAndRecordsNothing() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = startRun(lease, 1).id();

        LockedException refused = assertThrows(LockedException.class,
                () -> journal.decide(decision(runId, PROD, "s0", DecisionKind.MARK_DONE, liveHere("bob"))));
        assertTrue(refused.getMessage().contains("A decision needs the lock to be free or yours"),
                refused.getMessage());
        assertEquals(StepState.PENDING, stepAt(runId, 0).state());
        assertEquals(List.of(), journal.decisions(runId));

        journal.decide(decision(runId, PROD, null, DecisionKind.CONFIRM, lease.owner()));
        assertEquals(1, journal.decisions(runId).size(), "the holder itself may decide");
    }

    @Test
    void aDecisionAboutAnUnknownStepRecordsNothing() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = startRun(lease, 1).id();

        JournalException unknown = assertThrows(JournalException.class,
                () -> journal.decide(decision(runId, PROD, "nope", DecisionKind.MARK_DONE, lease.owner())));
        assertEquals("run #" + runId + " has no step 'nope'", unknown.getMessage());
        assertEquals(List.of(), journal.decisions(runId));
    }

    @Test
    void acceptDriftMatchesStepsByInstanceId() throws Exception {
        Lease lease = journal.acquire(PROD, liveHere("alice"), LEASE);
        long runId = journal.createRun(lease, newRun(PROD, lease.owner()),
                List.of(step(0, "a"), step(1, "b"), step(2, "c"))).id();
        journal.stepFinished(lease, runId, 0, StepState.SUCCEEDED, T0, "ok", "", null);
        List<NewStep> newPlan = List.of(
                new NewStep(0, "a", "pre", "shell", "hash-a2", false),
                new NewStep(1, "d", "edge", "http", "hash-d", false),
                new NewStep(2, "c", "edge", "shell", "hash-c2", true));
        Decision accepted = decision(runId, PROD, null, DecisionKind.ACCEPT_DRIFT, lease.owner());

        journal.acceptDrift(lease, runId, newPlan, accepted);

        List<String> rows = journal.steps(runId).stream()
                .map(s -> s.seq() + ":" + s.instanceId() + ":" + s.stepHash() + ":" + s.state() + ":"
                        + s.continueOnFailure())
                .collect(Collectors.toList());
        assertEquals(List.of("0:a:hash-a2:SUCCEEDED:false", "1:b:hash-b:REMOVED:false", "2:c:hash-c2:PENDING:true",
                "3:d:hash-d:PENDING:false"), rows);
        assertEquals(List.of(accepted), journal.decisions(runId));

        journal.acceptDrift(lease, runId, List.of(step(0, "b")), accepted);
        List<String> states = journal.steps(runId).stream().map(s -> s.instanceId() + ":" + s.state())
                .collect(Collectors.toList());
        assertEquals(List.of("a:REMOVED", "b:PENDING", "c:REMOVED", "d:REMOVED"), states,
                "a step back in the plan is pending again");
    }

    // ---- schema -------------------------------------------------------------------------------------------

    @Test
    void reopeningIsIdempotent() {
        assertEquals(Schema.MIGRATIONS.size(), journal.schemaVersion());
        Journal again = open();
        assertEquals(journal.schemaVersion(), again.schemaVersion());
    }

    @Test
    void aVersionOneStoreMigratesForwardKeepingItsRunsAndANewerStoreIsRefused() throws Exception {
        journal.close();
        state = newStore();
        long runId;
        // a store as upbook wrote it at schema version 1: the plan JSON in upbook_runs
        try (SqlJournal v1 = (SqlJournal) openWith(List.of(Schema.V1))) {
            assertEquals(1, v1.schemaVersion());
            runId = v1.database().write(tx -> tx.insertReturningId("INSERT INTO upbook_runs (installation, playbook_path, "
                    + "product, from_version, to_version, plan_hash, plan_json, inputs_json, owner_user, owner_host, owner_pid, "
                    + "owner_start, started, status, upbook_version) VALUES ('prod', '/p.yaml', 'app', '1.0.0', '1.1.0', 'h', "
                    + "'{\"plan\":1}', '{}', 'alice', 'here', 1, NULL, 0, 'STOPPED', 'old') RETURNING id"));
        }
        try (Journal migrated = openWith(Schema.MIGRATIONS)) {
            assertEquals(Schema.MIGRATIONS.size(), migrated.schemaVersion());
            Journal.RunRecord run = migrated.run(runId).orElseThrow();
            assertEquals("{\"plan\":1}", run.planJson(), "the plan moved to its own table");
            assertEquals(RunStatus.STOPPED, run.status());
        }
        Schema.Migration future = new Schema.Migration(Schema.MIGRATIONS.size() + 1, "test: an index on step states",
                dialect -> List.of("CREATE INDEX upbook_test_steps_by_state ON upbook_steps (run_id, state)"));
        List<Schema.Migration> newer = new ArrayList<>(Schema.MIGRATIONS);
        newer.add(future);
        try (Journal reopened = openWith(newer)) {
            assertEquals(newer.size(), reopened.schemaVersion());
        }
        JournalException refused = assertThrows(JournalException.class, () -> openWith(Schema.MIGRATIONS));
        assertEquals("journal schema version " + newer.size() + " is newer than this upbook (" + Schema.MIGRATIONS.size()
                + "); upgrade upbook", refused.getMessage());
    }

    private Journal openWith(List<Schema.Migration> migrations) {
        return SqlJournal.open(StoreLocation.parse(state, System.getenv()), clock, Owners.hostName(), migrations);
    }

    @Test
    void concurrentOpensOfANewStoreAllSucceed() throws Exception {
        state = newStore();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<Journal>> opens = new ArrayList<>();
            CountDownLatch start = new CountDownLatch(1);
            for (int i = 0; i < 4; i++) {
                opens.add(threads.submit(() -> {
                    start.await();
                    return Journals.open(state, System.getenv(), clock);
                }));
            }
            start.countDown();
            for (Future<Journal> open : opens) {
                try (Journal opened = open.get(60, TimeUnit.SECONDS)) {
                    assertEquals(Schema.MIGRATIONS.size(), opened.schemaVersion());
                }
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
