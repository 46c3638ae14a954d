package dev.upbook.cli;

import java.util.Locale;

/** Small text helpers for the one-line messages after {@code upbook: }. */
final class Messages {
    private Messages() {}

    /**
     * The text with its first letter in lower case, so that a capitalised message (picocli's,
     * strerror's "Is a directory") reads as part of one sentence. Acronyms ("SQL ...") stay.
     */
    static String lowerFirst(String s) {
        if (s.length() < 2 || !Character.isUpperCase(s.charAt(0)) || Character.isUpperCase(s.charAt(1))) return s;
        return s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
}
