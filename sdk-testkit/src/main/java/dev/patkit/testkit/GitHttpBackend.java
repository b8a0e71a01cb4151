package dev.patkit.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A Git server for tests of Git-over-HTTP credentials: {@code git http-backend} behind a JDK
 * HttpServer on 127.0.0.1, serving the bare repositories of a folder to Basic-authenticated clients
 * whose password the given check accepts (for example {@code password -> gitlab.standing(password)
 * == TokenStanding.ACTIVE}, so a token the fake revokes stops working for Git too). It records the
 * user name of every request that carried credentials, never the password. Needs {@code git} on the
 * PATH. Thread-safe; close it to stop the server.
 */
public final class GitHttpBackend implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2);
    private final Path root;
    private final Predicate<String> passwordAccepted;
    private final List<String> users = new CopyOnWriteArrayList<>();

    /**
     * Starts a server on a free port of 127.0.0.1.
     *
     * @param root the folder whose bare repositories ({@code name.git}) are served
     * @param passwordAccepted decides whether a request's Basic password may read
     * @throws IOException if the server cannot start
     */
    public GitHttpBackend(Path root, Predicate<String> passwordAccepted) throws IOException {
        this.root = root;
        this.passwordAccepted = passwordAccepted;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::serve);
        server.start();
    }

    /** @param repository a bare repository's folder name @return its http URL */
    public String url(String repository) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + repository;
    }

    /** @return the {@code host:port} Git sees, as configured for a credential helper */
    public String hostAndPort() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    /** @return the user name of each request that carried credentials, in order */
    public List<String> users() {
        return users;
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String password = null;
            if (auth != null && auth.startsWith("Basic ")) {
                String decoded = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                users.add(decoded.substring(0, decoded.indexOf(':')));
                password = decoded.substring(decoded.indexOf(':') + 1);
            }
            if (password == null || !passwordAccepted.test(password)) {
                exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"git\"");
                exchange.sendResponseHeaders(401, -1);
                return;
            }
            cgi(exchange);
        }
    }

    private void cgi(HttpExchange exchange) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("git", "http-backend");
        Map<String, String> env = pb.environment();
        env.put("GIT_PROJECT_ROOT", root.toString());
        env.put("GIT_HTTP_EXPORT_ALL", "1");
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("REQUEST_METHOD", exchange.getRequestMethod());
        env.put("PATH_INFO", exchange.getRequestURI().getPath());
        String query = exchange.getRequestURI().getRawQuery();
        env.put("QUERY_STRING", query == null ? "" : query);
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        env.put("CONTENT_TYPE", type == null ? "" : type);
        String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
        if (encoding != null) {
            env.put("HTTP_CONTENT_ENCODING", encoding);
        }
        env.put("REMOTE_USER", "git");
        env.put("REMOTE_ADDR", "127.0.0.1");
        Process p = pb.redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (InputStream body = exchange.getRequestBody(); OutputStream stdin = p.getOutputStream()) {
            body.transferTo(stdin);
        }
        byte[] output = p.getInputStream().readAllBytes();
        int split = indexOf(output, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        int skip = 4;
        if (split < 0) {
            split = indexOf(output, "\n\n".getBytes(StandardCharsets.US_ASCII));
            skip = 2;
        }
        int status = 200;
        for (String line : new String(output, 0, Math.max(split, 0), StandardCharsets.ISO_8859_1).split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String name = line.substring(0, colon).trim();
            String value = line.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Status")) {
                status = Integer.parseInt(value.split(" ")[0]);
            } else {
                exchange.getResponseHeaders().add(name, value);
            }
        }
        byte[] payload = Arrays.copyOfRange(output, split + skip, output.length);
        exchange.sendResponseHeaders(status, payload.length == 0 ? -1 : payload.length);
        if (payload.length > 0) {
            exchange.getResponseBody().write(payload);
        }
    }

    private static int indexOf(byte[] data, byte[] pattern) {
        outer:
        for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
