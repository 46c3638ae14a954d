package dev.upbook.cli;

import dev.upbook.demo.DemoException;
import dev.upbook.demo.DemoSandbox;
import dev.upbook.demo.DemoSite;
import dev.upbook.journal.Journal;
import dev.upbook.journal.Journals;
import dev.upbook.lint.Compilation;
import dev.upbook.plan.Plan;
import dev.upbook.plan.PlanPrinter;
import dev.upbook.run.Executor;
import dev.upbook.run.InputValues;
import dev.upbook.run.Outcome;
import dev.upbook.spec.ast.Playbook;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code upbook demo [PRODUCT]}: builds a sandbox installation of a product in a new directory and
 * upgrades it with the product's playbook on the embedded default journal (SQLite), showing the
 * plan, the progress, the review table and the report's path. A product is a folder of
 * {@code playbooks/} whose sandbox has a {@code demo.yaml} ({@link DemoSandbox}); its web site is
 * served by the demo ({@link DemoSite}); every upbook command of the demo runs as a child process
 * with the sandbox's environment (its stand-ins first on PATH, its secrets). {@code hello} is the
 * small example product of {@code dsl-spec/examples}, which needs nothing but Java.
 */
@Command(name = "demo",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "Build a sandbox installation of a product in a new directory and upgrade it with the product's playbook on a",
            "SQLite journal there: the plan, the run with its progress, the review table and an HTML report.",
            "PRODUCT is a folder of playbooks/ with a sandbox (default: " + DemoCommand.DEFAULT_PRODUCT + "; --list shows them),",
            "or 'hello', the example product of dsl-spec/examples."
        })
