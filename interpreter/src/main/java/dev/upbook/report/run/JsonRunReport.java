package dev.upbook.report.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The JSON report. Times are ISO-8601 UTC strings ({@code null} when unknown), durations whole
 * milliseconds ({@code null} when unknown), states and kinds lower-case labels. Shape:
 *
 * <pre>{@code
 * { "report": "upbook-run", "version": 1,
 *   "run": { "id", "installation", "product", "productTitle", "playbook", "from", "to", "planHash",
 *            "status", "message", "owner", "started", "ended", "durationMs" },
 *   "review": [ { "id", "title", "hop", "severity", "kind", "state", "detail",
 *                 "evidence" (the values compared, as journaled JSON), "evidenceText",
 *                 "evaluated", "decidedBy", "decided", "note" } ],
 *   "hops": [ { "id", "from", "to", "title", "irreversible" } ],
 *   "steps": [ { "seq", "id", "title", "phase", "type", "state", "attempts", "passes",
 *                "started", "ended", "durationMs", "message", "output" } ],
 *   "captures": [ { "id", "title", "value" (JSON), "detail", "at" } ],
 *   "decisions": [ { "kind", "step", "reason", "by", "at" } ] }
 * }</pre>
 */
final class JsonRunReport implements RunReportWriter {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Override
    public void write(RunReport report, Writer out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("report", "upbook-run");
        root.put("version", 1);
        root.set("run", run(report.run()));
        ArrayNode review = root.putArray("review");
        report.review().forEach(r -> review.add(review(r)));
        ArrayNode hops = root.putArray("hops");
        for (RunReport.Hop h : report.hops()) {
            hops.addObject().put("id", h.id()).put("from", h.from()).put("to", h.to()).put("title", h.title())
                    .put("irreversible", h.irreversible());
        }
        ArrayNode steps = root.putArray("steps");
        report.steps().forEach(s -> steps.add(step(s)));
        ArrayNode captures = root.putArray("captures");
        for (RunReport.Capture c : report.captures()) {
            ObjectNode o = captures.addObject().put("id", c.id()).put("title", c.title());
            o.set("value", json(c.valueJson()));
            o.put("detail", c.detail()).put("at", c.at().toString());
        }
        ArrayNode decisions = root.putArray("decisions");
        for (RunReport.Decision d : report.decisions()) {
            decisions.addObject().put("kind", d.kind()).put("step", d.step().orElse(null)).put("reason", d.reason())
                    .put("by", d.by()).put("at", d.at().toString());
        }
        out.write(JSON.writeValueAsString(root));
        out.write('\n');
    }

    private static ObjectNode run(RunReport.Run run) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", run.id()).put("installation", run.installation()).put("product", run.product())
                .put("productTitle", run.productTitle()).put("playbook", run.playbook()).put("from", run.from())
                .put("to", run.to()).put("planHash", run.planHash()).put("status", run.status()).put("message", run.message())
                .put("owner", run.owner()).put("started", run.started().toString()).put("ended", time(run.ended()));
        o.put("durationMs", millis(run.duration()));
        return o;
    }

    private static ObjectNode review(RunReport.ReviewItem r) {
        ObjectNode o = JSON.createObjectNode();
        o.put("id", r.id()).put("title", r.title()).put("hop", r.hop().orElse(null)).put("severity", r.severity())
                .put("kind", r.kind()).put("state", r.state()).put("detail", r.detail());
        o.set("evidence", json(r.evidenceJson()));
        o.put("evidenceText", r.evidence()).put("evaluated", time(r.evaluated())).put("decidedBy", r.decidedBy().orElse(null))
                .put("decided", time(r.decided())).put("note", r.note());
        return o;
    }

    private static ObjectNode step(RunReport.Step s) {
        ObjectNode o = JSON.createObjectNode();
        o.put("seq", s.seq()).put("id", s.id()).put("title", s.title()).put("phase", s.phase()).put("type", s.type())
                .put("state", s.state()).put("attempts", s.attempts()).put("passes", s.passes())
                .put("started", time(s.started())).put("ended", time(s.ended()));
        o.put("durationMs", millis(s.duration()));
        o.put("message", s.message()).put("output", s.output());
        return o;
    }

    private static JsonNode json(String text) {
        JsonNode node = RunReports.parse(text);
        return node.isMissingNode() ? JSON.nullNode() : node;
    }

    private static String time(Optional<Instant> t) {
        return t.map(Instant::toString).orElse(null);
    }

    private static Long millis(Optional<Duration> d) {
        return d.map(Duration::toMillis).orElse(null);
    }
}
