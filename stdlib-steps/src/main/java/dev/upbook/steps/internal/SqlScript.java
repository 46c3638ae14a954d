package dev.upbook.steps.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits SQL text into statements at {@code ;} and counts each statement's {@code ?} placeholders,
 * skipping what is not code: {@code '…'} and {@code "…"} and {@code `…`} quotes (doubled quotes and
 * backslash escapes included), {@code --} and {@code #} line comments, block comments and
 * PostgreSQL dollar quotes ({@code $$…$$}, {@code $body$…$body$}). A {@code ;} inside the
 * {@code BEGIN … END} body of a trigger, procedure or function created without dollar quotes (SQLite
 * and MySQL triggers) does not end the statement. Backslash escapes and {@code #} comments apply
 * to MySQL/MariaDB only.
 *
 * <p>Client commands of the command-line tools ({@code DELIMITER}, psql's backslash commands) are
 * not SQL: a file that uses them is refused with {@link IllegalArgumentException}.
 */
public final class SqlScript {
    private static final Pattern WORD = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern DOLLAR_TAG = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)?\\$");
    private static final Pattern ROUTINE = Pattern.compile(
            "(?is)\\s*CREATE\\s+(OR\\s+REPLACE\\s+)?(DEFINER\\s*=\\s*\\S+\\s+)?((TEMP|TEMPORARY)\\s+)?(TRIGGER|PROCEDURE|FUNCTION)\\b.*");
    private static final Pattern CLIENT_COMMAND = Pattern.compile("(?im)^\\s*(DELIMITER\\s|\\\\[a-z])");

    /** One statement and the number of {@code ?} placeholders it binds. */
    public record Statement(String sql, int placeholders) {}

    private SqlScript() {}

    /**
     * The statements of {@code text} in order, without their terminating {@code ;}; empty ones dropped.
     *
     * @param mysql whether MySQL/MariaDB rules apply: backslash escapes in quotes and {@code #} comments
     */
    public static List<Statement> split(String text, boolean mysql) {
        Matcher clientCommand = CLIENT_COMMAND.matcher(text);
        if (clientCommand.find()) {
            throw new IllegalArgumentException("'" + clientCommand.group().strip() + "' is a command of the mysql or psql"
                    + " client, not SQL; write plain statements separated by ';'");
        }
        List<Statement> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        int placeholders = 0;
        int depth = 0;
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = skip(text, i, mysql);
            if (end > i) {
                current.append(text, i, end);
                i = end;
            } else if (c == '?') {
                placeholders++;
                current.append(c);
                i++;
            } else if (c == ';' && (depth <= 0 || !ROUTINE.matcher(current).matches())) {
                add(statements, current, placeholders, mysql);
                current.setLength(0);
                placeholders = 0;
                depth = 0;
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                Matcher word = WORD.matcher(text).region(i, text.length());
                word.lookingAt();
                depth += nesting(word.group(), text, word.end());
                current.append(word.group());
                i = word.end();
            } else {
                current.append(c);
                i++;
            }
        }
        add(statements, current, placeholders, mysql);
        return List.copyOf(statements);
    }

    private static void add(List<Statement> statements, StringBuilder sql, int placeholders, boolean mysql) {
        String statement = sql.toString().strip();
        if (!statement.isEmpty() && !onlyComments(statement, mysql)) statements.add(new Statement(statement, placeholders));
    }

    private static boolean onlyComments(String statement, boolean mysql) {
        int i = 0;
        while (i < statement.length()) {
            char c = statement.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int end = skipComment(statement, i, mysql);
            if (end == i) return false;
            i = end;
        }
        return true;
    }

    /** How a word changes the depth of routine bodies: BEGIN and CASE open one, END closes one (END IF/LOOP/WHILE/REPEAT none). */
    private static int nesting(String word, String text, int after) {
        String w = word.toUpperCase(Locale.ROOT);
        if (w.equals("BEGIN")) {
            // "BEGIN TRANSACTION;" / "BEGIN;" open no body
            String rest = text.substring(after).stripLeading().toUpperCase(Locale.ROOT);
            return rest.startsWith(";") || rest.startsWith("TRANSACTION") || rest.startsWith("WORK") ? 0 : 1;
        }
        if (w.equals("CASE")) return 1;
        if (w.equals("END")) {
            String next = text.substring(after).stripLeading().toUpperCase(Locale.ROOT);
            return next.matches("(?s)(IF|LOOP|WHILE|REPEAT)\\b.*") ? 0 : -1;
        }
        return 0;
    }

    /** The index after a quote or comment starting at {@code i}, or {@code i} when none starts there. */
    private static int skip(String text, int i, boolean mysql) {
        int comment = skipComment(text, i, mysql);
        if (comment > i) return comment;
        char c = text.charAt(i);
        if (c == '\'' || c == '"' || c == '`') return skipQuoted(text, i, c, mysql && c != '`');
        if (c == '$') {
            Matcher tag = DOLLAR_TAG.matcher(text).region(i, text.length());
            if (tag.lookingAt() && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1)))) {
                int close = text.indexOf(tag.group(), tag.end());
                return close < 0 ? text.length() : close + tag.group().length();
            }
        }
        return i;
    }

    private static int skipComment(String text, int i, boolean mysql) {
        if (text.startsWith("--", i) || (mysql && text.charAt(i) == '#')) {
            int newline = text.indexOf('\n', i);
            return newline < 0 ? text.length() : newline + 1;
        }
        if (text.startsWith("/*", i)) {
            int close = text.indexOf("*/", i + 2);
            return close < 0 ? text.length() : close + 2;
        }
        return i;
    }

    private static int skipQuoted(String text, int i, char quote, boolean backslashEscapes) {
        int j = i + 1;
        while (j < text.length()) {
            char c = text.charAt(j);
            if (c == '\\' && backslashEscapes) {
                j += 2;
            } else if (c == quote) {
                if (j + 1 < text.length() && text.charAt(j + 1) == quote) {
                    j += 2;
                } else {
                    return j + 1;
                }
            } else {
                j++;
            }
        }
        return text.length();
    }
}
