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
     * kill cannot leave a child behind, re-parented and running on. (A member that exits before its
     * STOP arrives hands its children to init, out of reach: the stand-ins do not double-fork.)
     */
    public static void kill(ProcessHandle root) {
        Set<Long> frozen = new LinkedHashSet<>();
        try {
            List<Long> fresh = List.of(root.pid());
            while (!fresh.isEmpty()) {
                frozen.addAll(fresh);
                signal("STOP", fresh);
                for (long pid : fresh) awaitStopped(pid);
                fresh = root.descendants().map(ProcessHandle::pid).filter(pid -> !frozen.contains(pid)).toList();
            }
        } finally {
            // also when freezing failed: nothing may stay stopped (holding locks and connections)
            signal("KILL", List.copyOf(frozen));
        }
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

    /**
     * Waits until every thread of {@code pid} is stopped (state T in /proc/PID/task/TID/stat), or the
     * process is a zombie or gone: a JVM's main thread may show T while another still runs and forks.
     */
    private static void awaitStopped(long pid) {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        for (int i = 0; i < 5000; i++) {
            if (allStopped(tasks)) return;
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("process " + pid + " did not stop");
    }

    private static boolean allStopped(Path tasks) {
        List<Path> threads;
        try (var list = Files.list(tasks)) {
            threads = list.toList();
        } catch (IOException gone) {
            return true;
        }
        for (Path thread : threads) {
            String text;
            try {
                text = Files.readString(thread.resolve("stat"));
            } catch (IOException gone) {
                continue;
            }
            char state = text.charAt(text.lastIndexOf(')') + 2);
            if (state != 'T' && state != 't' && state != 'Z' && state != 'X') return false;
        }
        return true;
    }
}
