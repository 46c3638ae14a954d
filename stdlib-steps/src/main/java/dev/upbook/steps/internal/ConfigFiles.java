package dev.upbook.steps.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Shared mechanics of the config steps: resolving and reading the file to change, replacing it
 * atomically with its mode and owner kept, and the registered map of changed keys.
 */
public final class ConfigFiles {
    private ConfigFiles() {}

    /** A config file that cannot be used as it is; the step fails with this message. */
    public static final class ConfigFileException extends Exception {
        public ConfigFileException(String message) {
            super(message);
        }
    }

    /** The file to change: resolved against the working directory, a symbolic link followed to its target. */
    public static Path target(Path workingDirectory, String file) throws IOException, ConfigFileException {
        Path path = workingDirectory.resolve(file).toAbsolutePath().normalize();
        if (!Files.exists(path)) {
            throw new ConfigFileException(path + " does not exist; a config step changes an existing file"
                    + " (create it first, e.g. with file.write)");
        }
        Path target = path.toRealPath();
        if (!Files.isRegularFile(target)) throw new ConfigFileException(target + " is not a regular file");
        return target;
    }

    /** The file's text, which must be UTF-8. */
    public static String read(Path file) throws IOException, ConfigFileException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ConfigFileException(file + " is not UTF-8 text");
        }
    }

    /**
     * Replaces {@code target} by {@code text}: written to a temporary file in the same directory,
     * given the target's mode, owner and group, flushed to disk and renamed over the target. Returns
     * a note when the owner could not be kept (only root may give a file away).
     */
    public static Optional<String> replaceAtomically(Path target, String text) throws IOException {
        Set<PosixFilePermission> mode = Files.readAttributes(target, PosixFileAttributes.class).permissions();
        return AtomicFiles.replace(target, text.getBytes(StandardCharsets.UTF_8), mode);
    }

    /** One changed key: its value before and after (null when absent), as text. */
    public record Change(String key, String before, String after) {}

    /**
     * The registered value: key → {@code {old: …, new: …}}, both masked; {@code old} is left out
     * for a key that was added, {@code new} for a key that was removed.
     */
    public static Map<String, Object> registered(Iterable<Change> changes, UnaryOperator<String> mask) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Change c : changes) {
            Map<String, Object> values = new LinkedHashMap<>();
            if (c.before() != null) values.put("old", mask.apply(c.before()));
            if (c.after() != null) values.put("new", mask.apply(c.after()));
            out.put(c.key(), values);
        }
        return out;
    }

    /** One line per change, {@code key: old → new}, masked: the step's output excerpt. */
    public static String excerpt(Iterable<Change> changes, UnaryOperator<String> mask) {
        StringBuilder sb = new StringBuilder();
        for (Change c : changes) {
            sb.append(c.key()).append(": ").append(c.before() == null ? "(absent)" : mask.apply(c.before()))
                    .append(" → ").append(c.after() == null ? "(removed)" : mask.apply(c.after())).append('\n');
        }
        return sb.toString();
    }

    /** "changed 2 keys in FILE: a, b" plus the owner note, if any. */
    public static String summary(Path file, java.util.List<Change> changes, Optional<String> ownerNote) {
        StringBuilder keys = new StringBuilder();
        for (Change c : changes) keys.append(keys.length() == 0 ? "" : ", ").append(c.key());
        return "changed " + changes.size() + (changes.size() == 1 ? " key" : " keys") + " in " + file + ": " + keys
                + ownerNote.map(n -> "; " + n).orElse("");
    }
}
