package dev.patkit.bench.clients;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The floor: {@code java.net.http.HttpClient} plus Jackson, written the way a careful user would
 * write it by hand. A shared client and mapper; every response bound by Jackson straight into
 * records ({@link ObjectReader}s built once, no {@code JsonNode} tree); timestamps turned into
 * {@link Instant}s as an application would use them; status checks; the next page from
 * {@code x-next-page}; ServiceStage calls signed with SDK-HMAC-SHA256. Plain http goes as
 * HTTP/1.1 with no h2c upgrade offer, exactly as Patkit sends it (https would be left to the
 * client, HTTP/2 by ALPN, as Patkit does). No retries, no rate-limit bookkeeping, no redaction.
 */
public class RawClient implements BenchClient {

    private static final DateTimeFormatter GITHUB_EXPIRY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z");
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /** A GitLab token record, the fields an application reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GlToken(long id, String name, String description, boolean revoked, boolean active, List<String> scopes,
            @JsonProperty("user_id") Long userId, @JsonProperty("created_at") String createdAt,
            @JsonProperty("last_used_at") String lastUsedAt, @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("last_used_ips") List<String> lastUsedIps) {}

    /** What an application keeps of a GitLab token: parsed timestamps. */
    record GlSummary(long id, String name, List<String> scopes, boolean active, Instant created, Instant lastUsed,
            Instant expires) {}

