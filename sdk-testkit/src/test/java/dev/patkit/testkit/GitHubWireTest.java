package dev.patkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The GitHub fake on the wire, as {@code gh}, go-github and hub4j see GitHub (reference: "How real
 * clients and servers behave on the wire", GitHub): the API root, the GraphQL {@code viewer}
 * query, scope and expiry headers on authenticated answers in general, {@code Date} and
 * {@code X-GitHub-Request-Id} everywhere, HEAD, and no header of WireMock's own.
 */
class GitHubWireTest {

    @RegisterExtension
    static final FakeGitHub github = FakeGitHub.create();

    private static final HttpClient HTTP11 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final String DATE = "Sun, 01 Mar 2026 10:00:00 GMT";

    private FakeToken classic;
    private FakeToken fineGrained;

    @BeforeEach
    void seed() {
        github.reset();
        github.setNow(Instant.parse("2026-03-01T10:00:00Z"));
        FakeUser octo = github.addUser("octocat", "The Octocat");
        classic = github.addToken(TokenSeed.named("ci").owner(octo).scopes("repo", "read:org")
                .expiresAt(Instant.parse("2026-09-03T14:34:04Z")));
        fineGrained = github.addToken(TokenSeed.named("fg").owner(octo).kind(TokenSeed.Kind.FINE_GRAINED));
    }

    private static HttpResponse<String> send(String method, String path, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(github.rootUri() + path));
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
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

    private static Set<String> names(HttpResponse<?> r) {
        return r.headers().map().keySet().stream().map(k -> k.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    @Test
    void apiRoot_answers200WithTheScopeHeaders_onBothBases() {
        for (String root : List.of("/", "/api/v3/")) {
            HttpResponse<String> r = send("GET", root, null, "Authorization", "Bearer " + classic.secret());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-OAuth-Scopes")).hasValue("repo, read:org");
            assertThat(r.headers().firstValue("X-Accepted-OAuth-Scopes")).hasValue("");
            assertThat(r.headers().firstValue("GitHub-Authentication-Token-Expiration"))
                    .hasValue("2026-09-03 14:34:04 UTC");
            String base = github.rootUri() + ("/".equals(root) ? "" : "/api/v3");
            assertThat(Http.json(r).get("rate_limit_url").asText()).isEqualTo(base + "/rate_limit");
            assertThat(Http.json(r).get("current_user_url").asText()).isEqualTo(base + "/user");
        }
        // Anonymous: 200 without scope headers; a bad token: 401 Bad credentials.
        HttpResponse<String> anonymous = send("GET", "/", null, "User-Agent", "t");
        assertThat(anonymous.statusCode()).isEqualTo(200);
        assertThat(anonymous.headers().firstValue("X-OAuth-Scopes")).isEmpty();
        HttpResponse<String> bad = send("GET", "/", null, "Authorization", "Bearer ghp_unknown");
        assertThat(bad.statusCode()).isEqualTo(401);
        assertThat(bad.body()).isEqualTo(
                "{\"message\":\"Bad credentials\",\"documentation_url\":\"https://docs.github.com/rest\",\"status\":\"401\"}");
    }

    @Test
    void graphql_answersTheViewerLoginQuery() {
        HttpResponse<String> r = send("POST", "/graphql", "{\"query\":\"query UserCurrent{viewer{login}}\"}",
                "Authorization", "bearer " + fineGrained.secret(), "Content-Type", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"data\":{\"viewer\":{\"login\":\"octocat\"}}}");
        assertThat(r.headers().firstValue("x-ratelimit-resource")).hasValue("graphql");
        // GHES serves GraphQL at /api/graphql; whitespace does not matter.
        HttpResponse<String> ghes = send("POST", "/api/graphql", "{\"query\":\"{ viewer { login } }\"}",
                "Authorization", "token " + classic.secret());
        assertThat(ghes.body()).isEqualTo("{\"data\":{\"viewer\":{\"login\":\"octocat\"}}}");
        assertThat(ghes.headers().firstValue("X-OAuth-Scopes")).hasValue("repo, read:org");
        HttpResponse<String> other = send("POST", "/graphql", "{\"query\":\"{ repository(name:\\\"x\\\") { id } }\"}",
                "Authorization", "Bearer " + classic.secret());
        assertThat(other.statusCode()).isEqualTo(200);
        assertThat(Http.json(other).get("errors").get(0).get("message").asText())
                .isEqualTo("This fake serves only the query { viewer { login } }");
        HttpResponse<String> anonymous = send("POST", "/graphql", "{\"query\":\"{viewer{login}}\"}", "User-Agent", "t");
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(Http.json(anonymous).get("message").asText()).isEqualTo("This endpoint requires you to be authenticated.");
    }

    @Test
    void scopeHeaders_comeOnAuthenticatedAnswersInGeneral() {
        HttpResponse<String> rateLimit = send("GET", "/rate_limit", null, "Authorization", "Bearer " + classic.secret());
        // GET /rate_limit does not count against the budget: a second one still sees 5000 left.
        assertThat(Http.json(send("GET", "/rate_limit", null, "Authorization", "Bearer " + classic.secret()))
                .at("/resources/core/remaining").asInt()).isEqualTo(5000);
        assertThat(rateLimit.headers().firstValue("x-ratelimit-remaining")).hasValue("5000");
        HttpResponse<String> notFound = send("GET", "/repos/octocat/none", null, "Authorization",
                "Bearer " + classic.secret());
        assertThat(notFound.statusCode()).isEqualTo(404);
        for (HttpResponse<String> r : List.of(rateLimit, notFound)) {
            assertThat(r.headers().firstValue("X-OAuth-Scopes")).hasValue("repo, read:org");
            assertThat(r.headers().firstValue("X-Accepted-OAuth-Scopes")).hasValue("");
            assertThat(r.headers().firstValue("GitHub-Authentication-Token-Expiration"))
                    .hasValue("2026-09-03 14:34:04 UTC");
        }
        // Fine-grained tokens have no OAuth scopes: no X-OAuth-Scopes, and no expiry header without expiry.
        HttpResponse<String> fg = send("GET", "/user", null, "Authorization", "Bearer " + fineGrained.secret());
        assertThat(fg.headers().firstValue("X-OAuth-Scopes")).isEmpty();
        assertThat(fg.headers().firstValue("X-Accepted-OAuth-Scopes")).hasValue("");
        assertThat(fg.headers().firstValue("GitHub-Authentication-Token-Expiration")).isEmpty();
    }

    @Test
    void dateAndRequestId_onEveryAnswer_andNoWireMockHeader() {
        HttpResponse<String> ok = send("GET", "/user", null, "Authorization", "Bearer " + classic.secret());
        HttpResponse<String> anonymous = send("GET", "/user", null);
        HttpResponse<String> bad = send("GET", "/user", null, "Authorization", "Bearer ghp_unknown");
        github.failNext("GET", "/user", FakeFailure.status(503));
        HttpResponse<String> injected = send("GET", "/user", null, "Authorization", "Bearer " + classic.secret());
        assertThat(List.of(ok.statusCode(), anonymous.statusCode(), bad.statusCode(), injected.statusCode()))
                .containsExactly(200, 401, 401, 503);
        for (HttpResponse<String> r : List.of(ok, anonymous, bad, injected)) {
            assertThat(r.headers().allValues("Date")).containsExactly(DATE);
            assertThat(r.headers().firstValue("X-GitHub-Request-Id").orElseThrow()).matches("[0-9A-F-]{36}");
            assertThat(r.headers().allValues("Content-Type")).containsExactly("application/json; charset=utf-8");
            assertThat(names(r)).noneMatch(n -> n.startsWith("matched-stub") || n.equals("server"));
        }
        assertThat(ok.headers().firstValue("X-GitHub-Request-Id"))
                .isNotEqualTo(bad.headers().firstValue("X-GitHub-Request-Id"));
    }

    @Test
    void head_answersWithTheGetHeadersAndNoBody() {
        HttpResponse<String> head = send("HEAD", "/user", null, "Authorization", "Bearer " + classic.secret());
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.headers().firstValue("X-OAuth-Scopes")).hasValue("repo, read:org");
        assertThat(head.headers().firstValue("x-ratelimit-remaining")).hasValue("4999");
        assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        HttpResponse<String> rootHead = send("HEAD", "/", null, "Authorization", "Bearer " + classic.secret());
        assertThat(rootHead.statusCode()).isEqualTo(200);
        assertThat(rootHead.body()).isEmpty();
    }
}