final class DemoCommand implements Callable<Integer> {
    static final String PLAYBOOK = "hello.playbook.yaml";
    /** The product whose upgrade shows the most: five releases in sequence, each with its own migrations, maintenance mode, captured counts and a review. */
    static final String DEFAULT_PRODUCT = "ixp-manager";
    static final String HELLO = "hello";

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PRODUCT",
            description = "The product: a folder of playbooks/ with a sandbox, or 'hello' (default: " + DEFAULT_PRODUCT + ").")
    String product;

    @Option(names = "--list", description = "List the products the demo can upgrade, and stop.")
    boolean list;

    @Option(names = "--dir", paramLabel = "DIR", description = "Where to build the sandbox: a new or empty directory (default: a new directory under the temp directory).")
    Path dir;

    @Option(names = "--max-steps", paramLabel = "N", defaultValue = "0",
            description = "End after N steps, to try 'upbook resume' on the sandbox (see the commands printed at the end).")
    int maxSteps;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Progress format: text or ndjson.")
    RunOptions.ProgressFormat output;

    @Override
    public Integer call() throws IOException {
        if (list) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(HELLO + "  (the example product of dsl-spec/examples; needs nothing but Java)");
            for (String name : products(playbooksFolder())) {
                DemoSandbox demo;
                try {
                    demo = DemoSandbox.load(name, playbooksFolder().resolve(name).resolve("sandbox"));
                } catch (DemoException e) {
                    throw new CommandException(ExitCode.SOFTWARE, "demo " + name + ": " + e.getMessage());
                }
                out.println(name + "  (" + demo.title() + " " + demo.from() + " → " + demo.to()
                        + (demo.requires().isEmpty() ? "" : "; needs " + String.join(", ", demo.requires())) + ")"
                        + (name.equals(DEFAULT_PRODUCT) ? "  [default]" : ""));
            }
            out.flush();
            return ExitCode.OK.code();
        }
        String name = product == null ? DEFAULT_PRODUCT : product;
        if (name.equals(HELLO)) return hello();
        Path playbooks = playbooksFolder();
        List<String> known = products(playbooks);
        if (!known.contains(name)) {
            throw new CommandException(ExitCode.USAGE, "no demo for '" + name + "'; the demo knows: " + HELLO + ", " + String.join(", ", known));
        }
        try {
            return product(DemoSandbox.load(name, playbooks.resolve(name).resolve("sandbox")));
        } catch (DemoException e) {
            throw new CommandException(ExitCode.SOFTWARE, "demo " + name + ": " + e.getMessage());
        }
    }

    /** The products with a demo: the folders of {@code playbooks/} whose sandbox has a {@code demo.yaml}. */
    static List<String> products(Path playbooks) throws IOException {
        try (Stream<Path> folders = Files.list(playbooks)) {
            return folders.filter(f -> Files.isRegularFile(f.resolve("sandbox").resolve(DemoSandbox.FILE)))
                    .map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The repository's {@code playbooks/} folder: under {@code UPBOOK_HOME} (the {@code upbook.home}
     * property, or the environment variable), else beside the jar's module ({@code interpreter/target/upbook.jar}).
     */
    static Path playbooksFolder() {
        List<Path> candidates = new ArrayList<>();
        String home = System.getProperty("upbook.home", System.getenv("UPBOOK_HOME"));
        if (home != null && !home.isBlank()) candidates.add(Path.of(home));
        try {
            Path code = Path.of(DemoCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code; p != null; p = p.getParent()) candidates.add(p);
        } catch (URISyntaxException | SecurityException | NullPointerException e) {
            // no code source: only UPBOOK_HOME and the working directory
        }
        candidates.add(Path.of("").toAbsolutePath());
        for (Path candidate : candidates) {
            if (Files.isDirectory(candidate.resolve("playbooks")) && Files.isRegularFile(candidate.resolve("pom.xml"))) {
                return candidate.resolve("playbooks");
            }
        }
        throw new CommandException(ExitCode.USAGE, "cannot find the repository's playbooks/ folder: run the demo through bin/upbook"
                + " in a checkout, or set UPBOOK_HOME to the checkout (or try 'upbook demo " + HELLO + "')");
    }

    private Integer product(DemoSandbox demo) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        refuseNonEmptyDirectory();
        for (String tool : demo.requires()) {
            if (!onPath(tool)) {
                throw new CommandException(ExitCode.USAGE, "demo " + demo.product() + ": the " + demo.title() + " sandbox needs '" + tool + "' on the PATH (not found); install it"
                        + " (Debian: apt-get install " + tool + "), or try 'upbook demo " + HELLO + "', which needs nothing but Java");
            }
        }
        Path root = sandboxDirectory(demo.product());
        if (root.toString().chars().anyMatch(Character::isWhitespace)) {
            throw new CommandException(ExitCode.USAGE, "the sandbox directory " + root + " has a space in its path, which the "
                    + "sandbox builders' --var options cannot carry; give a --dir without one");
        }
        Path state = root.resolve("state");
        Map<String, String> placeholders = new LinkedHashMap<>();
        placeholders.put("dir", root.toString());
        placeholders.put("sandbox", demo.folder().toString());
        placeholders.put("user", System.getProperty("user.name"));
        java.util.function.UnaryOperator<String> expand = text -> DemoSandbox.expand(text, key -> key.startsWith("env.")
                ? Optional.ofNullable(System.getenv(key.substring(4))).orElse("") : placeholders.get(key));

        out.println("upbook demo: " + demo.title() + " " + demo.from() + " → " + demo.to() + ", with the playbook "
                + demo.playbookPath() + ", on a sandbox in " + root);
        demo.about().forEach(line -> out.println("  " + line));
        out.println();
        DemoSite serving;
        try {
            serving = DemoSite.start(demo.site(), expand);
        } catch (java.io.UncheckedIOException e) {
            throw new CommandException(ExitCode.IO_ERROR, e.getMessage() + ": " + e.getCause().getMessage());
        }
        try (DemoSite site = serving) {
            placeholders.put("site", site.url());
            out.println("== Building the sandbox at " + demo.from() + ": " + String.join(" ", demo.build().stream().map(expand).toList())
                    + " (in " + demo.folder() + ")");
            out.flush();
            long started = System.nanoTime();
            String built = build(demo, expand, root);
            Map<String, String> vars = new LinkedHashMap<>();
            if (demo.varsFromBuild()) vars.putAll(DemoSandbox.parseVars(built));
            demo.vars().forEach((k, v) -> vars.put(k, expand.apply(v)));
            Map<String, String> env = new LinkedHashMap<>();
            demo.env().forEach((k, v) -> env.put(k, expand.apply(v)));
            env.put("UPBOOK_STATE_DIR", state.toString());
            Path envFile = writeEnvFile(root, env);
            out.println("built in " + Duration.ofNanos(System.nanoTime() - started).toMillis() + " ms; its web site answers on "
                    + site.url() + "; the commands' environment (stand-ins first on PATH, the sandbox's secrets, the journal)"
                    + " is in " + envFile);
            out.println();

            List<String> common = new ArrayList<>(List.of(demo.playbookPath().toString(), "--from", demo.from(), "--to", demo.to()));
            out.println("== The plan: upbook plan " + String.join(" ", common));
            out.flush();
            int plan = upbook(List.of("plan", demo.playbookPath().toString(), "--from", demo.from(), "--to", demo.to()), env, out);
            if (plan != 0) return plan;
            out.println();

            List<String> run = new ArrayList<>(List.of("run"));
            run.addAll(common);
            run.addAll(List.of("--yes", "-o", output.name().toLowerCase(java.util.Locale.ROOT)));
            if (maxSteps > 0) run.addAll(List.of("--max-steps", Integer.toString(maxSteps)));
            vars.forEach((k, v) -> run.addAll(List.of("--var", k + "=" + v)));
            out.println("== The run: upbook run " + String.join(" ", common) + " --yes" + (maxSteps > 0 ? " --max-steps " + maxSteps : "")
                    + " --var ... (" + vars.size() + " inputs pointing at the sandbox)");
            out.flush();
            int code = upbook(run, env, out);
            out.println();

            Path report = root.resolve("report.html");
            java.io.StringWriter reportOutput = new java.io.StringWriter();
            int written = upbook(List.of("report", "--format", "html", "--output", report.toString()), env, new PrintWriter(reportOutput));
            if (written == 0) {
                out.println("Report: " + report + "  (one self-contained HTML file: review first, then the path, every step and a timeline)");
            } else {
                out.println("No report (upbook report exited " + written + "): " + reportOutput.toString().strip());
            }
            out.println();
            String prefix = "(source " + envFile + " && bin/upbook ";
            out.println("Look further (the sandbox's web site stopped with the demo, so 'upbook review' now sees it down):");
            out.println("  " + prefix + "status)");
            out.println("  " + prefix + "report --format md)");
            if (code == ExitCode.STOPPED.code()) {
                out.println("  " + prefix + "resume)    # continues the run; its web checks fail now that the demo's site is down"
                        + " (serve it yourself, or try 'upbook demo " + HELLO + " --max-steps N', which needs none)");
            } else if (code == ExitCode.NEEDS_REVIEW.code()) {
                out.println("  " + prefix + "review sign --all-pending --by YOUR-NAME --note 'checked')    # the manual review items, once checked");
            }
            out.flush();
            if (code == ExitCode.NEEDS_REVIEW.code()) {
                out.println();
                out.println("Every step is done; the run waits for an operator's sign-off of the manual review items above"
                        + " (a run is complete only when its review passes): that is where the demo ends.");
                out.flush();
                return ExitCode.OK.code();
            }
            return code;
        }
    }

    /** The sandbox is built in a new or empty directory only: the builder would mix with what is there. */
    private void refuseNonEmptyDirectory() throws IOException {
        if (dir == null || !Files.isDirectory(dir)) return;
        try (Stream<Path> entries = Files.list(dir)) {
            if (entries.findAny().isPresent()) throw new CommandException(ExitCode.USAGE, dir + " is not empty; give a new or empty --dir");
        }
    }

    /** A new directory under the temp directory, or the given one (new or empty). */
    private Path sandboxDirectory(String name) throws IOException {
        if (dir == null) return Files.createTempDirectory("upbook-demo-" + name + "-").toRealPath();
        return Files.createDirectories(dir).toRealPath();
    }

    /** Runs the sandbox's builder in its folder; returns its standard output. */
    private static String build(DemoSandbox demo, java.util.function.UnaryOperator<String> expand, Path root) throws IOException {
        List<String> argv = demo.build().stream().map(expand).toList();
        ProcessBuilder pb = new ProcessBuilder(argv).directory(demo.folder().toFile());
        Path log = root.resolve("build.log");
        pb.redirectError(log.toFile());
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = pb.start();
        String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit;
        try {
            exit = process.waitFor();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new DemoException("interrupted while building the sandbox");
        }
        if (exit != 0) {
            List<String> lines = Files.readAllLines(log);
            String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
            throw new DemoException("the sandbox builder failed (exit " + exit + "):\n" + stdout + tail);
        }
        return stdout;
    }

    /** The commands' environment as a shell file for the operator (owner-only: it holds the sandbox's secrets). */
    private static Path writeEnvFile(Path root, Map<String, String> env) throws IOException {
        Path file = root.resolve("upbook-env.sh");
        StringBuilder text = new StringBuilder("# the environment of the demo's upbook commands: source it before bin/upbook\n");
        env.forEach((k, v) -> text.append("export ").append(k).append("='").append(v.replace("'", "'\\''")).append("'\n"));
        return Files.writeString(ownerOnly(file), text);
    }

    /** Creates {@code file} readable by its owner only before anything is written to it (where the file system has POSIX modes). */
    private static Path ownerOnly(Path file) throws IOException {
        try {
            return Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            return Files.createFile(file);
        }
    }

    /** Runs upbook as a child process with {@code env} added to this one's environment; copies its output to {@code out}. */
    private static int upbook(List<String> args, Map<String, String> env, PrintWriter out) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        pb.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        Process process = pb.start();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                out.println(line);
                out.flush();
            }
        }
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            process.destroy();
            Thread.currentThread().interrupt();
            return ExitCode.STOPPED.code();
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String entry : path.split(File.pathSeparator)) {
            if (!entry.isEmpty() && Files.isExecutable(Path.of(entry, program))) return true;
        }
        return false;
    }

    /** The example product's demo, run in this process. */
    private Integer hello() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Path root = dir != null ? Files.createDirectories(dir) : Files.createTempDirectory("upbook-demo-");
        if (Files.exists(root.resolve("journal.db"))) {
            throw new CommandException(ExitCode.USAGE, root + " already has a demo journal; give another --dir");
        }
        Path playbook = root.resolve(PLAYBOOK);
        try (InputStream in = DemoCommand.class.getResourceAsStream("/dev/upbook/demo/" + PLAYBOOK)) {
            if (in == null) throw new IllegalStateException("the demo playbook is missing from the jar");
            Files.copy(in, playbook);
        }
        Path site = Files.createDirectories(root.resolve("hello-site"));
        Files.writeString(site.resolve("VERSION"), "1.0.0\n");
        String token = "demo-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
        String state = root.resolve("journal.db").toString();
        // the secret input's file source, readable by its owner only, so that 'upbook resume' finds it too
        Path tokenFile = root.resolve("admin-token.txt");
        Files.writeString(ownerOnly(tokenFile), token + "\n");

        out.println("Sandbox: " + root + " (hello-site/ at 1.0.0, journal.db, " + PLAYBOOK + ")");
        out.println("The secret input admin_token is in admin-token.txt (" + token.substring(0, 5) + "…); it must never show below.");
        out.println();
        Compilation compilation = CompiledPlaybook.compileOrFail(playbook, spec);
        Playbook book = compilation.playbook().orElseThrow();
        InputValues inputs = InputValues.resolve(book.inputs(), Map.of("site", site.toString()), null, Map.of(), name -> null, root);
        Plan plan = RunSupport.plan(compilation, "1.0.0", "1.2.0");
        out.print(PlanPrinter.text(plan, false, null));
        out.println();
        out.flush();
        RunOptions options = new RunOptions();
        options.output = output;
        Executor.Settings settings = Executor.Settings.of("demo", root).maxSteps(maxSteps).assumeYes(true)
                .acceptDrift(Optional.empty()).version(UpbookVersion.current());
        try (Journal journal = Journals.open(state)) {
            Outcome outcome = RunSupport.executor(journal, RunSupport.progress(spec, options)).start(playbook, book, plan, inputs, settings);
            Journal.RunRecord run = journal.latestRun("demo").orElseThrow();
            out.println();
            out.print(StatusCommand.text(run, journal.steps(run.id()), journal.lock("demo"), journal.decisions(run.id())));
            out.println();
            String common = " --state " + state + " -i demo";
            Path report = root.resolve("report.html");
            try (java.io.Writer w = java.nio.file.Files.newBufferedWriter(report, java.nio.charset.StandardCharsets.UTF_8)) {
                dev.upbook.report.run.RunReportWriter.html().write(dev.upbook.report.run.RunReports.from(journal, run.id()), w);
            }
            out.println("Report: " + report + "  (one self-contained HTML file; also 'bin/upbook report" + common + " --format md')");
            out.println();
            out.println("Look further:");
            out.println("  bin/upbook status" + common);
            out.println("  bin/upbook history" + common);
            if (outcome.kind() == Outcome.Kind.STOPPED) {
                out.println("  bin/upbook resume" + common + "    # continues the run");
            } else {
                out.println("  cat " + site.resolve("VERSION"));
            }
            out.flush();
            return RunSupport.exitCode(outcome.kind()).code();
        }
    }
}
