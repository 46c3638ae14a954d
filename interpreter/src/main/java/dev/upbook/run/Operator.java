package dev.upbook.run;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.util.Optional;

/** Asks the operator questions on the terminal; a non-interactive run has nobody to ask. */
public interface Operator {

    /** The answer, or empty when nobody can be asked (no terminal, or end of input). */
    Optional<String> ask(String question);

    /** Nobody to ask: confirmations need {@code --yes} or a pre-given answer. */
    static Operator nobody() {
        return question -> Optional.empty();
    }

    /** The process's console, when it has one (stdin and stdout are a terminal). */
    static Operator console() {
        Console console = System.console();
        if (console == null) return nobody();
        return question -> {
            String line = console.readLine("%s ", question);
            return Optional.ofNullable(line).map(String::trim);
        };
    }

    /** Reads answers from a reader (tests, scripted input). */
    static Operator reading(BufferedReader in, java.io.PrintWriter out) {
        return question -> {
            out.print(question + " ");
            out.flush();
            try {
                return Optional.ofNullable(in.readLine()).map(String::trim);
            } catch (IOException e) {
                return Optional.empty();
            }
        };
    }
}
