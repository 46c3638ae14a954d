package dev.upbook.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every file in {@code src/test/resources/broken/} is a playbook with a mistake; its comments
 * say which diagnostics it must produce, jlox-style: {@code # expect: CODE @ LINE:COL}. The
 * reported errors and warnings must be exactly the expected ones.
 */
class BrokenPlaybookCorpusTests {
    private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*([A-Z_]+)\\s*@\\s*(\\d+):(\\d+)");
    private static final PlaybookCompiler COMPILER = PlaybookCompiler.standard();

    static Path corpus() {
        try {
            return Path.of(BrokenPlaybookCorpusTests.class.getResource("/broken").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Path> files() {
        try (Stream<Path> s = Files.list(corpus())) {
            return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Set<String> expected(Path file) throws IOException {
        Set<String> expected = new TreeSet<>();
        // Latin-1 reads any bytes, so files that are deliberately not UTF-8 still declare expectations.
        Matcher m = EXPECT.matcher(new String(Files.readAllBytes(file), java.nio.charset.StandardCharsets.ISO_8859_1));
        while (m.find()) expected.add(m.group(1) + " @ " + m.group(2) + ":" + m.group(3));
        return expected;
    }

    static Set<String> actual(List<Diagnostic> diagnostics) {
        return diagnostics.stream()
                .map(d -> d.code().name() + " @ " + d.at().line() + ":" + d.at().column())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    @TestFactory
    Stream<DynamicTest> eachBrokenPlaybookReportsExactlyItsExpectedDiagnostics() {
        return files().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
            Set<String> expected = expected(file);
            assertFalse(expected.isEmpty(), file + " declares no '# expect: CODE @ L:C'");
            List<Diagnostic> diagnostics = COMPILER.compile(file).diagnostics();
            assertEquals(expected, actual(diagnostics), () -> "diagnostics of " + file.getFileName() + ":\n"
                    + diagnostics.stream().map(Diagnostic::format).collect(Collectors.joining("\n")));
            diagnostics.forEach(d -> assertTrue(d.at().file().endsWith(file.getFileName().toString()), d.format()));
        }));
    }

    @Test
    void everyDiagnosticCodeIsDemonstratedByTheCorpus() throws IOException {
        Set<Code> kinds = EnumSet.noneOf(Code.class);
        for (Path file : files()) {
            for (String e : expected(file)) kinds.add(Code.valueOf(e.substring(0, e.indexOf(' '))));
        }
        Set<Code> missing = EnumSet.complementOf(EnumSet.copyOf(kinds));
        assertEquals(Set.of(), missing, "codes without a broken playbook in src/test/resources/broken/");
        assertTrue(kinds.size() >= 25, "only " + kinds.size() + " kinds: " + kinds);
    }
}
