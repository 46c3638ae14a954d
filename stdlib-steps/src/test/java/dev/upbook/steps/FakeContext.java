package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StepContext} for tests: parameters, working directory, timeout and answers set up front;
 * questions, progress lines and process registrations recorded. {@code ask} returns the scripted
 * answers in order, then empty (as a non-interactive run would).
 */
public final class FakeContext implements StepContext {
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Path workingDirectory;
    private Duration timeout;
    private boolean assumeYes;
    private boolean stopRequested;
    private final Deque<String> answers = new ArrayDeque<>();
    private final List<String> secrets = new ArrayList<>();
    final List<String> questions = new ArrayList<>();
    final List<String> progress = new ArrayList<>();
    final List<ProcessHandle> started = new ArrayList<>();
    final List<ProcessHandle> ended = new ArrayList<>();

    public FakeContext(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    public FakeContext with(String name, Object value) {
        parameters.put(name, value);
        return this;
    }

    public FakeContext timeout(Duration value) {
        this.timeout = value;
        return this;
    }

    public FakeContext withYes() {
        this.assumeYes = true;
        return this;
    }

    public FakeContext withStopRequested() {
        this.stopRequested = true;
        return this;
    }

    public FakeContext answers(String... scripted) {
        answers.addAll(List.of(scripted));
        return this;
    }

    public FakeContext secret(String value) {
        secrets.add(value);
        return this;
    }

    @Override public String instanceId() { return "test/step"; }
    @Override public Parameters parameters() { return new Parameters(parameters); }
    @Override public Path workingDirectory() { return workingDirectory; }
    @Override public Optional<Duration> timeout() { return Optional.ofNullable(timeout); }
    @Override public boolean assumeYes() { return assumeYes; }
    @Override public void progress(String line) { progress.add(line); }
    @Override public Map<String, Object> vars() { return Map.of(); }
    @Override public boolean stopRequested() { return stopRequested; }
    @Override public synchronized void processStarted(ProcessHandle process) { started.add(process); }
    @Override public synchronized void processEnded(ProcessHandle process) { ended.add(process); }
    /** The processes registered so far; safe to call from another thread. */
    public synchronized List<ProcessHandle> startedSoFar() {
        return List.copyOf(started);
    }

    @Override public Optional<String> checkpoint() { return Optional.empty(); }
    @Override public void saveCheckpoint(String checkpoint) {}

    @Override
    public Optional<String> ask(String question) {
        questions.add(question);
        return Optional.ofNullable(answers.poll());
    }

    @Override
    public String mask(String text) {
        String masked = text;
        for (String secret : secrets) masked = masked.replace(secret, "*****");
        return masked;
    }
}
