package dev.upbook.steps.internal;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A started process whose {@link #destroy()} kills it together with its descendants. Commons
 * Exec's watchdog calls {@code destroy()} on a timeout, which for a plain {@link Process} signals
 * only the direct child: a shell's background children would live on (reparented to init, out of
 * reach) and keep the output pipes open. Descendants are listed before the child dies, because
 * afterwards they are no longer its descendants.
 */
public final class TreeKillingProcess extends Process {
    private final Process process;

    public TreeKillingProcess(Process process) {
        this.process = process;
    }

    /** Kills the process and every descendant it has (SIGKILL), the parent first so it spawns no more. */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> descendants = root.descendants().toList();
        root.destroyForcibly();
        for (ProcessHandle child : descendants) {
            List<ProcessHandle> late = child.descendants().toList();
            child.destroyForcibly();
            late.forEach(ProcessHandle::destroyForcibly);
        }
    }

    @Override
    public void destroy() {
        killTree(process.toHandle());
    }

    @Override
    public Process destroyForcibly() {
        killTree(process.toHandle());
        return this;
    }

    @Override public OutputStream getOutputStream() { return process.getOutputStream(); }
    @Override public InputStream getInputStream() { return process.getInputStream(); }
    @Override public InputStream getErrorStream() { return process.getErrorStream(); }
    @Override public int waitFor() throws InterruptedException { return process.waitFor(); }
    @Override public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException { return process.waitFor(timeout, unit); }
    @Override public int exitValue() { return process.exitValue(); }
    @Override public boolean isAlive() { return process.isAlive(); }
    @Override public boolean supportsNormalTermination() { return false; }
    @Override public long pid() { return process.pid(); }
    @Override public ProcessHandle toHandle() { return process.toHandle(); }
    @Override public ProcessHandle.Info info() { return process.info(); }
    @Override public Stream<ProcessHandle> children() { return process.children(); }
    @Override public Stream<ProcessHandle> descendants() { return process.descendants(); }

    @Override
    public CompletableFuture<Process> onExit() {
        return process.onExit().thenApply(p -> this);
    }

    @Override
    public String toString() {
        return "TreeKillingProcess[pid=" + process.pid() + "]";
    }
}
