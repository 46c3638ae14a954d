package dev.upbook.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.upbook.lint.FileReport;
import dev.upbook.lint.LintReport;
import dev.upbook.spec.SourceRef;
import dev.upbook.spec.diag.Code;
import dev.upbook.spec.diag.Diagnostic;
import dev.upbook.spec.diag.Severity;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every report format, byte for byte, on one report with a clean file, errors and a warning. */
class LintFormatTests {

    private static final Path WORKSPACE = Path.of("/ws").toAbsolutePath();
    private static final String CLEAN = WORKSPACE.resolve("clean/playbook.yaml").toString();
    private static final String APP = WORKSPACE.resolve("pb/app.playbook.yaml").toString();
    private static final String ODD = WORKSPACE.resolve("odd, name/x.playbook.yaml").toString();
    private static final ReportContext CONTEXT = new ReportContext(WORKSPACE, "1.2.3");

    private static final Diagnostic UNKNOWN_KEY = new Diagnostic(Severity.ERROR, Code.UNKNOWN_KEY, "edgez",
            new SourceRef(APP, 6, 1), "unknown key 'edgez' in playbook", "did you mean 'edges'?");
    private static final Diagnostic NOTHING_MATCHES = new Diagnostic(Severity.WARNING, Code.EDGE_MATCHES_NOTHING,
            "edges[0].from", new SourceRef(APP, 9, 11), "range '<1.0.0' matches no release", "");
    private static final Diagnostic AWKWARD = new Diagnostic(Severity.ERROR, Code.INVALID_VALUE, "product.name",
            new SourceRef(ODD, 2, 12), "100% <wrong> & \"quoted\": a, b\r\nsecond line", "use 'a:b'");

    private static final LintReport REPORT = new LintReport(List.of(
            new FileReport(Path.of(CLEAN), List.of()),
            new FileReport(Path.of(APP), List.of(UNKNOWN_KEY, NOTHING_MATCHES)),
            new FileReport(Path.of(ODD), List.of(AWKWARD))));

    private static final LintReport ALL_CLEAN = new LintReport(List.of(
            new FileReport(Path.of(CLEAN), List.of()),
            new FileReport(Path.of(APP), List.of())));

    @Test
    void textShowsEachDiagnosticWithItsHintThenTheSummary() throws IOException {
        assertEquals(APP + ":6:1: error[UNKNOWN_KEY]: unknown key 'edgez' in playbook (at edgez)\n"
                + "  hint: did you mean 'edges'?\n"
                + APP + ":9:11: warning[EDGE_MATCHES_NOTHING]: range '<1.0.0' matches no release (at edges[0].from)\n"
                + ODD + ":2:12: error[INVALID_VALUE]: 100% <wrong> & \"quoted\": a, b\r\nsecond line (at product.name)\n"
                + "  hint: use 'a:b'\n"
                + "2 errors, 1 warning in 3 files\n",
                render(ReportFormat.TEXT, REPORT));
    }

    @Test
    void textSaysSoWhenNothingIsWrong() throws IOException {
        assertEquals("2 files checked, no problems\n", render(ReportFormat.TEXT, ALL_CLEAN));
    }

    @Test
    void summaryLineCountsEachSeverityInTheSingularOrPlural() {
        assertEquals("1 error in 1 file", new Summary(1, 1, 0, 0).line());
        assertEquals("1 warning, 2 notes in 2 files", new Summary(2, 0, 1, 2).line());
        assertEquals("0 files checked, no problems", new Summary(0, 0, 0, 0).line());
        assertEquals(new Summary(3, 2, 1, 0), Summary.of(REPORT));
    }

