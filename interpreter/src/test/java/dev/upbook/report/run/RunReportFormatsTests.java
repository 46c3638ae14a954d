package dev.upbook.report.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Each report format of a run written through the journal API ({@link RunReportFixture}). */
class RunReportFormatsTests {

    @TempDir
    static Path dir;
    static RunReport report;

    @BeforeAll
    static void writeTheRun() throws Exception {
        report = RunReportFixture.report(dir);
    }

    private static String render(RunReportWriter writer) throws Exception {
        return RunReportFixture.render(report, writer);
    }

    @Test
    void theModelHoldsWhatTheJournalHolds() {
        assertEquals("needs-review", report.run().status());
        assertEquals("Help Desk (helpdesk)", report.run().productName());
        assertEquals(List.of("1.16.0..1.17.0", "1.17.0..1.18.0"), report.hops().stream().map(RunReport.Hop::id).toList());
        assertEquals(List.of("failed", "passed", "pending", "signed-off", "rejected", "failed"),
                report.review().stream().map(RunReport.ReviewItem::state).toList());
        assertEquals("actual 1203, expected at least 1205 (captured tickets)", report.review().get(0).evidence());
        RunReport.Step migrate = report.steps().get(1);
        assertEquals("Migrate <schema>", migrate.title());
        assertEquals(2, migrate.attempts());
        assertEquals(7_500, migrate.duration().orElseThrow().toMillis());
        assertEquals(List.of("mark-retry", "sign-off", "reject"), report.decisions().stream().map(RunReport.Decision::kind).toList());
    }

    @Test
    void evidenceInWordsLeavesOutADetailItAlreadySays() {
        RunReport.ReviewItem item = new RunReport.ReviewItem("review/online", "Online", java.util.Optional.empty(), "blocking",
                "automated", "passed", "/srv/MAINTENANCE: absent", "{\"check\":\"/srv/MAINTENANCE: absent\"}",
                Evidence.inWords(RunReports.parse("{\"check\":\"/srv/MAINTENANCE: absent\"}")), java.util.Optional.empty(),
                java.util.Optional.empty(), java.util.Optional.empty(), "");
        assertEquals("/srv/MAINTENANCE: absent", Texts.evidenceAndDetail(item, "; "));
        assertEquals("status 200, url https://x.test/", Evidence.inWords(RunReports.parse("{\"status\":200,\"url\":\"https://x.test/\"}")));
        assertEquals("expected 1.1.0, detected 1.1.0", Evidence.inWords(RunReports.parse("{\"detected\":\"1.1.0\",\"expected\":\"1.1.0\"}")));
    }

    @Test
    void markdownPutsTheReviewFirstThenPathStepsCapturesAndDecisions() throws Exception {
        String md = render(RunReportWriter.markdown());
        assertTrue(md.startsWith("# Upgrade report: Help Desk (helpdesk) 1.16.0 → 1.18.0 on prod: needs-review\n"), md);
        int review = md.indexOf("## Review");
        int path = md.indexOf("## Path taken");
        int steps = md.indexOf("## Steps");
        int captures = md.indexOf("## Captured before the upgrade");
        int decisions = md.indexOf("## Operator decisions");
        assertTrue(0 < review && review < path && path < steps && steps < captures && captures < decisions, md);
        assertTrue(md.contains("| " + RunReportFixture.FAILED_ITEM + " | No ticket lost | blocking | **failed** | "
                + "actual 1203, expected at least 1205 (captured tickets); 1203 &lt; 1205 |  |"), md);
        assertTrue(md.contains("| review/agents-ok | Agents see their queues | blocking | **signed-off** |"), md);
        assertTrue(md.contains("Bob Reviewer at 2026-11-21T10:01:00Z (agents see their queues) |"), md);
        assertTrue(md.contains("| review/attachments | Attachments open | blocking | **rejected** |"), md);
        assertTrue(md.contains("1. 1.16.0 → 1.17.0: Schema 17\n2. 1.17.0 → 1.18.0 (irreversible)\n"), md);
        assertTrue(md.contains("| 2 | 1.16.0..1.17.0/migrate — Migrate &lt;schema&gt; | succeeded | 2 | 0 | 7.5 s | exit 0 |")
                || md.contains("| 2 | 1.16.0..1.17.0/migrate — Migrate &lt;schema> | succeeded | 2 | 0 | 7.5 s | exit 0 |"), md);
        assertTrue(md.contains("| 3 | post/reindex — Rebuild the search index | failed | 1 | 0 | 750 ms | exit 3: index &lt;b>broken&lt;/b> &amp; stale |"), md);
        assertTrue(md.contains("| 4 | post/cleanup | pending | 0 | 0 |  |  |"), md);
        assertTrue(md.contains("    reindex: segment 4 corrupt\n    hint: run it by hand\n"), "the failed step's output excerpt:\n" + md);
        assertTrue(md.contains("| tickets | Tickets before | 1205 | SELECT count(*) → 1205 | 2026-11-21T10:00:00Z |"), md);
        assertTrue(md.contains("| 2026-11-21T10:00:04Z | mark-retry | 1.16.0..1.17.0/migrate | dave@"), md);
        assertFalse(md.contains("<b>") || md.contains("<schema>") || md.contains("<kept>"), "no raw HTML from the data");
    }

