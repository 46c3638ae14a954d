package dev.upbook.playbooks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Ends a process and every process it started, as a power loss (or an operator's kill) would. */
public final class ProcessTrees {
    private ProcessTrees() {}

    /**
     * SIGKILL of {@code root} and all its descendants. The tree is frozen first (SIGSTOP, until every
     * member is seen stopped and no new one appears), so that a program forking at the moment of the
     * kill cannot leave a child behind, re-parented and running on.
     */
    public static void kill(ProcessHandle root) {
        Set<Long> frozen = new LinkedHashSet<>();
        List<Long> fresh = List.of(root.pid());
        while (!fresh.isEmpty()) {
            signal("STOP", fresh);
            for (long pid : fresh) awaitStopped(pid);
            frozen.addAll(fresh);
            fresh = root.descendants().map(ProcessHandle::pid).filter(pid -> !frozen.contains(pid)).toList();
        }
        signal("KILL", List.copyOf(frozen));
        for (long pid : frozen) ProcessHandle.of(pid).ifPresent(h -> h.onExit().join());
    }

    private static void signal(String signal, List<Long> pids) {
        List<String> command = new ArrayList<>(List.of("kill", "-" + signal));
        pids.forEach(pid -> command.add(Long.toString(pid)));
        try {
            new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Waits until {@code pid} is stopped (state T in /proc), a zombie, or gone. */
    private static void awaitStopped(long pid) {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 5000; i++) {
            String text;
            try {
                text = Files.readString(stat);
            } catch (IOException gone) {
                return;
            }
            char state = text.charAt(text.lastIndexOf(')') + 2);
            if (state == 'T' || state == 't' || state == 'Z' || state == 'X') return;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("process " + pid + " did not stop");
    }
}