    @Test
    void jsonHasStableFieldNames() throws IOException {
        assertEquals("""
                {
                  "files": [
                    {
                      "file": "%s",
                      "diagnostics": []
                    },
                    {
                      "file": "%s",
                      "diagnostics": [
                        {
                          "severity": "error",
                          "code": "UNKNOWN_KEY",
                          "path": "edgez",
                          "line": 6,
                          "column": 1,
                          "message": "unknown key 'edgez' in playbook",
                          "hint": "did you mean 'edges'?"
                        },
                        {
                          "severity": "warning",
                          "code": "EDGE_MATCHES_NOTHING",
                          "path": "edges[0].from",
                          "line": 9,
                          "column": 11,
                          "message": "range '<1.0.0' matches no release",
                          "hint": ""
                        }
                      ]
                    },
                    {
                      "file": "%s",
                      "diagnostics": [
                        {
                          "severity": "error",
                          "code": "INVALID_VALUE",
                          "path": "product.name",
                          "line": 2,
                          "column": 12,
                          "message": "100%% <wrong> & \\"quoted\\": a, b\\r\\nsecond line",
                          "hint": "use 'a:b'"
                        }
                      ]
                    }
                  ],
                  "summary": {
                    "files": 3,
                    "errors": 2,
                    "warnings": 1,
                    "notes": 0
                  }
                }
                """.formatted(json(CLEAN), json(APP), json(ODD)), render(ReportFormat.JSON, REPORT));
    }

    @Test
    void sarifHasOneRulePerCodeUsedAndOneResultPerDiagnostic() throws IOException {
        assertEquals("""
                {
                  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
                  "version": "2.1.0",
                  "runs": [
                    {
                      "tool": {
                        "driver": {
                          "name": "upbook",
                          "version": "1.2.3",
                          "rules": [
                            {
                              "id": "UNKNOWN_KEY",
                              "name": "UnknownKey",
                              "shortDescription": {
                                "text": "The key is not part of the language here."
                              },
                              "fullDescription": {
                                "text": "The key is not part of the language here. See dsl-spec/reference.md for the keys allowed here."
                              },
                              "help": {
                                "text": "See dsl-spec/reference.md for the keys allowed here."
                              },
                              "defaultConfiguration": {
                                "level": "error"
                              }
                            },
                            {
                              "id": "INVALID_VALUE",
                              "name": "InvalidValue",
                              "shortDescription": {
                                "text": "The value is not one of the allowed values."
                              },
                              "fullDescription": {
                                "text": "The value is not one of the allowed values. Use one of the listed values."
                              },
                              "help": {
                                "text": "Use one of the listed values."
                              },
                              "defaultConfiguration": {
                                "level": "error"
                              }
                            },
                            {
                              "id": "EDGE_MATCHES_NOTHING",
                              "name": "EdgeMatchesNothing",
                              "shortDescription": {
                                "text": "The edge's 'from' range matches no release, so the edge is never used."
                              },
                              "fullDescription": {
                                "text": "The edge's 'from' range matches no release, so the edge is never used. Widen the range or remove the edge."
                              },
                              "help": {
                                "text": "Widen the range or remove the edge."
                              },
                              "defaultConfiguration": {
                                "level": "warning"
                              }
                            }
                          ]
                        }
                      },
                      "results": [
                        {
                          "ruleId": "UNKNOWN_KEY",
                          "ruleIndex": 0,
                          "level": "error",
                          "message": {
                            "text": "unknown key 'edgez' in playbook\\nhint: did you mean 'edges'?"
                          },
                          "locations": [
                            {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "pb/app.playbook.yaml"
                                },
                                "region": {
                                  "startLine": 6,
                                  "startColumn": 1
                                }
                              },
                              "logicalLocations": [
                                {
                                  "fullyQualifiedName": "edgez"
                                }
                              ]
                            }
                          ]
                        },
                        {
                          "ruleId": "EDGE_MATCHES_NOTHING",
                          "ruleIndex": 2,
                          "level": "warning",
                          "message": {
                            "text": "range '<1.0.0' matches no release"
                          },
                          "locations": [
                            {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "pb/app.playbook.yaml"
                                },
                                "region": {
                                  "startLine": 9,
                                  "startColumn": 11
                                }
                              },
                              "logicalLocations": [
                                {
                                  "fullyQualifiedName": "edges[0].from"
                                }
                              ]
                            }
                          ]
                        },
                        {
                          "ruleId": "INVALID_VALUE",
                          "ruleIndex": 1,
                          "level": "error",
                          "message": {
                            "text": "100% <wrong> & \\"quoted\\": a, b\\r\\nsecond line\\nhint: use 'a:b'"
                          },
                          "locations": [
                            {
                              "physicalLocation": {
                                "artifactLocation": {
                                  "uri": "odd,%20name/x.playbook.yaml"
                                },
                                "region": {
                                  "startLine": 2,
                                  "startColumn": 12
                                }
                              },
                              "logicalLocations": [
                                {
                                  "fullyQualifiedName": "product.name"
                                }
                              ]
                            }
                          ]
                        }
                      ],
                      "columnKind": "unicodeCodePoints"
                    }
                  ]
                }
                """, render(ReportFormat.SARIF, REPORT));
    }

