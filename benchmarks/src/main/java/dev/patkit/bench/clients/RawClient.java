package dev.patkit.bench.clients;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The baseline (and, as {@link RawAsyncClient}, the same code on the JDK's async path): {@code java.net.http.HttpClient} plus Jackson, written the way a careful user
 * would write it by hand (a shared client and mapper, status checks, a tree read of the fields
 * the summary needs, the next page from {@code x-next-page}). No retries, no rate-limit
 * bookkeeping, no redaction: it is the floor Patkit's overhead is measured against.
 */
public class RawClient implements BenchClient {

    private static final DateTimeFormatter GITHUB_EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");

    private final HttpClient http;
    private final ObjectMapper mapper = new ObjectMapper();
    private final String base;
    private final boolean async;

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL
     */
    public RawClient(String baseUrl) {
        this(baseUrl, false);
    }

    /**
     * Creates the client.
     *
     * @param baseUrl the stub's base URL
     * @param async whether to call {@code sendAsync(...).join()} instead of {@code send(...)}
     */
    protected RawClient(String baseUrl, boolean async) {
        this.base = baseUrl;
        this.async = async;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    @Override
    public String name() {
        return async ? "rawasync" : "raw";
    }

    @Override
    public boolean supports(Op op) {
        return true;
    }

    @Override
    public String call(Op op) throws IOException, InterruptedException {
        return switch (op) {
            case GITLAB_INSPECT -> gitlabInspect();
            case GITLAB_LIST -> gitlabList();
            case GITHUB_INSPECT -> githubInspect();
        };
    }

    private HttpResponse<byte[]> get(String url, String header, String value) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header(header, value)
                .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).GET().build();
        HttpResponse<byte[]> response;
        if (async) {
            try {
                response = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).join();
            } catch (java.util.concurrent.CompletionException e) {
                throw new IOException(e.getCause());
            }
        } else {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        }
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + url);
        }
        return response;
    }

    private String gitlabInspect() throws IOException, InterruptedException {
        JsonNode n = mapper.readTree(get(base + "/api/v4/personal_access_tokens/self", "PRIVATE-TOKEN", GITLAB_TOKEN).body());
        return summary(n);
    }

    static String summary(JsonNode n) {
        List<String> scopes = new ArrayList<>();
        n.path("scopes").forEach(s -> scopes.add(s.asText()));
        Instant expires = LocalDate.parse(n.path("expires_at").asText()).atStartOfDay(ZoneOffset.UTC).toInstant();
        return "id=" + n.path("id").asText() + " name=" + n.path("name").asText() + " scopes="
                + BenchClient.scopes(scopes) + " active=" + n.path("active").asBoolean() + " expires=" + expires;
    }

    private String gitlabList() throws IOException, InterruptedException {
        String next = "1";
        int count = 0;
        String last = null;
        while (next != null && !next.isEmpty()) {
            HttpResponse<byte[]> r = get(base + "/api/v4/personal_access_tokens?per_page=100&page=" + next,
                    "PRIVATE-TOKEN", GITLAB_TOKEN);
            for (JsonNode n : mapper.readTree(r.body())) {
                summary(n);
                last = n.path("id").asText();
                count++;
            }
            next = r.headers().firstValue("x-next-page").orElse(null);
        }
        return "count=" + count + " last=" + last;
    }

    private String githubInspect() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(base + "/user", "Authorization", "Bearer " + GITHUB_TOKEN);
        JsonNode n = mapper.readTree(r.body());
        List<String> scopes = new ArrayList<>();
        r.headers().firstValue("X-OAuth-Scopes").ifPresent(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).forEach(scopes::add));
        Instant expires = r.headers().firstValue("GitHub-Authentication-Token-Expiration")
                .map(v -> ZonedDateTime.parse(v, GITHUB_EXPIRY).toInstant()).orElse(null);
        return "login=" + n.path("login").asText() + " id=" + n.path("id").asText() + " scopes="
                + BenchClient.scopes(scopes) + " expires=" + expires;
    }
}
