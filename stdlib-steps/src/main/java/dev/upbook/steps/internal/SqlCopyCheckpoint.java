package dev.upbook.steps.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a {@code sql.copy} stands, as saved in the journal:
 * {@code {"table":"t","after":123,"rows":4000,"copied":{"a":100}}} while it copies table {@code t}
 * ({@code after} the last key copied into it, a JSON number for an integer key and a string for any
 * other, null before its first row; {@code rows} the rows copied into it so far; {@code copied} the
 * finished tables with their row counts, in order), and
 * {@code {"complete":true,"copied":{"a":100,"t":5000}}} once every table is copied.
 *
 * @param copied finished tables and the rows copied into each, in order
 * @param table the table being copied, null when complete
 * @param after the last key copied into {@code table} (Long or String), null before its first row
 * @param rows the rows copied into {@code table} so far
 * @param complete whether every table is copied
 */
public record SqlCopyCheckpoint(Map<String, Long> copied, String table, Object after, long rows, boolean complete) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public SqlCopyCheckpoint {
        copied = Collections.unmodifiableMap(new LinkedHashMap<>(copied));
        if (after != null && !(after instanceof Long) && !(after instanceof String)) {
            throw new IllegalArgumentException("a key is a Long or a String, not " + after.getClass().getSimpleName());
        }
    }

    /** Copying {@code table} after key {@code after} (null: from its first row), {@code rows} rows in so far. */
    public static SqlCopyCheckpoint at(Map<String, Long> copied, String table, Object after, long rows) {
        return new SqlCopyCheckpoint(copied, table, after, rows, false);
    }

    public static SqlCopyCheckpoint completed(Map<String, Long> copied) {
        return new SqlCopyCheckpoint(copied, null, null, 0, true);
    }

    /** The same table, further on. */
    public SqlCopyCheckpoint advancedTo(Object key, long moreRows) {
        return at(copied, table, key, rows + moreRows);
    }

    public String toJson() {
        ObjectNode node = JSON.createObjectNode();
        if (complete) {
            node.put("complete", true);
        } else {
            node.put("table", table);
            if (after == null) node.putNull("after");
            else if (after instanceof Long key) node.put("after", key);
            else node.put("after", (String) after);
            node.put("rows", rows);
        }
        ObjectNode tables = node.putObject("copied");
        copied.forEach(tables::put);
        return node.toString();
    }

    /** Reads a saved checkpoint; a text that is not one is an {@link IllegalArgumentException} naming the problem. */
    public static SqlCopyCheckpoint parse(String json) {
        JsonNode node;
        try {
            node = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the checkpoint is not JSON: " + e.getOriginalMessage());
        }
        if (node == null || !node.isObject()) throw new IllegalArgumentException("the checkpoint is not a JSON object");
        Map<String, Long> copied = new LinkedHashMap<>();
        JsonNode tables = node.path("copied");
        for (Iterator<Map.Entry<String, JsonNode>> i = tables.fields(); i.hasNext();) {
            Map.Entry<String, JsonNode> entry = i.next();
            copied.put(entry.getKey(), entry.getValue().asLong());
        }
        if (node.path("complete").asBoolean(false)) return completed(copied);
        if (!node.path("table").isTextual()) throw new IllegalArgumentException("the checkpoint names no table");
        JsonNode after = node.path("after");
        Object key = after.isIntegralNumber() ? (Object) after.asLong() : after.isTextual() ? after.asText() : null;
        return at(copied, node.get("table").asText(), key, node.path("rows").asLong(0));
    }
}
