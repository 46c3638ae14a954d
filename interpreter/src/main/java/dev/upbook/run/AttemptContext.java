package dev.upbook.run;

import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/** The {@link StepContext} of one attempt of a step, or of one check. Everything it shows is masked. */
final class AttemptContext implements StepContext {

    /** Where a step's checkpoints live: the journal row of the step, or nowhere for a check. */
    interface Checkpoints {
        Optional<String> load();

        void save(String checkpoint);

        Checkpoints NONE = new Checkpoints() {
            @Override
            public Optional<String> load() {
                return Optional.empty();
            }

            @Override
            public void save(String checkpoint) {
                throw new IllegalStateException("a check cannot save a checkpoint");
            }
        };
    }

    private final String id;
    private final Parameters parameters;
    private final Optional<Duration> timeout;
    private final Executor.Settings settings;
    private final Operator operator;
    private final Progress progress;
    private final Masker masker;
    private final Map<String, Object> vars;
    private final RunControl control;
    private final Checkpoints checkpoints;
    private final Map<String, String> processEnvironment;

    AttemptContext(String id, Parameters parameters, Optional<Duration> timeout, Executor.Settings settings, Operator operator,
            Progress progress, Masker masker, Map<String, Object> vars, RunControl control, Checkpoints checkpoints,
            Map<String, String> processEnvironment) {
        this.id = id;
        this.parameters = parameters;
        this.timeout = timeout;
        this.settings = settings;
        this.operator = operator;
        this.progress = progress;
        this.masker = masker;
        this.vars = Collections.unmodifiableMap(vars);
        this.control = control;
        this.checkpoints = checkpoints;
        this.processEnvironment = Map.copyOf(processEnvironment);
    }

    @Override public String instanceId() { return id; }
    @Override public Parameters parameters() { return parameters; }
    @Override public Path workingDirectory() { return settings.workingDirectory(); }
    @Override public Optional<Duration> timeout() { return timeout; }
    @Override public boolean assumeYes() { return settings.assumeYes(); }
    @Override public Optional<String> ask(String question) { return operator.ask(masker.mask(question)); }
    @Override public void progress(String line) { progress.stepProgress(id, masker.mask(line)); }
    @Override public String mask(String text) { return masker.mask(text); }
    @Override public Map<String, Object> vars() { return vars; }
    @Override public boolean stopRequested() { return control.stopRequested(); }
    @Override public void processStarted(ProcessHandle process) { control.processStarted(process); }
    @Override public void processEnded(ProcessHandle process) { control.processEnded(process); }
    @Override public Optional<String> checkpoint() { return checkpoints.load(); }
    @Override public void saveCheckpoint(String checkpoint) { checkpoints.save(checkpoint); }
    @Override public Map<String, String> processEnvironment() { return processEnvironment; }
}
