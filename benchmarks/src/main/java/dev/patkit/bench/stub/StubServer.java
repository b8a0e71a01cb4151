package dev.patkit.bench.stub;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback stub of the GitLab and GitHub endpoints the comparison calls, on the JDK's own
 * {@link HttpServer} (lighter and steadier than WireMock for timing).
 *
 * <ul>
 *   <li>{@code GET {prefix}/api/v4/personal_access_tokens/self}: one token record (user 25).</li>
 *   <li>{@code GET {prefix}/api/v4/user}: user 25, {@code bench-user}.</li>
 *   <li>{@code GET /v1/proj1/git/auths}: 20 ServiceStage authorizations, for AK/SK-signed calls only.</li>
 *   <li>{@code GET {prefix}/api/v4/personal_access_tokens?page=N&per_page=M}: 500 token records
 *       (100,000 under the prefix {@code /big}), paged with GitLab's headers ({@code x-page},
 *       {@code x-per-page}, {@code x-total}, {@code x-total-pages}, {@code x-next-page},
 *       {@code x-prev-page}) and a {@code Link} header.</li>
 *   <li>{@code GET /user}: a GitHub user with {@code X-OAuth-Scopes},
 *       {@code GitHub-Authentication-Token-Expiration} and {@code x-ratelimit-*} headers.</li>
 * </ul>
 *
 * <p>Every call without a credential header gets a 401, so a client that forgets it fails.
 * Bodies follow the field lists of the GitHub/GitLab reference.
 */
public final class StubServer implements AutoCloseable {

    /** Tokens in the normal list (5 pages of 100). */
    public static final int SMALL_TOTAL = 500;
    /** Tokens in the list under {@code /big} (1000 pages of 100). */
    public static final int BIG_TOTAL = 100_000;
    /** The scopes the GitHub stub reports. */
    public static final String GITHUB_SCOPES = "repo, read:org, gist";
    /** The expiry the GitHub stub reports. */
    public static final String GITHUB_EXPIRY = "2030-01-02 03:04:05 UTC";

    private static final byte[] SELF = token(4242, "benchmark-self").getBytes(StandardCharsets.UTF_8);
    private static final byte[] USER = ("{\"login\":\"octocat\",\"id\":583231,\"node_id\":\"MDQ6VXNlcjU4MzIzMQ==\","
            + "\"avatar_url\":\"https://avatars.githubusercontent.com/u/583231?v=4\",\"gravatar_id\":\"\","
            + "\"url\":\"https://api.github.com/users/octocat\",\"html_url\":\"https://github.com/octocat\","
            + "\"type\":\"User\",\"site_admin\":false,\"name\":\"The Octocat\",\"company\":\"@github\","
            + "\"blog\":\"https://github.blog\",\"location\":\"San Francisco\",\"email\":null,\"hireable\":null,"
            + "\"bio\":null,\"twitter_username\":null,\"public_repos\":8,\"public_gists\":8,\"followers\":9999,"
            + "\"following\":9,\"created_at\":\"2011-01-25T18:44:36Z\",\"updated_at\":\"2026-01-22T12:13:52Z\","
            + "\"private_gists\":0,\"total_private_repos\":0,\"owned_private_repos\":0,\"disk_usage\":0,"
            + "\"collaborators\":0,\"two_factor_authentication\":true}").getBytes(StandardCharsets.UTF_8);

    private static final byte[] GITLAB_USER = ("{\"id\":25,\"username\":\"bench-user\",\"name\":\"Bench User\","
            + "\"state\":\"active\",\"locked\":false,\"avatar_url\":\"https://gitlab.example.com/uploads/25/avatar.png\","
            + "\"web_url\":\"https://gitlab.example.com/bench-user\",\"created_at\":\"2020-01-15T09:12:33.123Z\","
            + "\"bio\":\"\",\"public_email\":null,\"bot\":false,\"email\":\"bench@example.com\","
            + "\"two_factor_enabled\":true,\"external\":false}").getBytes(StandardCharsets.UTF_8);
    private static final byte[] SS_AUTHS = serviceStageAuths(20);

    private final HttpServer server;
    private final ExecutorService executor;
    private final long delayMs;
    private final Map<Integer, byte[]> smallPages = new HashMap<>();
    private final AtomicLong requests = new AtomicLong();

    private StubServer(HttpServer server, ExecutorService executor, long delayMs) {
        this.server = server;
        this.executor = executor;
        this.delayMs = delayMs;
    }

