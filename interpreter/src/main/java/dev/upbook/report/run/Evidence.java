package dev.upbook.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A review item's evidence (the values compared, as JSON) in words, e.g.
 * {@code {"actual":1203,"expected":1205,"compare":"at-least","captured":"tickets"}} reads
 * "actual 1203, expected at least 1205 (captured tickets)".
 */
final class Evidence {
    private static final Set<String> COMPARISON = Set.of("actual", "expected", "compare", "captured");

    private Evidence() {}

    static String inWords(JsonNode evidence) {
        if (evidence.isMissingNode() || evidence.isNull()) return "";
        if (!evidence.isObject()) return value(evidence);
        List<String> parts = new ArrayList<>();
        if (evidence.has("actual") || evidence.has("expected")) parts.add(comparison(evidence));
        for (Iterator<Map.Entry<String, JsonNode>> it = evidence.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (COMPARISON.contains(field.getKey())) continue;
            // "check" holds the check's own message: it reads best without its key
            parts.add(field.getKey().equals("check") ? value(field.getValue()) : field.getKey() + " " + value(field.getValue()));
        }
        if (!evidence.has("actual") && !evidence.has("expected") && evidence.has("captured")) {
            parts.add("captured " + value(evidence.get("captured")));
        }
        return String.join(", ", parts);
    }

    private static String comparison(JsonNode e) {
        StringBuilder sb = new StringBuilder();
        if (e.has("actual")) sb.append("actual ").append(value(e.get("actual")));
        if (e.has("expected")) {
            if (sb.length() > 0) sb.append(", ");
            sb.append("expected ");
            if (e.has("compare")) sb.append(e.get("compare").asText().replace('-', ' ')).append(' ');
            sb.append(value(e.get("expected")));
        }
        if (e.has("captured")) sb.append(" (captured ").append(value(e.get("captured"))).append(')');
        return sb.toString();
    }

    private static String value(JsonNode v) {
        return v.isValueNode() ? v.asText() : v.toString();
    }
}
