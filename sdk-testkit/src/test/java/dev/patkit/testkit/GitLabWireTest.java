package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GitLab fake on the wire, as real clients see GitLab (reference: "How real clients and servers
 * behave on the wire", GitLab): exact content type, {@code Date}, date-time {@code expires_at},
 * form bodies, missing ids per caller and method, HEAD, {@code Link} from the external URL, and no
 * header of WireMock's own.
 */
class GitLabWireTest {

    @RegisterExtension
    static final FakeGitLab gitlab = FakeGitLab.create();

    /** HTTP/1.1 as most clients speak it, so the headers seen are the plain ones. */
    private static final HttpClient HTTP11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private FakeUser alice;
    private FakeToken aliceApi;
    private FakeToken adminToken;

    @BeforeEach
    void seed() {
        gitlab.reset();
        gitlab.linksFrom(null);
        gitlab.setNow(Instant.parse("2026-03-01T10:00:00Z"));
        alice = gitlab.addUser("alice", "Alice Liddell");
        FakeUser admin = gitlab.addAdmin("root", "Administrator");
        aliceApi = gitlab.addToken(TokenSeed.named("alice-api").owner(alice).scopes("api")
                .expiresOn(LocalDate.parse("2026-12-31")));
        adminToken = gitlab.addToken(admin, "admin", "api");
    }

    private static HttpResponse<String> send(String method, String uri, String contentType, String body,
            String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            return HTTP11.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String url(String path) {
        return gitlab.baseUri() + path;
    }

    private static Map<String, String> headersOf(HttpResponse<?> r) {
        return r.headers().map().entrySet().stream()
                .collect(Collectors.toMap(e -> e.getKey().toLowerCase(java.util.Locale.ROOT),
                        e -> String.join(",", e.getValue()), (a, b) -> a, TreeMap::new));
    }

    @Test
    void jsonAnswers_carryApplicationJsonWithoutCharset_andADateByTheFakesClock() {
        HttpResponse<String> ok = send("GET", url("/user"), null, null, "PRIVATE-TOKEN", aliceApi.secret());
        HttpResponse<String> unauthorized = send("GET", url("/user"), null, null, "PRIVATE-TOKEN", "glpat-unknown");
        HttpResponse<String> noRoute = send("GET", url("/nothing/here"), null, null);
        gitlab.failNext("GET", "/api/v4/user", FakeFailure.status(503));
        HttpResponse<String> injected = send("GET", url("/user"), null, null, "PRIVATE-TOKEN", aliceApi.secret());

        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(unauthorized.statusCode()).isEqualTo(401);
        assertThat(unauthorized.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
        assertThat(noRoute.statusCode()).isEqualTo(404);
        assertThat(injected.statusCode()).isEqualTo(503);
        for (HttpResponse<String> r : java.util.List.of(ok, unauthorized, noRoute, injected)) {
            assertThat(r.headers().allValues("Content-Type")).containsExactly("application/json");
            assertThat(r.headers().allValues("Date")).containsExactly("Sun, 01 Mar 2026 10:00:00 GMT");
        }
        // Nothing of WireMock's own, nothing else unexpected: exactly these header names.
        assertThat(headersOf(ok).keySet()).containsExactly("content-type", "date", "ratelimit-limit",
                "ratelimit-name", "ratelimit-observed", "ratelimit-remaining", "ratelimit-reset", "transfer-encoding");
        assertThat(headersOf(injected).keySet()).containsExactly("content-type", "date", "transfer-encoding");
    }

    @Test
    void formBody_withScopesArrayAndDateTimeExpiry_createsTheTokenWithTheCalendarDate() {
        // What gitlab4j-api sends for POST /users/:id/personal_access_tokens.
        HttpResponse<String> created = send("POST", url("/users/" + alice.id() + "/personal_access_tokens"),
                "application/x-www-form-urlencoded",
                "name=ci&scopes%5B%5D=api&scopes%5B%5D=read_api&expires_at=2026-12-30T00%3A00%3A00Z",
                "PRIVATE-TOKEN", adminToken.secret());
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(Http.json(created).get("name").asText()).isEqualTo("ci");
        assertThat(Http.json(created).get("scopes").toString()).isEqualTo("[\"api\",\"read_api\"]");
        assertThat(Http.json(created).get("expires_at").asText()).isEqualTo("2026-12-30");
        long id = Http.json(created).get("id").asLong();

        // A date-time in a JSON rotate keeps its calendar date too (Ruby's Date.parse), offset or not.
        HttpResponse<String> rotated = send("POST", url("/personal_access_tokens/" + id + "/rotate"),
                "application/json", "{\"expires_at\":\"2026-04-02T23:30:00-05:00\"}", "PRIVATE-TOKEN",
                adminToken.secret());
        assertThat(rotated.statusCode()).isEqualTo(200);
        assertThat(Http.json(rotated).get("expires_at").asText()).isEqualTo("2026-04-02");

        // A form rotate with a plain date.
        long next = Http.json(rotated).get("id").asLong();
        HttpResponse<String> formRotated = send("POST", url("/personal_access_tokens/" + next + "/rotate"),
                "application/x-www-form-urlencoded", "expires_at=2026-05-01", "PRIVATE-TOKEN", adminToken.secret());
        assertThat(Http.json(formRotated).get("expires_at").asText()).isEqualTo("2026-05-01");

        // List filters of type Date take a date-time too.
        HttpResponse<String> filtered = send("GET", url("/personal_access_tokens?user_id=" + alice.id()
                + "&expires_before=2026-05-02T00:00:00Z"), null, null, "PRIVATE-TOKEN", adminToken.secret());
        assertThat(Http.json(filtered).findValuesAsText("expires_at")).containsExactly("2026-04-02", "2026-05-01");

        // Not a date at all: 400.
        HttpResponse<String> bad = send("POST", url("/users/" + alice.id() + "/personal_access_tokens"),
                "application/x-www-form-urlencoded", "name=x&scopes%5B%5D=api&expires_at=soon", "PRIVATE-TOKEN",
                adminToken.secret());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).isEqualTo("{\"error\":\"expires_at is invalid\"}");
    }

    @Test
    void missingPatId_answersPerCallerAndMethod() {
        String missing = url("/personal_access_tokens/9999");
        HttpResponse<String> adminGet = send("GET", missing, null, null, "PRIVATE-TOKEN", adminToken.secret());
        HttpResponse<String> userGet = send("GET", missing, null, null, "PRIVATE-TOKEN", aliceApi.secret());
        HttpResponse<String> adminDelete = send("DELETE", missing, null, null, "PRIVATE-TOKEN", adminToken.secret());
        HttpResponse<String> userDelete = send("DELETE", missing, null, null, "PRIVATE-TOKEN", aliceApi.secret());
        HttpResponse<String> userRotate = send("POST", missing + "/rotate", null, null, "PRIVATE-TOKEN",
                aliceApi.secret());
        assertThat(adminGet.statusCode()).isEqualTo(404);
        assertThat(adminGet.body()).isEqualTo("{\"message\":\"404 Not Found\"}");
        assertThat(userGet.statusCode()).isEqualTo(401);
        assertThat(userGet.body()).isEqualTo("{\"message\":\"401 Unauthorized\"}");
        assertThat(adminDelete.statusCode()).isEqualTo(404);
        assertThat(adminDelete.body()).isEqualTo("{\"message\":\"404 Not found\"}");
        assertThat(userDelete.statusCode()).isEqualTo(404);
        assertThat(userDelete.body()).isEqualTo("{\"message\":\"404 Not found\"}");
        assertThat(userRotate.statusCode()).isEqualTo(401);
        // Another user's existing token stays 401 for a non-admin, on GET and DELETE.
        assertThat(send("DELETE", url("/personal_access_tokens/" + adminToken.id()), null, null, "PRIVATE-TOKEN",
                aliceApi.secret()).statusCode()).isEqualTo(401);
        assertThat(gitlab.standing(adminToken.secret())).isEqualTo(TokenStanding.ACTIVE);
    }

    @Test
    void head_answersEveryGetRouteWithTheGetHeadersAndNoBody() {
        for (int i = 0; i < 3; i++) {
            gitlab.addToken(alice, "extra-" + i, "read_api");
        }
        String list = url("/personal_access_tokens?per_page=2");
        HttpResponse<String> get = send("GET", list, null, null, "PRIVATE-TOKEN", aliceApi.secret());
        HttpResponse<String> head = send("HEAD", list, null, null, "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        Map<String, String> g = headersOf(get);
        Map<String, String> h = headersOf(head);
        for (String name : java.util.List.of("content-type", "date", "link", "x-next-page", "x-page", "x-per-page",
                "x-prev-page", "x-total", "x-total-pages", "ratelimit-limit")) {
            assertThat(h.get(name)).as(name).isEqualTo(g.get(name));
        }
        assertThat(h.get("x-total")).isEqualTo("4");
        assertThat(h.get("x-next-page")).isEqualTo("2");

        HttpResponse<String> selfHead = send("HEAD", url("/personal_access_tokens/self"), null, null, "PRIVATE-TOKEN",
                aliceApi.secret());
        assertThat(selfHead.statusCode()).isEqualTo(200);
        assertThat(selfHead.body()).isEmpty();
        HttpResponse<String> badHead = send("HEAD", url("/user"), null, null, "PRIVATE-TOKEN", "glpat-unknown");
        assertThat(badHead.statusCode()).isEqualTo(401);
        assertThat(badHead.body()).isEmpty();
        assertThat(badHead.headers().firstValue("Content-Type")).hasValue("application/json");
    }

    @Test
    void linksFrom_buildsLinkOnTheConfiguredHostAndPort_keepingPathQueryAndPageHeaders() {
        for (int i = 0; i < 3; i++) {
            gitlab.addToken(alice, "extra-" + i, "read_api");
        }
        gitlab.linksFrom(URI.create("https://gitlab.example.com:8443"));
        HttpResponse<String> page1 = send("GET", url("/personal_access_tokens?state=active&per_page=2"), null, null,
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(page1.headers().firstValue("Link")).hasValue(
                "<http://gitlab.example.com:8443/api/v4/personal_access_tokens?state=active&page=2&per_page=2>;"
                        + " rel=\"next\", "
                        + "<http://gitlab.example.com:8443/api/v4/personal_access_tokens?state=active&page=1&per_page=2>;"
                        + " rel=\"first\", "
                        + "<http://gitlab.example.com:8443/api/v4/personal_access_tokens?state=active&page=2&per_page=2>;"
                        + " rel=\"last\"");
        assertThat(page1.headers().firstValue("x-next-page")).hasValue("2");
        HttpResponse<String> page2 = send("GET", url("/personal_access_tokens?state=active&per_page=2&page=2"), null,
                null, "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(page2.headers().firstValue("x-next-page")).hasValue("");
        assertThat(Http.json(page2).findValuesAsText("name")).containsExactly("extra-1", "extra-2");

        gitlab.linksFrom(null);
        HttpResponse<String> local = send("GET", url("/personal_access_tokens?per_page=2"), null, null,
                "PRIVATE-TOKEN", aliceApi.secret());
        assertThat(local.headers().firstValue("Link").orElseThrow())
                .startsWith("<" + gitlab.rootUri() + "/api/v4/personal_access_tokens?page=2&per_page=2>; rel=\"next\"");
    }
}