    /**
     * Starts a stub on a free loopback port.
     *
     * @param threads request threads
     * @return the running stub
     * @throws IOException if no port could be bound
     */
    public static StubServer start(int threads) throws IOException {
        return start(threads, 0);
    }

    /**
     * Starts a stub on a free loopback port that answers every request {@code delayMs} late, as a
     * server that far away would (a round trip of that length).
     *
     * @param threads request threads (a delayed stub needs one per concurrent caller)
     * @param delayMs the added delay per request
     * @return the running stub
     * @throws IOException if no port could be bound
     */
    public static StubServer start(int threads, long delayMs) throws IOException {
        // Without TCP_NODELAY the JDK server's separate header and body writes meet the client's
        // delayed ACK and every response takes ~40 ms. Read once, when the server first starts.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        ExecutorService executor = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "stub");
            t.setDaemon(true);
            return t;
        });
        StubServer stub = new StubServer(server, executor, delayMs);
        server.createContext("/", stub::handle);
        server.setExecutor(executor);
        server.start();
        return stub;
    }

    /** @return the base URL, {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
    }

    /** @return requests served so far */
    public long requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        try (ex) {
            ex.getRequestBody().readAllBytes();
            if (delayMs > 0) {
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            URI uri = ex.getRequestURI();
            String path = uri.getPath();
            Headers in = ex.getRequestHeaders();
            Headers out = ex.getResponseHeaders();
            out.set("Content-Type", "application/json");
            boolean authed = in.containsKey("Authorization") || in.containsKey("Private-Token");
            if (!"GET".equals(ex.getRequestMethod())) {
                send(ex, 405, "{\"message\":\"405 Method Not Allowed\"}".getBytes(StandardCharsets.UTF_8));
            } else if (!authed) {
                send(ex, 401, "{\"message\":\"401 Unauthorized\"}".getBytes(StandardCharsets.UTF_8));
            } else if (path.endsWith("/api/v4/personal_access_tokens/self")) {
                send(ex, 200, SELF);
            } else if (path.endsWith("/api/v4/user")) {
                send(ex, 200, GITLAB_USER);
            } else if (path.endsWith("/api/v4/personal_access_tokens")) {
                list(ex, uri, path.startsWith("/big/") ? BIG_TOTAL : SMALL_TOTAL);
            } else if (path.endsWith("/v1/proj1/git/auths")) {
                if (!in.getFirst("Authorization").startsWith("SDK-HMAC-SHA256 Access=")
                        || !in.containsKey("X-Sdk-Date")) {
                    send(ex, 401, "{\"error_code\":\"APIGW.0301\"}".getBytes(StandardCharsets.UTF_8));
                } else {
                    send(ex, 200, SS_AUTHS);
                }
            } else if (path.equals("/user") || path.equals("/api/v3/user")) {
                out.set("X-OAuth-Scopes", GITHUB_SCOPES);
                out.set("X-Accepted-OAuth-Scopes", "");
                out.set("GitHub-Authentication-Token-Expiration", GITHUB_EXPIRY);
                out.set("x-ratelimit-limit", "5000");
                out.set("x-ratelimit-remaining", "4999");
                out.set("x-ratelimit-used", "1");
                out.set("x-ratelimit-reset", "4102444800");
                out.set("x-ratelimit-resource", "core");
                out.set("X-GitHub-Media-Type", "github.v3; format=json");
                send(ex, 200, USER);
            } else {
                send(ex, 404, "{\"message\":\"404 Not Found\"}".getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private void list(HttpExchange ex, URI uri, int total) throws IOException {
        Map<String, String> q = query(uri.getRawQuery());
        int perPage = clamp(q.getOrDefault("per_page", "20"), 20, 1, 100);
        int pages = Math.max(1, (total + perPage - 1) / perPage);
        int page = clamp(q.getOrDefault("page", "1"), 1, 1, Integer.MAX_VALUE);
        int from = (page - 1) * perPage;
        int count = Math.max(0, Math.min(perPage, total - from));
        Headers out = ex.getResponseHeaders();
        out.set("x-page", Integer.toString(page));
        out.set("x-per-page", Integer.toString(perPage));
        out.set("x-total", Integer.toString(total));
        out.set("x-total-pages", Integer.toString(pages));
        out.set("x-next-page", page < pages ? Integer.toString(page + 1) : "");
        out.set("x-prev-page", page > 1 ? Integer.toString(page - 1) : "");
        out.set("RateLimit-Limit", "2000");
        out.set("RateLimit-Remaining", "1999");
        out.set("RateLimit-Reset", "4102444800");
        String base = "http://" + ex.getRequestHeaders().getFirst("Host") + uri.getRawPath() + "?per_page=" + perPage + "&page=";
        StringBuilder link = new StringBuilder();
        if (page < pages) {
            link.append('<').append(base).append(page + 1).append(">; rel=\"next\", ");
        }
        if (page > 1) {
            link.append('<').append(base).append(page - 1).append(">; rel=\"prev\", ");
        }
        link.append('<').append(base).append(1).append(">; rel=\"first\", ");
        link.append('<').append(base).append(pages).append(">; rel=\"last\"");
        out.set("Link", link.toString());
        byte[] body;
        if (total == SMALL_TOTAL) {
            synchronized (smallPages) {
                body = smallPages.computeIfAbsent(page * 1000 + perPage, k -> page(from, count));
            }
        } else {
            body = page(from, count);
        }
        send(ex, 200, body);
    }

    /**
     * A JSON array of token records, as GitLab's list endpoint returns them.
     *
     * @param from the first token's index
     * @param count how many
     * @return the body
     */
    public static byte[] page(int from, int count) {
        StringBuilder sb = new StringBuilder(count * 420 + 2).append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(token(from + i + 1, "token-" + (from + i + 1)));
        }
        return sb.append(']').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * ServiceStage's list of repository authorizations (reference B.3 field names).
     *
     * @param count how many
     * @return the body
     */
    public static byte[] serviceStageAuths(int count) {
        StringBuilder sb = new StringBuilder("{\"authorizations\":[");
        for (int i = 1; i <= count; i++) {
            if (i > 1) {
                sb.append(',');
            }
            sb.append("{\"name\":\"auth-").append(i).append("\",\"repo_type\":\"github\",")
                    .append("\"repo_host\":\"https://api.github.com\",\"repo_home\":\"https://github.com/bench-user-")
                    .append(i).append("\",\"repo_user\":\"bench-user-").append(i)
                    .append("\",\"avartar\":\"https://avatars.githubusercontent.com/u/73919264?v=4\",")
                    .append("\"token_type\":\"personal\",\"create_time\":1649762172340,")
                    .append("\"update_time\":1649762172340,\"status\":0,\"tag\":null}");
        }
        return sb.append("],\"count\":").append(count).append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * One GitLab token record with every field of {@code PersonalAccessTokenWithLastUsedIps}.
     *
     * @param id the id
     * @param name the name
     * @return its JSON
     */
    public static String token(long id, String name) {
        return "{\"id\":" + id + ",\"name\":\"" + name + "\",\"description\":\"CI token for the release pipeline\","
                + "\"revoked\":false,\"created_at\":\"2026-01-15T09:12:33.123Z\","
                + "\"scopes\":[\"api\",\"read_repository\",\"write_repository\"],\"user_id\":25,"
                + "\"last_used_at\":\"2026-11-20T17:45:01.000Z\",\"active\":true,\"expires_at\":\"2027-01-15\","
                + "\"last_used_ips\":[\"10.0.0.7\",\"10.0.0.8\"]}";
    }

    private static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        ex.sendResponseHeaders(status, body.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(body);
        }
    }

    private static int clamp(String value, int dflt, int min, int max) {
        try {
            return Math.max(min, Math.min(max, Integer.parseInt(value)));
        } catch (NumberFormatException e) {
            return dflt;
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw != null) {
            for (String part : raw.split("&")) {
                int eq = part.indexOf('=');
                if (eq > 0) {
                    q.put(part.substring(0, eq), part.substring(eq + 1));
                }
            }
        }
        return q;
    }

    /**
     * Runs two stubs until killed, one answering at once and one {@code delayMs} late, printing
     * {@code STUB <fastUrl> <slowUrl>} once they listen.
     *
     * @param args optional: request threads of the fast stub (default 4), delay of the slow one in ms (20)
     * @throws Exception if it cannot start
     */
    public static void main(String[] args) throws Exception {
        StubServer stub = start(args.length > 0 ? Integer.parseInt(args[0]) : 4);
        StubServer slow = start(64, args.length > 1 ? Long.parseLong(args[1]) : 20);
        System.out.println("STUB " + stub.baseUrl() + " " + slow.baseUrl());
        System.out.flush();
        Thread.currentThread().join();
    }
}