    @Test
    void sarifHasTheFieldsThatTheSpecificationRequires() throws IOException {
        JsonNode log = new ObjectMapper().readTree(render(ReportFormat.SARIF, REPORT));
        assertEquals("2.1.0", log.path("version").asText());
        assertTrue(log.path("$schema").asText().startsWith("https://"));
        assertEquals(1, log.path("runs").size());
        JsonNode run = log.path("runs").get(0);
        JsonNode driver = run.path("tool").path("driver");
        assertEquals("upbook", driver.path("name").asText());
        // informationUri is optional in SARIF 2.1.0; upbook has no site to point it at
        assertTrue(driver.path("informationUri").isMissingNode(), driver.toString());
        JsonNode rules = driver.path("rules");
        Set<String> levels = Set.of("none", "note", "warning", "error");
        for (JsonNode rule : rules) {
            assertTrue(rule.path("id").isTextual());
            // required by GitHub code scanning
            assertTrue(rule.path("shortDescription").path("text").isTextual(), rule.toString());
            assertTrue(rule.path("fullDescription").path("text").isTextual(), rule.toString());
            assertTrue(rule.path("help").path("text").isTextual(), rule.toString());
            assertTrue(levels.contains(rule.path("defaultConfiguration").path("level").asText()), rule.toString());
        }
        assertEquals(3, run.path("results").size());
        for (JsonNode result : run.path("results")) {
            assertTrue(result.path("message").path("text").isTextual(), "message.text is required");
            assertTrue(levels.contains(result.path("level").asText()));
            assertEquals(result.path("ruleId").asText(), rules.get(result.path("ruleIndex").asInt()).path("id").asText());
            JsonNode physical = result.path("locations").get(0).path("physicalLocation");
            URI uri = URI.create(physical.path("artifactLocation").path("uri").asText());
            assertTrue(!uri.isAbsolute() && !uri.getPath().startsWith("/"), "relative to the working directory: " + uri);
            assertTrue(physical.path("region").path("startLine").asInt() >= 1);
            assertTrue(physical.path("region").path("startColumn").asInt() >= 1);
        }
    }

    @Test
    void sarifOfACleanRunHasNoRulesAndNoResults() throws IOException {
        JsonNode run = new ObjectMapper().readTree(render(ReportFormat.SARIF, ALL_CLEAN)).path("runs").get(0);
        assertEquals(0, run.path("tool").path("driver").path("rules").size());
        assertTrue(run.path("results").isArray());
        assertEquals(0, run.path("results").size());
    }

    @Test
    void junitHasATestCasePerFileAndAFailurePerError() throws IOException {
        assertEquals("""
                <?xml version="1.0" encoding="UTF-8"?>
                <testsuites name="upbook lint" tests="3" failures="2" errors="0">
                  <testsuite name="clean/playbook.yaml" tests="1" failures="0" errors="0" skipped="0">
                    <testcase classname="upbook.lint" name="clean/playbook.yaml"/>
                  </testsuite>
                  <testsuite name="pb/app.playbook.yaml" tests="1" failures="1" errors="0" skipped="0">
                    <testcase classname="upbook.lint" name="pb/app.playbook.yaml">
                      <failure type="UNKNOWN_KEY" message="unknown key 'edgez' in playbook">%1$s:6:1: error[UNKNOWN_KEY]: unknown key 'edgez' in playbook (at edgez)
                  hint: did you mean 'edges'?</failure>
                      <system-out>%1$s:9:11: warning[EDGE_MATCHES_NOTHING]: range '&lt;1.0.0' matches no release (at edges[0].from)
                </system-out>
                    </testcase>
                  </testsuite>
                  <testsuite name="odd, name/x.playbook.yaml" tests="1" failures="1" errors="0" skipped="0">
                    <testcase classname="upbook.lint" name="odd, name/x.playbook.yaml">
                      <failure type="INVALID_VALUE" message="100%% &lt;wrong&gt; &amp; &quot;quoted&quot;: a, b&#13;&#10;second line">%2$s:2:12: error[INVALID_VALUE]: 100%% &lt;wrong&gt; &amp; "quoted": a, b&#13;
                second line (at product.name)
                  hint: use 'a:b'</failure>
                    </testcase>
                  </testsuite>
                </testsuites>
                """.formatted(APP, ODD), render(ReportFormat.JUNIT, REPORT));
    }