    /** GitLab's {@code /user}, the fields an application reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GlUser(long id, String username, String name, boolean bot) {}

    /** GitHub's {@code /user}, the fields an application reads. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record GhUser(String login, long id, String name) {}

    /** ServiceStage's list document. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SsAuths(List<SsAuth> authorizations, int count) {}

    /** One ServiceStage repository authorization. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record SsAuth(String name, @JsonProperty("repo_type") String repoType, @JsonProperty("repo_host") String repoHost,
            @JsonProperty("repo_home") String repoHome, @JsonProperty("repo_user") String repoUser,
            @JsonProperty("token_type") String tokenType, @JsonProperty("create_time") Long createTime,
            @JsonProperty("update_time") Long updateTime, Integer status, String tag) {}

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectReader GL_TOKEN = MAPPER.readerFor(GlToken.class);
    private static final ObjectReader GL_PAGE = MAPPER.readerFor(new TypeReference<List<GlToken>>() {});
    private static final ObjectReader GL_USER = MAPPER.readerFor(GlUser.class);
    private static final ObjectReader GH_USER = MAPPER.readerFor(GhUser.class);
    private static final ObjectReader SS_AUTHS = MAPPER.readerFor(SsAuths.class);

    private final HttpClient http;
    private final String base;
    private final boolean async;
    private final String gitlabToken;
    private final String githubBearer;
    private final String accessKey;
    private final ThreadLocal<Mac> mac;

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
        this(HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), baseUrl, async, 0);
    }

    private RawClient(HttpClient http, String baseUrl, boolean async, int index) {
        this.http = http;
        this.base = baseUrl;
        this.async = async;
        this.gitlabToken = BenchClient.gitlabToken(index);
        this.githubBearer = "Bearer " + BenchClient.githubToken(index);
        this.accessKey = BenchClient.accessKey(index);
        SecretKeySpec key = new SecretKeySpec(SS_SECRET_KEY.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.mac = ThreadLocal.withInitial(() -> {
            try {
                Mac m = Mac.getInstance("HmacSHA256");
                m.init(key);
                return m;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public BenchClient forToken(int index) {
        return new RawClient(http, base, async, index);
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
            case GITLAB_LIST -> gitlabList("");
            case GITLAB_LIST_BIG -> gitlabList("/big");
            case GITHUB_INSPECT -> githubInspect();
            case SERVICESTAGE_LIST -> serviceStageList();
        };
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET();
        if (uri.getScheme().equals("http")) {
            b.version(HttpClient.Version.HTTP_1_1); // as Patkit: no h2c upgrade offer on plain http
        }
        return b;
    }

    private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
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
            throw new IOException("HTTP " + response.statusCode() + " from " + request.uri().getPath());
        }
        return response;
    }

    private HttpResponse<byte[]> gitlabGet(String url) throws IOException, InterruptedException {
        return send(request(URI.create(url)).header("PRIVATE-TOKEN", gitlabToken).build());
    }

    /** The token record and its owner, both requests in flight at once (as Patkit sends them). */
    private String gitlabInspect() throws IOException, InterruptedException {
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> user = http.sendAsync(
                request(URI.create(base + "/api/v4/user")).header("PRIVATE-TOKEN", gitlabToken).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        GlSummary t = summary(GL_TOKEN.readValue(gitlabGet(base + "/api/v4/personal_access_tokens/self").body()));
        HttpResponse<byte[]> u;
        try {
            u = user.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IOException(e.getCause());
        }
        GlUser owner = u.statusCode() == 200 ? GL_USER.readValue(u.body()) : null;
        return "id=" + t.id() + " name=" + t.name() + " scopes=" + BenchClient.scopes(t.scopes()) + " active="
                + t.active() + " expires=" + t.expires() + " owner=" + (owner == null ? null : owner.username());
    }

    static GlSummary summary(GlToken t) {
        return new GlSummary(t.id(), t.name(), t.scopes() == null ? List.of() : t.scopes(), t.active(),
                t.createdAt() == null ? null : Instant.parse(t.createdAt()),
                t.lastUsedAt() == null ? null : Instant.parse(t.lastUsedAt()),
                t.expiresAt() == null ? null : LocalDate.parse(t.expiresAt()).atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private String gitlabList(String prefix) throws IOException, InterruptedException {
        String next = "1";
        int count = 0;
        long last = 0;
        while (next != null && !next.isEmpty()) {
            HttpResponse<byte[]> r = gitlabGet(base + prefix + "/api/v4/personal_access_tokens?per_page=100&page=" + next);
            List<GlToken> page = GL_PAGE.readValue(r.body());
            for (GlToken t : page) {
                last = summary(t).id();
                count++;
            }
            next = r.headers().firstValue("x-next-page").orElse(null);
        }
        return "count=" + count + " last=" + last;
    }

    private String githubInspect() throws IOException, InterruptedException {
        HttpResponse<byte[]> r = send(request(URI.create(base + "/user")).header("Authorization", githubBearer).build());
        GhUser u = GH_USER.readValue(r.body());
        List<String> scopes = new ArrayList<>();
        r.headers().firstValue("X-OAuth-Scopes").ifPresent(v -> Arrays.stream(v.split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).forEach(scopes::add));
        Instant expires = r.headers().firstValue("GitHub-Authentication-Token-Expiration")
                .map(v -> ZonedDateTime.parse(v, GITHUB_EXPIRY).toInstant()).orElse(null);
        return "login=" + u.login() + " id=" + u.id() + " scopes=" + BenchClient.scopes(scopes) + " expires=" + expires;
    }

    private String serviceStageList() throws IOException, InterruptedException {
        URI uri = URI.create(base + "/v1/proj1/git/auths");
        LocalDateTime now = LocalDateTime.now(ZoneOffset.UTC);
        String date = String.format(java.util.Locale.ROOT, "%04d%02d%02dT%02d%02d%02dZ", now.getYear(),
                now.getMonthValue(), now.getDayOfMonth(), now.getHour(), now.getMinute(), now.getSecond());
        String host = uri.getRawAuthority();
        String canonical = "GET\n" + uri.getRawPath() + "/\n\naccept:application/json\nhost:" + host
                + "\nx-project-id:proj1\nx-sdk-date:" + date + "\n\naccept;host;x-project-id;x-sdk-date\n" + EMPTY_SHA256;
        String toSign;
        try {
            toSign = "SDK-HMAC-SHA256\n" + date + "\n" + HEX.formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        String signature = HEX.formatHex(mac.get().doFinal(toSign.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<byte[]> r = send(request(uri).header("X-Project-Id", "proj1").header("X-Sdk-Date", date)
                .header("Authorization", "SDK-HMAC-SHA256 Access=" + accessKey
                        + ", SignedHeaders=accept;host;x-project-id;x-sdk-date, Signature=" + signature).build());
        SsAuths auths = SS_AUTHS.readValue(r.body());
        SsAuth last = null;
        int count = 0;
        for (SsAuth a : auths.authorizations()) {
            Instant created = a.createTime() == null ? null : Instant.ofEpochMilli(a.createTime());
            if (created != null) {
                last = a;
            }
            count++;
        }
        return "count=" + count + " last=" + (last == null ? null : last.name()) + " user="
                + (last == null ? null : last.repoUser()) + " status=" + (last == null ? null : last.status());
    }
}
