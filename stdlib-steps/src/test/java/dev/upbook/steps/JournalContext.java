package dev.upbook.steps;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link StepContext} for resumable steps: a {@link FakeContext} plus a checkpoint kept as a
 * journal would keep it, which may be carried into the next attempt. It can fail one save (as a
 * crash right after a commit would lose it) and ask to stop after some progress lines.
 */
class JournalContext implements StepContext {
    private final FakeContext fake;
    private String checkpoint;
    private int failingSave;
    private int saves;
    private int stopAfterProgress = Integer.MAX_VALUE;
    final List<String> saved = new ArrayList<>();

    JournalContext(FakeContext fake) {
        this.fake = fake;
    }

    JournalContext(FakeContext fake, String checkpoint) {
        this(fake);
        this.checkpoint = checkpoint;
    }

    /** The {@code n}-th save (1-based) throws instead of saving, as if the process died before it. */
    JournalContext failingSave(int n) {
        this.failingSave = n;
        return this;
    }

    JournalContext stopAfterProgress(int lines) {
        this.stopAfterProgress = lines;
        return this;
    }

    /** The checkpoint as the journal holds it now. */
    String journaled() {
        return checkpoint;
    }

    List<String> progressLines() {
        return fake.progress;
    }

    @Override public String instanceId() { return fake.instanceId(); }
    @Override public Parameters parameters() { return fake.parameters(); }
    @Override public Path workingDirectory() { return fake.workingDirectory(); }
    @Override public Optional<Duration> timeout() { return fake.timeout(); }
    @Override public boolean assumeYes() { return fake.assumeYes(); }
    @Override public Optional<String> ask(String question) { return fake.ask(question); }
    @Override public void progress(String line) { fake.progress(line); }
    @Override public String mask(String text) { return fake.mask(text); }
    @Override public Map<String, Object> vars() { return fake.vars(); }
    @Override public boolean stopRequested() { return fake.progress.size() >= stopAfterProgress; }
    @Override public void processStarted(ProcessHandle process) { fake.processStarted(process); }
    @Override public void processEnded(ProcessHandle process) { fake.processEnded(process); }
    @Override public Optional<String> checkpoint() { return Optional.ofNullable(checkpoint); }

    @Override
    public void saveCheckpoint(String value) {
        if (++saves == failingSave) throw new IllegalStateException("simulated crash before checkpoint " + saves + " was saved");
        checkpoint = value;
        saved.add(value);
    }
}
