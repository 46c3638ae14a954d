package dev.upbook.run;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful stops. The first stop request (SIGINT, SIGTERM) lets the current step finish and be
 * recorded, then the run ends as stopped; the second kills the running child processes and their
 * descendants, leaving the step in doubt for resume to decide.
 */
public final class RunControl {
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicBoolean killed = new AtomicBoolean();
    private final Set<ProcessHandle> children = ConcurrentHashMap.newKeySet();
    private volatile Runnable onFirstRequest = () -> {};

    /** Installs handlers for SIGINT and SIGTERM that call {@link #requestStop()}. */
    public static RunControl withSignalHandlers(Runnable onFirstRequest) {
        RunControl control = new RunControl();
        control.onFirstRequest = onFirstRequest;
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), signal -> control.requestStop());
            } catch (IllegalArgumentException e) {
                // the signal is not available on this platform (or reserved by the JVM): no graceful stop for it
            }
        }
        return control;
    }

    public void requestStop() {
        int n = requests.incrementAndGet();
        if (n == 1) {
            onFirstRequest.run();
        } else {
            killChildren();
        }
    }

    public boolean stopRequested() {
        return requests.get() > 0;
    }

    /** True once a second request killed the running child processes. */
    public boolean killed() {
        return killed.get();
    }

    void processStarted(ProcessHandle p) {
        children.add(p);
        if (requests.get() > 1) killChildren();
    }

    void processEnded(ProcessHandle p) {
        children.remove(p);
    }

    private void killChildren() {
        killed.set(true);
        for (ProcessHandle p : children) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }
}
