package dev.upbook.run;

import dev.upbook.spec.Durations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Human progress. On a terminal the running step is one live line whose elapsed time ticks, then
 * is replaced by its result; otherwise (a pipe, a log file) each start and end is a plain line.
 */
public final class LineProgress implements Progress {
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean live;
    private ScheduledExecutorService ticker;
    private ScheduledFuture<?> tick;
    private String current = "";
    private long startedNanos;

    /** @param err where an ending that is not a success or a clean stop is printed */
    public LineProgress(PrintWriter out, PrintWriter err, boolean live) {
        this.out = out;
        this.err = err;
        this.live = live;
    }

    @Override
    public synchronized void info(String line) {
        clearLive();
        out.println(line);
        out.flush();
    }

    @Override
    public synchronized void warn(String line) {
        info("warning: " + line);
    }

    @Override
    public synchronized void runStarted(long runId, String installation, String from, String to, String planHash,
            int steps, boolean resumed) {
        info((resumed ? "Resuming run #" : "Run #") + runId + " on installation '" + installation + "': " + from + " → " + to
                + " (" + steps + " steps, plan " + planHash.substring(0, Math.min(12, planHash.length())) + ")");
    }

    @Override
    public synchronized void stepStarted(String instanceId, String title, int index, int total, int attempt) {
        current = String.format(Locale.ROOT, "[%d/%d] %s", index, total, instanceId)
                + (title.isEmpty() || title.equals(leaf(instanceId)) ? "" : " — " + title)
                + (attempt > 1 ? " (attempt " + attempt + ")" : "");
        startedNanos = System.nanoTime();
        if (live) {
            drawLive();
            if (ticker == null) {
                ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                    Thread t = new Thread(r, "upbook-progress");
                    t.setDaemon(true);
                    return t;
                });
            }
            tick = ticker.scheduleAtFixedRate(this::drawLive, 1, 1, TimeUnit.SECONDS);
        } else {
            out.println(current + " ...");
            out.flush();
        }
    }

    @Override
    public synchronized void stepProgress(String instanceId, String line) {
        if (live) {
            clearLive();
            out.println("    " + line);
            drawLive();
        } else {
            out.println("    " + line);
            out.flush();
        }
    }

    @Override
    public synchronized void stepEnded(String instanceId, String state, Duration elapsed, String message) {
        stopTicking();
        clearLive();
        String line = String.format(Locale.ROOT, "%s %s (%s)%s", mark(state), current.isEmpty() ? instanceId : current,
                format(elapsed), message.isEmpty() ? "" : ": " + message);
        out.println(line);
        out.flush();
        current = "";
    }

    @Override
    public synchronized void runEnded(Outcome outcome) {
        stopTicking();
        clearLive();
        boolean fine = outcome.kind() == Outcome.Kind.SUCCEEDED || outcome.kind() == Outcome.Kind.STOPPED
                || outcome.kind() == Outcome.Kind.NEEDS_REVIEW;
        PrintWriter to = fine ? out : err;
        to.println(outcome.message());
        to.flush();
        if (ticker != null) ticker.shutdownNow();
    }

    private synchronized void drawLive() {
        if (current.isEmpty()) return;
        Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
        out.print("\r\u001b[2K… " + current + " " + format(elapsed));
        out.flush();
    }

    private void clearLive() {
        if (live && !current.isEmpty()) {
            out.print("\r\u001b[2K");
            out.flush();
        }
    }

    private void stopTicking() {
        if (tick != null) {
            tick.cancel(false);
            tick = null;
        }
    }

    private static String mark(String state) {
        switch (state) {
            case "succeeded": return "✔";
            case "skipped": return "↷";
            case "failed": return "✘";
            default: return "…";
        }
    }

    private static String leaf(String instanceId) {
        return instanceId.substring(instanceId.lastIndexOf('/') + 1);
    }

    static String format(Duration d) {
        if (d.toMillis() < 1000) return d.toMillis() + "ms";
        return Durations.format(Duration.ofSeconds(d.toSeconds()));
    }
}
