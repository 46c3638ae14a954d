package dev.upbook.spec.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.model.KeySpec;
import dev.upbook.spec.model.Type;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepDeclaration;
import dev.upbook.spec.spi.StepType;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The step-type annotation processor, run by a real javac on small step classes: what it
 * generates (binding, declaration, schema fragment, reference entry) and how it reports a wrong
 * declaration (an error on the line of the class or of the record component).
 */
class StepTypeProcessorTests {

    @TempDir
    Path dir;

    /** A compilation: whether it succeeded, the errors as "line: message", and where the output went. */
    record Compiled(boolean ok, List<String> errors, Path classes) {
        String resource(String path) throws IOException {
            return Files.readString(classes.resolve(path), StandardCharsets.UTF_8);
        }
    }

    private Compiled compile(String className, String source) throws IOException {
        Path src = dir.resolve("src/com/example/" + className + ".java");
        Files.createDirectories(src.getParent());
        Files.writeString(src, source);
        Path classes = Files.createDirectories(dir.resolve("classes"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-classpath", System.getProperty("java.class.path"), "-d", classes.toString(),
                    "-s", Files.createDirectories(dir.resolve("generated")).toString(),
                    "-processor", StepTypeProcessor.class.getName());
            boolean ok = javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjects(src)).call();
            List<String> errors = new ArrayList<>();
            for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                if (d.getKind() == Diagnostic.Kind.ERROR) errors.add(d.getLineNumber() + ": " + d.getMessage(Locale.ROOT));
            }
            return new Compiled(ok, errors, classes);
        }
    }

    private static final String HEADER = """
            package com.example;

            import dev.upbook.spec.spi.*;
            import dev.upbook.spec.spi.StepType.Use;
            import java.time.Duration;
            import java.util.*;

            """;

    private static final String ALL_KINDS = HEADER + """
            /**
             * Step type {@code demo.all}: every kind of parameter.
             *
             * <p>Copies at most {@value #LIMIT} files from {@code source}; see {@link java.nio.file.Files#copy(java.nio.file.Path,
             * java.nio.file.Path, java.nio.file.CopyOption...) Files.copy} and {@code {a, b}}.
             * <ul><li>first &lt;item&gt;</li><li>second</li></ul>
             *
             * @see Object
             */
            @StepDefinition(name = "demo.all", uses = {Use.STEP, Use.CHECK}, summary = "Every kind of parameter.",
                    idempotency = "Never done.", idempotent = true, registers = "`{n}`", exactlyOneOf = "sql|file")
            public final class AllKinds implements StepType {
                static final int LIMIT = 42;

                public record With(
                        @Param(value = "Where from.", example = "\\"/srv/release\\"") String source,
                        @Param(value = "Format.", oneOf = {"tar.gz", "zip"}, defaultValue = "tar.gz") String format,
                        @Param("Owner.") Optional<String> owner,
                        @Param(value = "Password.", secret = true) Optional<String> password,
                        @Param(value = "Recursive.", defaultValue = "true") boolean recursive,
                        @Param(value = "Condition.", expression = true) boolean that,
                        @Param(value = "Max.", defaultValue = "200") long maxCount,
                        @Param("Limit.") Optional<Long> limit,
                        @Param(value = "Wait.", defaultValue = "2s") Duration pollInterval,
                        @Param("Timeout.") Optional<Duration> waitFor,
                        @Param(value = "Argv.", required = true, acceptsSingle = true) List<String> argv,
                        @Param("Excludes.") List<String> exclude,
                        @Param(value = "Codes.", defaultValue = "[0, 3]") List<Long> accept,
                        @Param("Params.") List<Object> params,
                        @Param("Env.") Map<String, String> env,
                        @Param("Values.") Map<String, Object> values,
                        @Param("SQL.") Optional<String> sql,
                        @Param("File.") Optional<String> file,
                        @Param(name = "default", value = "Default answer.") Optional<String> defaultAnswer) {}

                @Override public String name() { return AllKindsBinding.DECLARATION.name(); }
                @Override public String summary() { return AllKindsBinding.DECLARATION.summary(); }
                @Override public Set<Use> uses() { return AllKindsBinding.DECLARATION.uses(); }
                @Override public List<dev.upbook.spec.model.KeySpec> parameters() { return AllKindsBinding.DECLARATION.parameters(); }
                @Override public String idempotency() { return AllKindsBinding.DECLARATION.idempotency(); }
                public static Object bind(Parameters p) { return AllKindsBinding.bind(p); }
                public static StepDeclaration declaration() { return AllKindsBinding.DECLARATION; }
            }
            """;

    @Test
    void generatesADeclarationThatMatchesTheRecord() throws Exception {
        Compiled c = compile("AllKinds", ALL_KINDS);
        assertTrue(c.ok(), c.errors().toString());
        StepDeclaration d = (StepDeclaration) call(c, "declaration");
        assertEquals("demo.all", d.name());
        assertEquals(Set.of(StepType.Use.STEP, StepType.Use.CHECK), d.uses());
        assertTrue(d.idempotent());
        assertEquals("`{n}`", d.registers());
        assertEquals(List.of(List.of("sql", "file")), d.exactlyOneOf());
        Map<String, KeySpec> keys = new LinkedHashMap<>();
        d.parameters().forEach(k -> keys.put(k.name(), k));
        assertEquals(List.of("source", "format", "owner", "password", "recursive", "that", "max-count", "limit", "poll-interval",
                "wait-for", "argv", "exclude", "accept", "params", "env", "values", "sql", "file", "default"), List.copyOf(keys.keySet()));
        assertEquals(new KeySpec("source", Type.template(), true, null, "Where from.", "\"/srv/release\""), keys.get("source"));
        assertEquals(new Type.Enum(List.of("tar.gz", "zip")), keys.get("format").type());
        assertEquals("tar.gz", keys.get("format").defaultValue());
        assertEquals("none", keys.get("owner").defaultValue());
        assertEquals(new Type.Secret(), keys.get("password").type());
        assertEquals(new Type.Expression(), keys.get("that").type());
        assertTrue(keys.get("that").required(), "a boolean without default is required");
        assertEquals(Type.nonNegative(), keys.get("max-count").type());
        assertEquals(new Type.Duration(), keys.get("poll-interval").type());
        assertEquals(new Type.OneOf(List.of(Type.template(), new Type.ListOf(Type.template()))), keys.get("argv").type());
        assertTrue(keys.get("argv").required());
        assertEquals("[]", keys.get("exclude").defaultValue());
        assertEquals("[0, 3]", keys.get("accept").defaultValue());
        assertEquals(new Type.MapOf(new Type.Any()), keys.get("values").type());
        assertEquals("{}", keys.get("env").defaultValue());
    }

    @Test
    void bindAppliesDefaultsAndTypes() throws Exception {
        Compiled c = compile("AllKinds", ALL_KINDS);
        assertTrue(c.ok(), c.errors().toString());
        Map<String, Object> given = new LinkedHashMap<>();
        given.put("source", "/srv/r");
        given.put("that", true);
        given.put("argv", "single");
        given.put("max-count", "7");
        given.put("wait-for", "1m");
        given.put("env", Map.of("A", 1));
        Object with = call(c, "bind", new Parameters(given));
        Map<String, Object> values = components(with);
        assertEquals("/srv/r", values.get("source"));
        assertEquals("tar.gz", values.get("format"));
        assertEquals(Optional.empty(), values.get("owner"));
        assertEquals(true, values.get("recursive"));
        assertEquals(7L, values.get("maxCount"));
        assertEquals(Optional.empty(), values.get("limit"));
        assertEquals(Duration.ofSeconds(2), values.get("pollInterval"));
        assertEquals(Optional.of(Duration.ofMinutes(1)), values.get("waitFor"));
        assertEquals(List.of("single"), values.get("argv"));
        assertEquals(List.of(0L, 3L), values.get("accept"));
        assertEquals(Map.of("A", "1"), values.get("env"));
        assertEquals(Map.of(), values.get("values"));
        assertEquals(Optional.empty(), values.get("defaultAnswer"));
    }

    @Test
    void bindNamesTheParameterAndItsPosition() throws Exception {
        Compiled c = compile("AllKinds", ALL_KINDS);
        assertTrue(c.ok(), c.errors().toString());
        Map<String, SourceRef> at = Map.of("format", new SourceRef("p.yaml", 12, 17));
        Map<String, Object> wrongFormat = Map.of("source", "/s", "that", true, "argv", List.of("a"), "format", "rar");
        RuntimeException e = assertThrows(Parameters.ParameterException.class, () -> call(c, "bind", new Parameters(wrongFormat, at)));
        assertEquals("parameter 'format' (p.yaml:12:17) must be one of tar.gz, zip, not 'rar'", e.getMessage());
        Map<String, Object> noSource = Map.of("that", true, "argv", List.of("a"));
        e = assertThrows(Parameters.ParameterException.class, () -> call(c, "bind", new Parameters(noSource, at)));
        assertEquals("parameter 'source' is required", e.getMessage());
        Map<String, Object> badCount = Map.of("source", "/s", "that", true, "argv", List.of("a"), "max-count", "many");
        e = assertThrows(Parameters.ParameterException.class, () -> call(c, "bind", new Parameters(badCount)));
        assertEquals("parameter 'max-count' must be an integer, not 'many'", e.getMessage());
    }

    @Test
    void writesTheSchemaFragmentAndTheReferenceEntry() throws Exception {
        Compiled c = compile("AllKinds", ALL_KINDS);
        assertTrue(c.ok(), c.errors().toString());
        JsonNode schema = new ObjectMapper().readTree(c.resource("META-INF/upbook/steps/demo.all.schema.json"));
        assertEquals("object", schema.get("type").asText());
        assertFalse(schema.get("additionalProperties").asBoolean());
        assertEquals("[\"source\",\"that\",\"argv\"]", schema.get("required").toString());
        assertEquals("[\"tar.gz\",\"zip\"]", schema.get("properties").get("format").get("enum").toString());
        assertEquals("tar.gz", schema.get("properties").get("format").get("default").asText());

        String md = c.resource("META-INF/upbook/steps/demo.all.md");
        assertTrue(md.startsWith("## `demo.all`\n\nEvery kind of parameter.\n\n"), md);
        assertTrue(md.contains("Copies at most 42 files from `source`; see Files.copy and `{a, b}`.\n\n- first <item>\n- second\n"), md);
        assertFalse(md.contains("Step type `demo.all`"), "the first Javadoc sentence repeats the summary: " + md);
        assertFalse(md.contains("@see"), md);
        assertTrue(md.contains("| `format` | one of tar.gz, zip | `tar.gz` | Format. |"), md);
        assertTrue(md.contains("| `source` | template string | *required* | Where from. |"), md);
        assertTrue(md.contains("Exactly one of `sql`, `file` must be given."), md);
        assertTrue(md.contains("- **After a crash in the middle:** runs again by itself"), md);
        assertTrue(md.contains("      source: \"/srv/release\"\n"), "the declared example is used: " + md);
        assertTrue(md.contains("      sql: \"<sql>\"\n"), "the first of each group is shown: " + md);
    }

    @Test
    void wrongDeclarationsAreCompileErrorsOnTheirLine() throws Exception {
        Compiled c = compile("Wrong", HEADER + """
                @StepDefinition(name = "Demo.Wrong", uses = Use.STEP, summary = "s", idempotency = "i", exactlyOneOf = {"a|nope", "b"})
                public final class Wrong implements StepType {
                    public record With(
                            @Param("A.") Optional<String> a,
                            @Param("B.") int b,
                            @Param(value = "C.", required = true, defaultValue = "[]") List<String> c,
                            @Param(value = "D.", defaultValue = "x") Optional<String> d,
                            String e,
                            @Param(value = "F.", defaultValue = "yes") boolean f,
                            @Param(value = "G.", oneOf = {"x", "y"}, defaultValue = "z") String g,
                            @Param(value = "H.", secret = true) long h) {}
                    @Override public String name() { return "demo.wrong"; }
                    @Override public String summary() { return ""; }
                    @Override public Set<Use> uses() { return Set.of(); }
                    @Override public List<dev.upbook.spec.model.KeySpec> parameters() { return List.of(); }
                    @Override public String idempotency() { return ""; }
                }
                """);
        assertFalse(c.ok());
        List<String> errors = c.errors();
        assertContains(errors, "9: step type name 'Demo.Wrong' must be dot-separated lower-case words");
        assertContains(errors, "12: parameter 'b' has type int, which upbook cannot bind");
        assertContains(errors, "13: parameter 'c' is required and cannot have a defaultValue");
        assertContains(errors, "14: parameter 'd' is Optional and cannot have a defaultValue");
        assertContains(errors, "15: record component 'e' of Wrong.With needs @Param");
        assertContains(errors, "16: parameter 'f' has defaultValue 'yes', not true or false");
        assertContains(errors, "17: parameter 'g' has defaultValue 'z', which is not one of its oneOf values [x, y]");
        assertContains(errors, "18: parameter 'h' is secret, which only String parameters can be");
    }

    @Test
    void aClassWithoutWithOrStepTypeIsRefused() throws Exception {
        Compiled c = compile("NoWith", HEADER + """
                @StepDefinition(name = "demo.none", uses = Use.STEP, summary = "s", idempotency = "i")
                public final class NoWith {
                    private NoWith(int x) {}
                }
                """);
        assertFalse(c.ok());
        assertContains(c.errors(), "9: step type NoWith must implement dev.upbook.spec.spi.StepType");
        assertContains(c.errors(), "9: step type NoWith needs a public constructor without arguments");
        assertContains(c.errors(), "9: step type NoWith must declare its parameters as a nested 'record With(...)'");
    }

    @Test
    void groupMembersMustExistAndBeOptional() throws Exception {
        Compiled c = compile("Groups", HEADER + """
                @StepDefinition(name = "demo.groups", uses = Use.STEP, summary = "s", idempotency = "i", exactlyOneOf = {"a|nope", "a|b"})
                public final class Groups implements StepType {
                    public record With(@Param("A.") Optional<String> a, @Param("B.") String b) {}
                    @Override public String name() { return "demo.groups"; }
                    @Override public String summary() { return ""; }
                    @Override public Set<Use> uses() { return Set.of(); }
                    @Override public List<dev.upbook.spec.model.KeySpec> parameters() { return List.of(); }
                    @Override public String idempotency() { return ""; }
                }
                """);
        assertFalse(c.ok());
        assertContains(c.errors(), "9: exactlyOneOf group 'a|nope' names 'nope', which is not a parameter");
        assertContains(c.errors(), "9: exactlyOneOf group 'a|b' names 'b', which is required");
    }

    private static void assertContains(List<String> errors, String start) {
        assertTrue(errors.stream().anyMatch(e -> e.startsWith(start)), "no error starting with \"" + start + "\" in " + errors);
    }

    private static Object call(Compiled c, String method, Object... args) throws Exception {
        try (URLClassLoader loader = new URLClassLoader(new java.net.URL[] {c.classes().toUri().toURL()}, StepTypeProcessorTests.class.getClassLoader())) {
            Class<?> type = loader.loadClass("com.example.AllKinds");
            Method m = args.length == 0 ? type.getMethod(method) : type.getMethod(method, Parameters.class);
            try {
                return m.invoke(null, args);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof RuntimeException r) throw r;
                throw e;
            }
        }
    }

    private static Map<String, Object> components(Object record) throws Exception {
        Map<String, Object> values = new LinkedHashMap<>();
        for (RecordComponent rc : record.getClass().getRecordComponents()) values.put(rc.getName(), rc.getAccessor().invoke(record));
        return values;
    }
}
