package dev.upbook.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The web site of a demo sandbox: what the product would answer on its URLs, on a free port of
 * 127.0.0.1, so that the playbook's {@code http.check} and {@code http.wait} steps and review items
 * have something real to ask. A path answers 200 with its body while its condition holds (the
 * service runs, the maintenance flag is absent) and 503 otherwise; other paths answer 404.
 */
public final class DemoSite implements AutoCloseable {
    /** One path (a prefix, as HTTP server contexts match) and what it answers. */
    public record Route(String path, Condition upWhen, String body, String downBody, Map<String, String> headers) {
        public Route {
            headers = Map.copyOf(headers);
        }
    }

    /** When a path is up: always, while a file exists or is absent, or while a file contains a text. */
    public record Condition(Kind kind, String file, String text) {
        public static final Condition ALWAYS = new Condition(Kind.ALWAYS, null, null);

        public enum Kind { ALWAYS, EXISTS, ABSENT, CONTAINS }

        boolean holds(UnaryOperator<String> expand) {
            if (kind == Kind.ALWAYS) return true;
            Path path = Path.of(expand.apply(file));
            return switch (kind) {
                case EXISTS -> Files.exists(path);
                case ABSENT -> !Files.exists(path);
                case CONTAINS -> {
                    try {
                        yield Files.isRegularFile(path) && Files.readString(path).contains(expand.apply(text));
                    } catch (IOException e) {
                        yield false;
                    }
                }
                case ALWAYS -> true;
            };
        }
    }

    private final HttpServer server;

    private DemoSite(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts serving {@code routes}; {@code expand} fills the placeholders of files and bodies
     * ({@code ${dir}} and the like) each time a request comes.
     */
    public static DemoSite start(List<Route> routes, UnaryOperator<String> expand) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            for (Route route : routes) {
                server.createContext(route.path(), exchange -> answer(exchange, route, expand));
            }
            server.start();
            return new DemoSite(server);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the demo's web site on 127.0.0.1", e);
        }
    }

    private static void answer(HttpExchange exchange, Route route, UnaryOperator<String> expand) throws IOException {
        try (exchange) {
            boolean up = route.upWhen().holds(expand);
            byte[] body = expand.apply(up ? route.body() : route.downBody()).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            if (up) route.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, expand.apply(value)));
            exchange.sendResponseHeaders(up ? 200 : 503, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** The site's base URL, {@code http://127.0.0.1:PORT} (no trailing slash). */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
