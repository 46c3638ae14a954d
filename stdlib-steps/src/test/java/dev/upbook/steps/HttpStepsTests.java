package dev.upbook.steps;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.upbook.spec.spi.CheckResult;
import dev.upbook.spec.spi.Parameters;
import dev.upbook.spec.spi.StepResult;
import dev.upbook.spec.spi.StepType.Use;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** http.check and http.wait against a real HTTP server in this JVM. */
class HttpStepsTests {
    private final HttpCheckStep check = new HttpCheckStep();
    private final HttpWaitStep wait = new HttpWaitStep();

    @TempDir
    Path dir;

    /** One server for the whole JVM, on a free loopback port. */
    private static final class Server {
        static final Map<String, AtomicInteger> HITS = new ConcurrentHashMap<>();
        static final String BASE = start();

        private static String start() {
            try {
                HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.createContext("/", Server::handle);
                server.start();
                return "http://127.0.0.1:" + server.getAddress().getPort();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private static void handle(HttpExchange exchange) throws IOException {
            String path = exchange.getRequestURI().getPath();
            int hits = HITS.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            if (path.equals("/ok")) {
                exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().add("X-Version", "1.18.1");
                send(exchange, 200, "<h1>Welcome to osTicket</h1>");
            } else if (path.equals("/redirect")) {
                exchange.getResponseHeaders().add("Location", "/ok");
                send(exchange, 302, "");
            } else if (path.startsWith("/healthy-after-3/")) {
                send(exchange, hits >= 3 ? 200 : 503, hits >= 3 ? "ready" : "starting");
            } else if (path.equals("/down")) {
                send(exchange, 503, "Down for maintenance");
            } else {
                send(exchange, 404, "no such page");
            }
        }

        private static void send(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private FakeContext url(String path) {
        return new FakeContext(dir).with("url", Server.BASE + path);
    }

    private static String closedPortUrl() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/";
        }
    }

    @Test
    void bothRunAsStepAndCheck() {
        assertTrue(check.canRun(Use.STEP) && check.canRun(Use.CHECK));
        assertTrue(wait.canRun(Use.STEP) && wait.canRun(Use.CHECK));
    }

    @Test
    void aMatchingAnswerSucceedsAndRegistersStatusBodyAndHeaders() throws Exception {
        StepResult result = check.run(url("/ok").with("body", "Welcome to osTicket")
                .with("headers", Map.of("x-version", "^1\\.18\\.", "Content-Type", "text/html")));
        assertTrue(result.succeeded(), result.message());
        assertTrue(result.message().startsWith("HTTP 200 from " + Server.BASE + "/ok in "), result.message());
        @SuppressWarnings("unchecked")
        Map<String, Object> value = (Map<String, Object>) result.value();
        assertEquals(200L, value.get("status"));
        assertEquals("<h1>Welcome to osTicket</h1>", value.get("body"));
        assertEquals("1.18.1", ((Map<?, ?>) value.get("headers")).get("x-version"));
        assertEquals("<h1>Welcome to osTicket</h1>", result.output());
    }

    @Test
    void everyMismatchIsNamedWithBothValues() throws Exception {
        StepResult result = check.run(url("/down").with("body", "Welcome")
                .with("headers", Map.of("X-Version", "1\\.18")));
        assertEquals(StepResult.failed("HTTP 503, expected 200; body does not match /Welcome/: Down for maintenance;"
                + " header X-Version is missing, expected /1\\.18/", "Down for maintenance"), result);
    }

    @Test
    void aHeaderWithAnotherValueShowsIt() throws Exception {
        CheckResult result = check.check(url("/ok").with("headers", Map.of("X-Version", "^1\\.19")));
        assertFalse(result.passed());
        assertEquals("header X-Version is 'X', expected /^1\\.19/".replace("'X'", "'1.18.1'"), result.detail());
        assertEquals(200L, ((Map<?, ?>) result.value()).get("status"));
    }

    @Test
    void redirectsAreNotFollowedSoTheyCanBeExpected() throws Exception {
        CheckResult result = check.check(url("/redirect").with("status", 302L));
        assertTrue(result.passed(), result.detail());
        assertEquals("/ok", ((Map<?, ?>) ((Map<?, ?>) result.value()).get("headers")).get("location"));
    }

    @Test
    void anExpectedErrorStatusPasses() throws Exception {
        assertTrue(check.check(url("/missing").with("status", "404")).passed());
    }

    @Test
    void noServerIsAFailureNamingTheUrl() throws Exception {
        String url = closedPortUrl();
        StepResult result = check.run(new FakeContext(dir).with("url", url));
        assertFalse(result.succeeded());
        assertTrue(result.message().startsWith("cannot connect to " + url), result.message());
        assertNull(result.value());
    }

    @Test
    void badParametersAreNamed() {
        Parameters.ParameterException url = assertThrows(Parameters.ParameterException.class,
                () -> check.run(new FakeContext(dir).with("url", "localhost:8080/health")));
        assertEquals("url", url.parameter());
        Parameters.ParameterException body = assertThrows(Parameters.ParameterException.class,
                () -> check.run(url("/ok").with("body", "(unclosed")));
        assertEquals("parameter 'body' is not a regular expression: Unclosed group", body.getMessage());
    }

    @Test
    void secretsInTheUrlAreMasked() throws Exception {
        StepResult result = check.run(url("/ok?token=s3cret").secret("s3cret"));
        assertFalse(result.message().contains("s3cret"), result.message());
    }

    @Test
    void describeNamesUrlAndExpectations() {
        assertEquals("http.check: GET http://x/ok, expect HTTP 200, body /Welcome/",
                check.describe(new Parameters(Map.of("url", "http://x/ok", "body", "Welcome"))));
        assertEquals("http.wait: GET http://x/ until HTTP 200, every 2s for at most 2m",
                wait.describe(new Parameters(Map.of("url", "http://x/"))));
    }

    @Test
    void waitPollsUntilTheServerIsHealthy() throws Exception {
        FakeContext context = url("/healthy-after-3/run").with("interval", "50ms").with("within", "30s");
        StepResult result = wait.run(context);
        assertTrue(result.succeeded(), result.message());
        assertTrue(result.message().contains(" after 3 attempts in "), result.message());
        assertEquals(Map.of("status", 200L, "body", "ready"), Map.of("status", ((Map<?, ?>) result.value()).get("status"),
                "body", ((Map<?, ?>) result.value()).get("body")));
        assertEquals(2, context.progress.size());
        assertEquals("attempt 1: HTTP 503, expected 200", context.progress.get(0));
    }

    @Test
    void waitGivesUpAfterWithinAndShowsTheLastAnswer() throws Exception {
        StepResult result = wait.run(url("/down").with("interval", "20ms").with("within", "300ms"));
        assertFalse(result.succeeded());
        assertTrue(result.message().startsWith("no HTTP 200 from " + Server.BASE + "/down within 300ms ("), result.message());
        assertTrue(result.message().endsWith("); last: HTTP 503, expected 200"), result.message());
    }

    @Test
    void waitCountsRefusedConnectionsAsNotYet() throws Exception {
        CheckResult result = wait.check(new FakeContext(dir).with("url", closedPortUrl()).with("interval", "20ms").with("within", "200ms"));
        assertFalse(result.passed());
        assertTrue(result.detail().contains("last: cannot connect to"), result.detail());
    }

    @Test
    void waitStopsBetweenAttemptsWhenAsked() throws Exception {
        StepResult result = wait.run(url("/down").with("interval", "10s").withStopRequested());
        assertEquals(StepResult.Status.STOPPED, result.status());
    }

    @Test
    void waitSucceedsAtOnceWhenAlreadyHealthy() throws Exception {
        CheckResult result = wait.check(url("/ok"));
        assertTrue(result.passed());
        assertTrue(result.detail().contains(" after 1 attempt in "), result.detail());
    }
}
