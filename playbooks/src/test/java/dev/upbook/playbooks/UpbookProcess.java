package dev.upbook.playbooks;

import dev.upbook.cli.Main;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code upbook} as a real operating-system process (a JVM on the test class path), so that a test
 * can kill it with SIGKILL (with or without its programs) and read what it left behind, sharing a
 * class-data archive across the processes of a test run. {@link Upbooks} has the plainer variant,
 * and the file reading and waiting both use.
 */
public final class UpbookProcess {
    private static int counter;

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private UpbookProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * A dynamic class-data-sharing archive of upbook's classes (JDK 13+), written at the normal exit
     * of the first process and mapped by the later ones: about 0.7 s less per start on two busy
     * cores. Keyed by the class path; an unusable archive is ignored (-Xshare:auto), warnings off.
     */
    private static final Path CDS_ARCHIVE;
    /** upbook's class path: the test class path without this module's own class directories. */
    private static final String CLASS_PATH;
    /** CDS maps jars only: with a class directory left (a reactor build), no archive is used. */
    private static final boolean CDS;
    private static Process cdsWriter;

    static {
        Path module = Path.of(System.getProperty("upbook.playbooks", ".")).toAbsolutePath().normalize();
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.isEmpty() && !Path.of(entry).toAbsolutePath().normalize().startsWith(module.resolve("target"))) entries.add(entry);
        }
        CLASS_PATH = String.join(File.pathSeparator, entries);
        CDS = entries.stream().allMatch(e -> e.endsWith(".jar"));
        CDS_ARCHIVE = module.resolve("target").resolve("upbook-" + Integer.toHexString(CLASS_PATH.hashCode()) + ".jsa");
    }

    public static synchronized UpbookProcess start(Path dir, Map<String, String> env, List<String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Xlog:disable", "-Xlog:all=off"));
        boolean writer = false;
        if (!CDS) {
            // class directories on the path: no archive
        } else if (Files.exists(CDS_ARCHIVE) && (cdsWriter == null || !cdsWriter.isAlive())) {
            command.add("-XX:SharedArchiveFile=" + CDS_ARCHIVE);
        } else if (!Files.exists(CDS_ARCHIVE) && (cdsWriter == null || !cdsWriter.isAlive())) {
            Files.createDirectories(CDS_ARCHIVE.getParent());
            command.add("-XX:ArchiveClassesAtExit=" + CDS_ARCHIVE);
            writer = true;
        }
        command.addAll(List.of("-cp", CDS ? CLASS_PATH : System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        int n = ++counter;
        Path out = dir.resolve("upbook-" + n + ".out");
        Path err = dir.resolve("upbook-" + n + ".err");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = pb.start();
        if (writer) cdsWriter = process;
        return new UpbookProcess(process, out, err);
    }

    public int await() throws InterruptedException {
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("upbook did not end within 2 minutes\n" + transcript());
        }
        return process.exitValue();
    }

    public String out() {
        return Upbooks.read(stdout);
    }

    public String transcript() {
        return "stdout:\n" + Upbooks.read(stdout) + "\nstderr:\n" + Upbooks.read(stderr);
    }

    /** SIGKILL of upbook alone, as an operator's kill -9: the programs a step started run on. */
    public void kill9() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** SIGKILL of upbook and every program it started, as a power loss would end them. */
    public void kill9WithDescendants() throws InterruptedException {
        ProcessTrees.kill(process.toHandle());
        process.waitFor();
    }

    public boolean isAlive() {
        return process.isAlive();
    }
}