    @Test
    void jsonHasStableFieldsIsoTimesAndMilliseconds() throws Exception {
        JsonNode json = new ObjectMapper().readTree(render(RunReportWriter.json()));
        assertEquals("upbook-run", json.path("report").asText());
        JsonNode run = json.path("run");
        assertEquals("needs-review", run.path("status").asText());
        assertEquals("2026-11-21T10:00:00Z", run.path("started").asText());
        assertEquals(14_000, run.path("durationMs").asLong());
        JsonNode failed = json.path("review").get(0);
        assertEquals(RunReportFixture.FAILED_ITEM, failed.path("id").asText());
        assertEquals("1.16.0..1.17.0", failed.path("hop").asText());
        assertEquals(1203, failed.path("evidence").path("actual").asInt(), "evidence is JSON, not a string");
        assertEquals("at-least", failed.path("evidence").path("compare").asText());
        assertTrue(json.path("review").get(1).path("hop").isNull());
        assertEquals(200, json.path("review").get(1).path("evidence").path("status").asInt());
        JsonNode signed = json.path("review").get(3);
        assertEquals("signed-off", signed.path("state").asText());
        assertEquals("Bob Reviewer", signed.path("decidedBy").asText());
        assertEquals("2026-11-21T10:01:00Z", signed.path("decided").asText());
        assertEquals("advisory", json.path("review").get(5).path("severity").asText());
        assertEquals(List.of("1.16.0", "1.17.0"), texts(json.path("hops"), "from"));
        JsonNode migrate = json.path("steps").get(1);
        assertEquals(7_500, migrate.path("durationMs").asLong());
        assertEquals(2, migrate.path("attempts").asInt());
        assertEquals("2026-11-21T10:00:05Z", migrate.path("started").asText());
        assertTrue(json.path("steps").get(3).path("durationMs").isNull());
        assertEquals(1205, json.path("captures").get(0).path("value").asInt());
        assertEquals(List.of("mark-retry", "sign-off", "reject"), texts(json.path("decisions"), "kind"));
        assertEquals("review/attachments", json.path("decisions").get(2).path("step").asText());
    }

