package dev.upbook.steps.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One GET request for {@code http.check} and {@code http.wait}, and the judgement of its response
 * against the expected status, body pattern and header patterns.
 *
 * <p>Redirects are not followed, so that a playbook can expect a 301 or 302 itself. At most
 * {@value #BODY_LIMIT} bytes of the body are read and searched; {@value #REGISTERED_CHARS}
 * characters of it are registered.
 */
public final class HttpProbe {
    static final int BODY_LIMIT = 1 << 20;
    static final int REGISTERED_CHARS = 4096;
    private static final int SHOWN_CHARS = 200;

    private final HttpClient client;
    private final URI uri;

    private HttpProbe(URI uri, Duration connectTimeout) {
        this.uri = uri;
        this.client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(positive(connectTimeout)).build();
    }

    /** A probe for {@code url}; a parameter problem when it is not an absolute http(s) URL. */
    public static HttpProbe of(String url, Duration connectTimeout) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (java.net.URISyntaxException e) {
            throw new dev.upbook.spec.spi.Parameters.ParameterException("url", "is not a URL: " + e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw new dev.upbook.spec.spi.Parameters.ParameterException("url", "must be an absolute http:// or https:// URL, not '" + url + "'");
        }
        return new HttpProbe(uri, connectTimeout);
    }

    public URI uri() {
        return uri;
    }

    /**
     * What one request found: a response, or why there was none.
     *
     * @param headers lower-case names; several values of one name joined with ", "
     */
    public record Answer(int status, String body, Map<String, String> headers, String problem, Duration elapsed) {
        public boolean answered() {
            return problem == null;
        }

        /** What {@code register:} stores: {@code {status, body, headers}}; null without a response. */
        public Map<String, Object> registered() {
            if (!answered()) return null;
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("status", (long) status);
            value.put("body", Texts.firstChars(body, REGISTERED_CHARS));
            value.put("headers", Map.copyOf(headers));
            return value;
        }

        public String bodyExcerpt() {
            return body == null ? "" : Texts.firstChars(body, REGISTERED_CHARS);
        }
    }

    /** Sends one GET; waits at most {@code timeout} for the response. */
    public Answer get(Duration timeout) throws InterruptedException {
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(positive(timeout))
                .header("User-Agent", "upbook").build();
        try {
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            String body;
            try (InputStream in = response.body()) {
                body = new String(in.readNBytes(BODY_LIMIT), StandardCharsets.UTF_8);
            }
            return new Answer(response.statusCode(), body, headers(response), null, since(start));
        } catch (HttpTimeoutException e) {
            return new Answer(0, null, Map.of(), "no answer from " + uri + " within " + Texts.elapsed(timeout), since(start));
        } catch (ConnectException e) {
            return new Answer(0, null, Map.of(), "cannot connect to " + uri + reason(e), since(start));
        } catch (IOException e) {
            return new Answer(0, null, Map.of(), "request to " + uri + " failed" + reason(e), since(start));
        }
    }

    private static String reason(IOException e) {
        Throwable t = e;
        while (t.getMessage() == null && t.getCause() != null) t = t.getCause();
        String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return ": " + message;
    }

    private static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> out = new LinkedHashMap<>();
        response.headers().map().forEach((name, values) -> {
            if (!name.startsWith(":")) out.put(name.toLowerCase(Locale.ROOT), String.join(", ", values));
        });
        return out;
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static Duration positive(Duration d) {
        return d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d;
    }

    /**
     * What a response must show. Patterns are searched ({@link java.util.regex.Matcher#find()}):
     * anchor them with {@code ^…$} for an exact match.
     */
    public record Expectation(int status, Optional<Pattern> body, Map<String, Pattern> headers) {
        public Expectation {
            headers = Map.copyOf(headers);
        }

        /** Every way the answer falls short, in words; empty when it meets the expectation. */
        public List<String> mismatches(Answer answer) {
            if (!answer.answered()) return List.of(answer.problem());
            List<String> out = new ArrayList<>();
            if (answer.status() != status) out.add("HTTP " + answer.status() + ", expected " + status);
            body.ifPresent(p -> {
                if (!p.matcher(answer.body()).find()) {
                    out.add("body does not match /" + p.pattern() + "/: " + Texts.firstChars(Texts.oneLine(answer.body()), SHOWN_CHARS));
                }
            });
            headers.forEach((name, p) -> {
                String value = answer.headers().get(name.toLowerCase(Locale.ROOT));
                if (value == null) out.add("header " + name + " is missing, expected /" + p.pattern() + "/");
                else if (!p.matcher(value).find()) out.add("header " + name + " is '" + value + "', expected /" + p.pattern() + "/");
            });
            return out;
        }
    }
}
