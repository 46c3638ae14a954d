package dev.upbook.spec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The fenced YAML examples of the Markdown files at the top of {@code dsl-spec/}. An example's
 * info string says what it is: {@code yaml} is a complete, valid playbook; {@code yaml fragment}
 * is a piece of one and is not checked; {@code yaml error=CODE} is a complete playbook that must
 * be reported with exactly that code (a warning code works the same way).
 */
public final class MarkdownExamples {

    /** One fenced block: where it is, its info string and its text. */
    public record Example(Path file, int line, List<String> info, String text) {
        public boolean isFragment() {
            return info.contains("fragment");
        }

        /** The code an example that shows a mistake must produce, from {@code error=CODE}. */
        public Optional<String> expectedCode() {
            return info.stream().filter(s -> s.startsWith("error=")).map(s -> s.substring("error=".length())).findFirst();
        }

        /** Where the example is, e.g. {@code reference.md:120}, for test names and messages. */
        public String name() {
            return file.getFileName() + ":" + line;
        }
    }

    private MarkdownExamples() {}

    /** The Markdown files directly in {@code dir}, sorted by name. */
    public static List<Path> markdownFiles(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every ```yaml block of every Markdown file in {@code dir}. */
    public static List<Example> yamlExamples(Path dir) {
        List<Example> all = new ArrayList<>();
        for (Path file : markdownFiles(dir)) all.addAll(yamlExamples(file, read(file)));
        return all;
    }

    /** The ```yaml blocks of one Markdown text; {@code line} is the 1-based line of the opening fence. */
    public static List<Example> yamlExamples(Path file, String markdown) {
        List<Example> examples = new ArrayList<>();
        String[] lines = markdown.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String fence = lines[i].strip();
            if (!fence.startsWith("```")) continue;
            String info = fence.substring(3).strip();
            int close = closingFence(lines, i + 1);
            if (info.equals("yaml") || info.startsWith("yaml ")) {
                String text = String.join("\n", Arrays.asList(lines).subList(i + 1, close)) + "\n";
                examples.add(new Example(file, i + 1, List.of(info.split("\\s+")), text));
            }
            i = close;
        }
        return examples;
    }

    private static int closingFence(String[] lines, int from) {
        for (int j = from; j < lines.length; j++) {
            if (lines[j].strip().equals("```")) return j;
        }
        throw new IllegalStateException("a code fence opened before line " + from + " is never closed");
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
