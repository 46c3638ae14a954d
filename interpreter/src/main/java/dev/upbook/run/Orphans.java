package dev.upbook.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Programs a step started that outlived the upbook that started them (killed with SIGKILL, or
 * its machine's session gone). Every program a step starts carries the environment variable
 * {@value #VARIABLE} naming the installation, run and step; its children inherit it. Before resume
 * runs an interrupted step again, it looks for live processes with that mark (Linux: {@code /proc}),
 * so that the step is not started a second time next to its still running first attempt.
 * Processes of other users, and programs started through {@code sudo} (which clears the
 * environment), cannot be seen.
 */
final class Orphans {
    static final String VARIABLE = "UPBOOK_STEP";
    private static final Path PROC = Path.of("/proc");

    private Orphans() {}

    static String marker(String installation, long runId, String instanceId) {
        return installation + "#" + runId + "#" + instanceId;
    }

    /** The pids of live processes marked with {@code marker}, other than this one; empty where /proc is not readable. */
    static List<Long> running(String marker) {
        List<Long> found = new ArrayList<>();
        if (!Files.isDirectory(PROC)) return found;
        byte[] needle = ("\0" + VARIABLE + "=" + marker + "\0").getBytes(StandardCharsets.UTF_8);
        long self = ProcessHandle.current().pid();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, "[0-9]*")) {
            for (Path entry : entries) {
                long pid = Long.parseLong(entry.getFileName().toString());
                if (pid == self) continue;
                byte[] environ;
                try {
                    environ = Files.readAllBytes(entry.resolve("environ"));
                } catch (IOException | SecurityException e) {
                    continue; // gone meanwhile, or another user's process
                }
                if (contains(environ, needle) && !zombie(entry)) found.add(pid);
            }
        } catch (IOException e) {
            return found;
        }
        return found;
    }

    /** environ starts without a leading NUL: search in NUL + environ. */
    private static boolean contains(byte[] environ, byte[] needle) {
        outer:
        for (int i = -1; i + needle.length - 1 <= environ.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                int k = i + j;
                byte b = k < 0 || k >= environ.length ? 0 : environ[k];
                if (b != needle[j]) continue outer;
            }
            return true;
        }
        return false;
    }

    private static boolean zombie(Path entry) {
        try {
            String stat = Files.readString(entry.resolve("stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }
}
