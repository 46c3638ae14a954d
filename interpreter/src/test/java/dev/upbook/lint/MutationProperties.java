package dev.upbook.lint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Random mutations of valid playbooks never escape as an uncaught exception: they become diagnostics. */
class MutationProperties {
    private static final PlaybookCompiler COMPILER = PlaybookCompiler.standard();
    private static final List<String> SEEDS = seeds();

    /** The valid test playbook plus every shipped playbook (when the tests run inside the repository). */
    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        try {
            seeds.add(Files.readString(Path.of(MutationProperties.class.getResource("/valid/full.playbook.yaml").toURI())));
            Path shipped = Path.of(System.getProperty("upbook.repo", "..")).resolve("playbooks");
            if (Files.isDirectory(shipped)) {
                try (Stream<Path> walk = Files.walk(shipped)) {
                    for (Path p : walk.filter(Linter::isPlaybookFile).filter(p -> !p.toString().contains("target")).sorted().toList()) {
                        seeds.add(Files.readString(p));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return List.copyOf(seeds);
    }

    /** One edit of the text: delete, insert or replace a span, duplicate or drop a line, re-indent. */
    record Mutation(int kind, double where, double length, String insert) {
        String apply(String text) {
            if (text.isEmpty()) return insert;
            int at = (int) (where * text.length());
            int end = Math.min(text.length(), at + 1 + (int) (length * 40));
            String[] lines = text.split("\n", -1);
            int line = (int) (where * lines.length);
            switch (kind) {
                case 0: return text.substring(0, at) + text.substring(end);
                case 1: return text.substring(0, at) + insert + text.substring(at);
                case 2: return text.substring(0, at) + insert + text.substring(end);
                case 3: {
                    List<String> l = new ArrayList<>(List.of(lines));
                    l.add(line, lines[line]);
                    return String.join("\n", l);
                }
                case 4: {
                    List<String> l = new ArrayList<>(List.of(lines));
                    l.remove(line);
                    return String.join("\n", l);
                }
                default: {
                    lines[line] = (length < 0.5 ? " " : "") + (length >= 0.5 && lines[line].startsWith(" ") ? lines[line].substring(1) : lines[line]);
                    return String.join("\n", lines);
                }
            }
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        Arbitrary<String> tokens = Arbitraries.of(":", "- ", "{", "}", "[", "]", "&a ", "*a", "!x ", "|", ">", "'", "\"", "#",
                "\n", "  ", "{{", "}}", "{% if %}", "---\n", "~", "null", "id: x", "type: exec", "after: [x]", "2.0.0", ">=1 <",
                "\t", "\u0000", "é", "\uD83D\uDE00", "upbook: 2", "with: 5", "when: '('", "0x", "-1", "99999999999999999999");
        return Combinators.combine(Arbitraries.integers().between(0, 5), Arbitraries.doubles().between(0, 0.999).ofScale(3),
                Arbitraries.doubles().between(0, 1).ofScale(3), tokens).as(Mutation::new);
    }

    @Property(tries = 400)
    void mutatedPlaybooksNeverThrow(@ForAll("mutations") Mutation first, @ForAll("mutations") Mutation second,
                                    @ForAll("seedIndex") int seed) {
        String text = second.apply(first.apply(SEEDS.get(seed % SEEDS.size())));
        COMPILER.compile(text, "mutated.playbook.yaml"); // must return diagnostics, never throw
    }

    @Provide
    Arbitrary<Integer> seedIndex() {
        return Arbitraries.integers().between(0, 1000);
    }
}
