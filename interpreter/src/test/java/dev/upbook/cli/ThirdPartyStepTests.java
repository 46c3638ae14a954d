package dev.upbook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.plugin.PluginPath;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A step type from a separate jar: {@code src/test/third-party/com/example/upbook/StampStep.java}
 * is compiled here the way a third party would compile it (javac with {@code upbook-dsl-spec} on
 * the class path, so upbook's annotation processor generates its binding, schema fragment and
 * reference entry), packed into a jar with its {@code META-INF/services} entry, and put on
 * {@code UPBOOK_PLUGIN_PATH} of real upbook processes: explain, schema, lint, run and its check.
 */
class ThirdPartyStepTests {
    private static final Path FIXTURE = Path.of("src/test/third-party");
    private static Path jar;

    @TempDir
    Path dir;

    @BeforeAll
    static void compileAndPackTheThirdPartyJar(@TempDir Path build) throws IOException {
        Path classes = Files.createDirectories(build.resolve("classes"));
        Path generated = Files.createDirectories(build.resolve("generated"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<Path> sources;
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            sources = files.filter(f -> f.toString().endsWith(".java")).toList();
        }
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                    "-s", generated.toString(), "--release", "17");
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromPaths(sources)).call();
            assertTrue(ok, "the third-party step compiles: " + diagnostics.getDiagnostics());
        }
        assertTrue(Files.exists(generated.resolve("com/example/upbook/StampStepBinding.java")), "the processor generated the binding");
        assertTrue(Files.exists(classes.resolve("META-INF/upbook/steps/example.stamp.schema.json")), "and the schema fragment");
        assertTrue(Files.exists(classes.resolve("META-INF/upbook/steps/example.stamp.md")), "and the reference entry");
        Path services = Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(services.resolve("dev.upbook.spec.spi.StepType"), "com.example.upbook.StampStep\n");
        jar = build.resolve("example-steps.jar");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out);
                Stream<Path> entries = Files.walk(classes)) {
            for (Path f : entries.filter(Files::isRegularFile).sorted().toList()) {
                jarOut.putNextEntry(new JarEntry(classes.relativize(f).toString().replace('\\', '/')));
                jarOut.write(Files.readAllBytes(f));
                jarOut.closeEntry();
            }
        }
        // the temporary build directory is removed after all tests; keep the jar somewhere that lives as long
        Path kept = Files.createTempFile("upbook-example-steps", ".jar");
        Files.copy(jar, kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        kept.toFile().deleteOnExit();
        jar = kept;
    }

    private Upbooks.Started upbook(Map<String, String> env, String... args) throws IOException, InterruptedException {
        return Upbooks.run(dir, env, args);
    }

    private Map<String, String> withPlugin() {
        return Map.of(PluginPath.ENVIRONMENT, jar.toString());
    }

    private Path playbook(String with) throws IOException {
        Path file = dir.resolve("stamp.playbook.yaml");
        Files.writeString(file, String.join("\n",
                "upbook: 1",
                "product: { name: stamped }",
                "versions: { scheme: semver, releases: [1.0.0, 1.1.0] }",
                "inputs:",
                "  copies: { default: \"2\", description: How many marks. }",
                "edges:",
                "  - from: 1.0.0",
                "    to: 1.1.0",
                "    steps:",
                "      - id: stamp",
                "        type: example.stamp",
                "        register: stamp",
                "        with: " + with,
                "post:",
                "  - id: stamped",
                "    type: assert",
                "    with: { that: \"vars.stamp.bytes > 0\" }",
                ""), StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void explainListsAndDocumentsThePluginType() throws Exception {
        Upbooks.Started list = upbook(withPlugin(), "explain");
        assertEquals(0, list.process().exitValue(), list.err());
        assertTrue(list.out().contains("example.stamp"), list.out());
        assertTrue(list.out().contains("file.copy"), "the standard library is still there: " + list.out());

        Upbooks.Started one = upbook(withPlugin(), "explain", "example.stamp");
        assertEquals(0, one.process().exitValue(), one.err());
        assertTrue(one.out().contains("Writes a stamp file (a third-party step type)."), one.out());
        assertTrue(one.out().matches("(?s).*copies +integer +1 +How many mark lines follow\\..*"), one.out());
        assertTrue(one.out().matches("(?s).*mark +one of x, o +x +The mark\\..*"), one.out());

        Upbooks.Started markdown = upbook(withPlugin(), "explain", "--markdown", "example.stamp");
        assertEquals(0, markdown.process().exitValue(), markdown.err());
        assertTrue(markdown.out().startsWith("## `example.stamp`"), markdown.out());
        assertTrue(markdown.out().contains("| `copies` | integer | `1` | How many mark lines follow. |"), markdown.out());
    }

    @Test
    void withoutThePluginPathTheTypeIsUnknown() throws Exception {
        Upbooks.Started lint = upbook(Map.of(), "lint", playbook("{ file: out.txt, text: hi }").toString());
        assertEquals(1, lint.process().exitValue(), lint.out() + lint.err());
        assertTrue(lint.out().contains("example.stamp"), lint.out());
    }

    @Test
    void theSchemaCarriesThePluginsGeneratedFragment() throws Exception {
        Upbooks.Started schema = upbook(withPlugin(), "schema");
        assertEquals(0, schema.process().exitValue(), schema.err());
        String json = schema.out();
        assertTrue(json.contains("\"const\": \"example.stamp\""), "the type is in the schema");
        assertTrue(json.contains("\"description\": \"How many mark lines follow.\""), "with its parameters");
    }

    @Test
    void lintChecksThePluginsParametersWithPositions() throws Exception {
        Upbooks.Started lint = upbook(withPlugin(), "lint", "--format", "text", playbook("{ file: out.txt, text: hi, mark: z }").toString());
        assertEquals(1, lint.process().exitValue(), lint.out() + lint.err());
        assertTrue(lint.out().contains("stamp.playbook.yaml:13:"), "the diagnostic points at the with line: " + lint.out());
        assertTrue(lint.out().contains("mark"), lint.out());
    }

    @Test
    void runExecutesThePluginTypeAndFindsItsWorkDoneTheSecondTime() throws Exception {
        Path book = playbook("{ file: out.txt, text: \"hello {{ run.to }}\", copies: 2, widths: [2] }");
        Upbooks.Started run = upbook(withPlugin(), "run", book.toString(), "--from", "1.0.0", "--to", "1.1.0", "--state", "j.db");
        assertEquals(0, run.process().exitValue(), run.out() + run.err());
        assertEquals("hello 1.1.0\nx\nx\nxx\n", Files.readString(dir.resolve("out.txt")));

        assertTrue(run.out().contains("stamped " + dir.resolve("out.txt")), run.out());

        Upbooks.Started again = upbook(withPlugin(), "run", book.toString(), "--from", "1.0.0", "--to", "1.1.0", "--state", "k.db");
        assertEquals(0, again.process().exitValue(), again.out() + again.err());
        assertTrue(again.out().contains("already stamped"), again.out());
    }

    @Test
    void aPluginPathEntryThatDoesNotExistIsAUsageError() throws Exception {
        Upbooks.Started s = upbook(Map.of(PluginPath.ENVIRONMENT, dir.resolve("missing.jar").toString()), "explain");
        assertEquals(2, s.process().exitValue(), s.out() + s.err());
        assertTrue(s.err().contains("UPBOOK_PLUGIN_PATH names") && s.err().contains("missing.jar"), s.err());
        assertFalse(s.err().contains("Exception"), s.err());
    }
}
