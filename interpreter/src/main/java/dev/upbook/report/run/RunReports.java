package dev.upbook.report.run;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.journal.Journal;
import dev.upbook.journal.Journal.RunRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/** Builds a {@link RunReport} from the journal: the run, its plan's hops and step titles, steps, review, captures, decisions. */
public final class RunReports {
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunReports() {}

    /** The report of run {@code runId}; {@link NoSuchElementException} when the journal has no such run. */
    public static RunReport from(Journal journal, long runId) {
        RunRecord record = journal.run(runId).orElseThrow(() -> new NoSuchElementException("no run #" + runId));
        JsonNode plan = parse(record.planJson());
        Map<String, String> titles = stepTitles(plan);
        List<RunReport.Step> steps = new ArrayList<>();
        for (Journal.StepRecord s : journal.steps(runId)) {
            steps.add(new RunReport.Step(s.seq(), s.instanceId(), titles.getOrDefault(s.instanceId(), ""), s.phase(), s.type(),
                    label(s.state().name()), s.attempts(), s.passes(), s.started(), s.ended(), nonNull(s.message()),
                    nonNull(s.output())));
        }
        List<RunReport.ReviewItem> review = new ArrayList<>();
        for (Journal.ReviewRecord r : journal.review(runId)) {
            String evidence = nonNull(r.evidenceJson());
            review.add(new RunReport.ReviewItem(r.itemId(), r.title(), r.hop(), r.severity(), r.kind(), r.state().label(),
                    nonNull(r.detail()), evidence, Evidence.inWords(parse(evidence)), r.evaluated(), r.decidedBy(),
                    r.decided(), nonNull(r.note())));
        }
        List<RunReport.Capture> captures = journal.captures(runId).stream()
                .map(c -> new RunReport.Capture(c.captureId(), c.title(), nonNull(c.valueJson()), nonNull(c.detail()), c.at()))
                .toList();
        List<RunReport.Decision> decisions = journal.decisions(runId).stream()
                .map(d -> new RunReport.Decision(label(d.kind().name()), d.instanceId(), nonNull(d.reason()), d.by().describe(), d.at()))
                .toList();
        return new RunReport(run(record, plan), hops(plan), review, steps, captures, decisions);
    }

    private static RunReport.Run run(RunRecord r, JsonNode plan) {
        return new RunReport.Run(r.id(), r.installation(), r.product(), plan.path("productTitle").asText(""), r.playbookPath(),
                r.fromVersion(), r.toVersion(), r.planHash(), r.owner().describe(), r.started(), r.ended(), r.status().label(),
                nonNull(r.message()));
    }

    private static List<RunReport.Hop> hops(JsonNode plan) {
        List<RunReport.Hop> hops = new ArrayList<>();
        for (JsonNode h : plan.path("hops")) {
            hops.add(new RunReport.Hop(h.path("id").asText(""), h.path("from").asText(""), h.path("to").asText(""),
                    h.path("title").asText(""), h.path("irreversible").asBoolean(false)));
        }
        return hops;
    }

    private static Map<String, String> stepTitles(JsonNode plan) {
        Map<String, String> titles = new HashMap<>();
        for (JsonNode s : plan.path("steps")) {
            String title = s.path("title").asText("").strip();
            if (!title.isEmpty()) titles.put(s.path("id").asText(""), title);
        }
        return titles;
    }

    /** Parsed JSON, or a missing node when the text is empty or not JSON (a report never fails on a journal's text). */
    static JsonNode parse(String json) {
        if (json == null || json.isBlank()) return JSON.missingNode();
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return JSON.getNodeFactory().textNode(json);
        }
    }

    private static String label(String enumName) {
        return enumName.toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