    @Test
    void junitXmlParsesAndMapsReviewItemsAndStepsToTestCases() throws Exception {
        String xml = render(RunReportWriter.junit());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("10", root.getAttribute("tests"));
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element review = (Element) suites.item(0);
        assertEquals("review", review.getAttribute("name"));
        assertEquals(List.of("6", "3", "0", "1"), List.of(review.getAttribute("tests"), review.getAttribute("failures"),
                review.getAttribute("errors"), review.getAttribute("skipped")));
        Element failed = testcase(review, RunReportFixture.FAILED_ITEM + ": No ticket lost");
        assertEquals("prod/run-1", failed.getAttribute("classname"));
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertEquals("blocking", failure.getAttribute("type"));
        assertEquals("failed: actual 1203, expected at least 1205 (captured tickets)", failure.getAttribute("message"));
        assertTrue(failure.getTextContent().contains("\"actual\":1203"), failure.getTextContent());
        Element rejected = (Element) testcase(review, "review/attachments: Attachments open").getElementsByTagName("failure").item(0);
        assertEquals("rejected by Carol: PDFs do not open", rejected.getAttribute("message"));
        Element advisory = (Element) testcase(review, "review/theme: Custom theme <kept>").getElementsByTagName("failure").item(0);
        assertEquals("advisory", advisory.getAttribute("type"));
        Element pending = (Element) testcase(review, "review/staff-login: Staff can log in").getElementsByTagName("skipped").item(0);
        assertEquals("awaiting sign-off", pending.getAttribute("message"));
        Element signed = testcase(review, "review/agents-ok: Agents see their queues");
        assertEquals(0, signed.getElementsByTagName("failure").getLength() + signed.getElementsByTagName("skipped").getLength());
        assertTrue(signed.getTextContent().contains("signed off by Bob Reviewer"), signed.getTextContent());
        assertEquals(0, testcase(review, "review/health: Health page answers").getElementsByTagName("failure").getLength());

        Element steps = (Element) suites.item(1);
        assertEquals("steps", steps.getAttribute("name"));
        assertEquals(List.of("4", "1", "1", "10.250"), List.of(steps.getAttribute("tests"), steps.getAttribute("failures"),
                steps.getAttribute("skipped"), steps.getAttribute("time")));
        Element reindex = testcase(steps, "post/reindex: Rebuild the search index");
        assertEquals("0.750", reindex.getAttribute("time"));
        assertEquals("exit 3: index <b>broken</b> & stale",
                ((Element) reindex.getElementsByTagName("failure").item(0)).getAttribute("message"));
        assertEquals("7.500", testcase(steps, "1.16.0..1.17.0/migrate: Migrate <schema>").getAttribute("time"));
    }

    @Test
    void htmlIsOneSelfContainedFileWithTheReviewOnTopAndAnSvgTimeline() throws Exception {
        String html = render(RunReportWriter.html());
        assertTrue(html.startsWith("<!DOCTYPE html>"), html);
        assertTrue(html.contains("<style>"));
        for (String external : List.of("src=", "href=", "url(", "@import", "<link", "<script", "<img", "<iframe", "xmlns")) {
            assertFalse(html.toLowerCase().contains(external), "no " + external + " in a self-contained report");
        }
        String dataUrl = "https://helpdesk.example.test/health?x=1&amp;y=&lt;2&gt;";
        assertEquals(1, count(html, "url " + dataUrl), "the data's URL appears as escaped text in the evidence");
        String rest = html.replace(dataUrl, "");
        for (String scheme : List.of("http:", "https:", "ftp:", "file:", "data:", "//")) {
            assertFalse(rest.toLowerCase().contains(scheme), "no " + scheme + " anywhere but in the data's text");
        }
        int review = html.indexOf("<table class=\"review\">");
        int svg = html.indexOf("<svg class=\"timeline\"");
        int steps = html.indexOf("<table class=\"steps\">");
        assertTrue(0 < review && review < svg && svg < steps, "review, then the timeline, then the steps");
        assertEquals(3, count(html, "<rect class=\"bar "), "a bar per started step");
        assertTrue(html.contains("<rect class=\"bar failed\""), html);
        assertTrue(html.contains("<title>post/reindex — Rebuild the search index: failed, 750 ms</title>"), html);
        assertTrue(html.contains("<title>1.16.0..1.17.0/migrate — Migrate &lt;schema&gt;: succeeded, 7.5 s, 2 attempts</title>"), html);
        assertTrue(html.contains("<span class=\"state signed-off\">signed-off</span>"), html);
        assertTrue(html.contains("Custom theme &lt;kept&gt;"), html);
        assertTrue(html.contains("exit 3: index &lt;b&gt;broken&lt;/b&gt; &amp; stale"), html);
        assertFalse(html.contains("<b>broken"), "data is escaped");
        assertTrue(html.indexOf("<table class=\"decisions\">") < html.indexOf("<table class=\"captures\">"));
    }

    private static Element testcase(Element suite, String name) {
        NodeList cases = suite.getElementsByTagName("testcase");
        for (int i = 0; i < cases.getLength(); i++) {
            Element e = (Element) cases.item(i);
            if (e.getAttribute("name").equals(name)) return e;
        }
        throw new AssertionError("no testcase '" + name + "'");
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }

    static int count(String s, String needle) {
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + 1)) n++;
        return n;
    }
}