    @Test
    void junitIsWellFormedAndKeepsTheMessageExactly() throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(render(ReportFormat.JUNIT, REPORT).getBytes(StandardCharsets.UTF_8)));
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals(2, failures.getLength());
        assertEquals(AWKWARD.message(), ((Element) failures.item(1)).getAttribute("message"));
        assertEquals(3, doc.getElementsByTagName("testcase").getLength());
    }

    @Test
    void xmlReplacesCharactersThatXmlCannotCarry() {
        assertEquals("a\uFFFDb\uFFFDc\t\n&#13;", Xml.text("a\u0000b\uD800c\t\n\r"));
        assertEquals("&#9;&#10;&#13;&quot;&lt;&amp;&gt;", Xml.attribute("\t\n\r\"<&>"));
        assertEquals("emoji \uD83D\uDE00 stays", Xml.text("emoji \uD83D\uDE00 stays"));
    }

    @Test
    void githubWritesOneEscapedWorkflowCommandPerDiagnostic() throws IOException {
        assertEquals("::error file=pb/app.playbook.yaml,line=6,col=1,title=UNKNOWN_KEY::"
                        + "unknown key 'edgez' in playbook%0Ahint: did you mean 'edges'?\n"
                + "::warning file=pb/app.playbook.yaml,line=9,col=11,title=EDGE_MATCHES_NOTHING::"
                        + "range '<1.0.0' matches no release\n"
                + "::error file=odd%2C name/x.playbook.yaml,line=2,col=12,title=INVALID_VALUE::"
                        + "100%25 <wrong> & \"quoted\": a, b%0D%0Asecond line%0Ahint: use 'a:b'\n",
                render(ReportFormat.GITHUB, REPORT));
        assertEquals("", render(ReportFormat.GITHUB, ALL_CLEAN));
    }

    @Test
    void githubPropertiesAlsoEscapeColonAndComma() {
        assertEquals("C%3A/a%2Cb%25%0A", GithubReportWriter.property("C:/a,b%\n"));
        assertEquals("C:/a,b%25%0D%0A", GithubReportWriter.data("C:/a,b%\r\n"));
    }

    @Test
    void pathsAreRelativeToTheWorkingDirectoryWhenInsideIt() {
        assertEquals("pb/app.playbook.yaml", CONTEXT.displayPath(APP));
        assertEquals("pb/app.playbook.yaml", CONTEXT.displayPath("pb/./app.playbook.yaml"));
        assertEquals("pb/my%20app.playbook.yaml", CONTEXT.uri("pb/my app.playbook.yaml"));
        assertEquals("./a:b/playbook.yaml", CONTEXT.uri("a:b/playbook.yaml"));
        Path outside = Path.of("/elsewhere/playbook.yaml").toAbsolutePath();
        assertEquals(outside.toUri().toASCIIString(), CONTEXT.uri(outside.toString()));
        assertTrue(CONTEXT.uri(outside.toString()).startsWith("file:///"));
    }

    @Test
    void formatsAreNamedInLowerCase() {
        assertEquals(List.of("text", "json", "sarif", "junit", "github"), ReportFormat.ids());
        assertEquals(ReportFormat.SARIF, ReportFormat.find("SARIF").orElseThrow());
        assertTrue(ReportFormat.find("xml").isEmpty());
    }

    private static String render(ReportFormat format, LintReport report) throws IOException {
        StringWriter out = new StringWriter();
        format.writer().write(report, CONTEXT, out);
        return out.toString().replace(System.lineSeparator(), "\n");
    }

    /** A path as a JSON string body (backslashes on Windows). */
    private static String json(String s) {
        return s.replace("\\", "\\\\");
    }
}
