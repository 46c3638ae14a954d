package dev.upbook.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code --output ndjson}: one JSON object per line, each with {@code event} and {@code time}, for
 * a machine to follow a run. Events: info, warning, run-started, step-started, step-progress,
 * step-ended, run-ended.
 */
public final class NdjsonProgress implements Progress {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final PrintWriter out;

    public NdjsonProgress(PrintWriter out) {
        this.out = out;
    }

    private synchronized void emit(String event, Object... keyValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("event", event);
        m.put("time", Instant.now().toString());
        for (int i = 0; i < keyValues.length; i += 2) m.put((String) keyValues[i], keyValues[i + 1]);
        try {
            out.println(JSON.writeValueAsString(m));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    @Override public void info(String line) { emit("info", "message", line); }

    @Override public void warn(String line) { emit("warning", "message", line); }

    @Override
    public void runStarted(long runId, String installation, String from, String to, String planHash, int steps, boolean resumed) {
        emit("run-started", "run", runId, "installation", installation, "from", from, "to", to, "plan", planHash,
                "steps", steps, "resumed", resumed);
    }

    @Override
    public void stepStarted(String instanceId, String title, int index, int total, int attempt) {
        emit("step-started", "step", instanceId, "title", title, "index", index, "total", total, "attempt", attempt);
    }

    @Override
    public void stepProgress(String instanceId, String line) {
        emit("step-progress", "step", instanceId, "message", line);
    }

    @Override
    public void stepEnded(String instanceId, String state, Duration elapsed, String message) {
        emit("step-ended", "step", instanceId, "state", state, "millis", elapsed.toMillis(), "message", message);
    }

    @Override
    public void runEnded(Outcome outcome) {
        emit("run-ended", "outcome", outcome.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                "run", outcome.runId().orElse(null), "message", outcome.message());
    }
}
