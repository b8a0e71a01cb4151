package dev.patkit.core.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.AuthenticationException;
import dev.patkit.core.DeadlineExceededException;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.PermissionException;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RedirectRefusedException;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.ResponseTooLargeException;
import dev.patkit.core.RetryPolicy;
import dev.patkit.core.ServerException;
import dev.patkit.core.Token;
import dev.patkit.core.UnsafeConfigurationException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PipelineTest extends PipelineTestBase {

    private static final List<String> CREDENTIAL_HEADERS =
            List.of("Authorization", "PRIVATE-TOKEN", "X-Auth-Token", "JOB-TOKEN", "Cookie", "Proxy-Authorization");

    private static ApiRequest<String> getText(String path) {
        return ApiRequest.get(path).operation("read " + path).expect(r -> r.text());
    }

    private static <T> T join(CompletableFuture<T> f) {
        return Futures.join(f);
    }

    @Test
    void get_sendsCredentialsUserAgentAndQuery() {
        api.stubFor(get(urlPathEqualTo("/api/v4/things")).willReturn(okJson("{\"a\":1}")));
        String body = join(pipeline().send(ApiRequest.get("/things").query("search", "a b+c").query("skip", null)
                .operation("list things").expect(r -> r.json().path("a").asText())));
        assertThat(body).isEqualTo("1");
        LoggedRequest r = api.getAllServeEvents().get(0).getRequest();
        assertThat(r.getUrl()).isEqualTo("/api/v4/things?search=a%20b%2Bc");
        assertThat(r.getHeader("Authorization")).isEqualTo("Bearer " + secret);
        assertThat(r.getHeader("User-Agent")).startsWith("Patkit/");
        assertThat(r.getHeader("Accept")).isEqualTo("application/json");
    }

    @Test
    void plainHttp_isSentAsHttp11_withoutAnH2cUpgradeOffer() {
        api.stubFor(get(urlPathEqualTo("/api/v4/things")).willReturn(okJson("{}")));
        for (int i = 0; i < 3; i++) {
            join(pipeline().send(getText("/things")));
        }
        for (var event : api.getAllServeEvents()) {
            LoggedRequest r = event.getRequest();
            assertThat(r.containsHeader("Upgrade")).isFalse();
            assertThat(r.containsHeader("HTTP2-Settings")).isFalse();
            assertThat(r.getProtocol()).isEqualTo("HTTP/1.1");
        }
    }

    @Test
    void post_sendsJsonBodyOnce() {
        api.stubFor(post("/api/v4/things").willReturn(aResponse().withStatus(201).withBody("{}")));
        join(pipeline().send(ApiRequest.post("/things").json(Map.of("name", "n", "scopes", List.of("api")))
                .expect(r -> r.status())));
        api.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/things"))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("{\"name\":\"n\",\"scopes\":[\"api\"]}")));
    }

    /** A provider whose API documents another JSON content type (ServiceStage's {@code ;charset=utf8}) keeps it. */
    @Test
    void post_keepsAContentTypeTheRequestSets() {
        api.stubFor(post("/api/v4/things").willReturn(aResponse().withStatus(201).withBody("{}")));
        join(pipeline().send(ApiRequest.post("/things").header("Content-Type", "application/json;charset=utf8")
                .json(Map.of("name", "n")).expect(r -> r.status())));
        LoggedRequest r = api.getAllServeEvents().get(0).getRequest();
        assertThat(r.getHeaders().getHeader("Content-Type").values()).containsExactly("application/json;charset=utf8");
    }

    @Test
    void unauthenticatedGetRedirectedToAnotherPort_carriesNoCredentialHeaders() {
        api.stubFor(get("/api/v4/moved").willReturn(aResponse().withStatus(302)
                .withHeader("Location", other.baseUrl() + "/landed")));
        other.stubFor(get("/landed").willReturn(okJson("{}")));
        // Only a request that carries no credential and no secret may leave the origin (TransportSafetyTest).
        join(pipeline().send(ApiRequest.get("/moved").authenticated(false).header("Cookie", "c=" + secret)
                .expect(r -> r.status())));
        LoggedRequest landed = other.getAllServeEvents().get(0).getRequest();
        for (String h : CREDENTIAL_HEADERS) {
            assertThat(landed.containsHeader(h)).as(h).isFalse();
        }
        assertThat(landed.getHeader("User-Agent")).startsWith("Patkit/");
    }

    @Test
    void sameOriginRedirect_keepsCredentials() {
        api.stubFor(get("/api/v4/old").willReturn(aResponse().withStatus(301).withHeader("Location", "/api/v4/new")));
        api.stubFor(get("/api/v4/new").willReturn(okJson("{\"ok\":true}")));
        assertThat(join(pipeline().send(getText("/old")))).isEqualTo("{\"ok\":true}");
        api.verify(getRequestedFor(urlPathEqualTo("/api/v4/new")).withHeader("Authorization", equalTo("Bearer " + secret))
                .withHeader("PRIVATE-TOKEN", equalTo(secret)));
    }

    @Test
    void postRedirectedToAnotherOrigin_isRefusedAndNotSent() {
        api.stubFor(post("/api/v4/register").willReturn(aResponse().withStatus(307)
                .withHeader("Location", other.baseUrl() + "/steal")));
        assertThatThrownBy(() -> join(pipeline().send(ApiRequest.post("/register").json(Map.of("token", secret))
                .expect(r -> r.status())))).isInstanceOf(RedirectRefusedException.class)
                .hasMessageContaining("another origin");
        assertThat(other.getAllServeEvents()).isEmpty();
    }

    @Test
    void redirectLoop_stopsAtTheHopLimit() {
        api.stubFor(get("/api/v4/loop").willReturn(aResponse().withStatus(302).withHeader("Location", "/api/v4/loop")));
        assertThatThrownBy(() -> join(pipeline().send(getText("/loop"))))
                .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("more than 5");
        api.verify(6, getRequestedFor(urlPathEqualTo("/api/v4/loop")));
    }

    @Test
    void httpsToHttpDowngrade_isRefused() throws Exception {
        PatkitOptions opts = PatkitOptions.builder().httpClient(TrustAll.client()).build();
        try (PipelineFixture https = new PipelineFixture(opts.toBuilder())) {
            HttpPipeline p = https.pipeline("https://localhost:" + secure.getHttpsPort() + "/api/v4", token);
            secure.stubFor(get("/api/v4/down").willReturn(aResponse().withStatus(302)
                    .withHeader("Location", other.baseUrl() + "/plain")));
            assertThatThrownBy(() -> join(p.send(getText("/down"))))
                    .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("https to plain http");
            assertThat(other.getAllServeEvents()).isEmpty();
        }
    }

    @Test
    void serviceUnavailableTwice_isRetriedWithRecordedBackoff() {
        api.stubFor(get("/api/v4/flaky").inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("one"));
        api.stubFor(get("/api/v4/flaky").inScenario("flaky").whenScenarioStateIs("one")
                .willReturn(aResponse().withStatus(503)).willSetStateTo("two"));
        api.stubFor(get("/api/v4/flaky").inScenario("flaky").whenScenarioStateIs("two")
                .willReturn(okJson("{}")));
        assertThat(join(pipeline().send(getText("/flaky")))).isEqualTo("{}");
        api.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/flaky")));
        assertThat(fixture.sleeps).hasSize(2);
        assertThat(fixture.sleeps.get(0)).isBetween(Duration.ZERO, Duration.ofMillis(100));
        assertThat(fixture.sleeps.get(1)).isBetween(Duration.ZERO, Duration.ofMillis(200));
    }

    @Test
    void serviceUnavailableEveryTime_failsAfterMaxAttempts() {
        api.stubFor(get("/api/v4/down").willReturn(aResponse().withStatus(503)));
        assertThatThrownBy(() -> join(pipeline().send(getText("/down")))).isInstanceOf(ServerException.class)
                .hasMessageContaining("HTTP 503");
        api.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/down")));
    }

    @Test
    void tooManyRequestsWithRetryAfterSeconds_waitsAtLeastThatLong() {
        api.stubFor(get("/api/v4/limited").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "2").withBody("Retry later"))
                .willSetStateTo("ok"));
        api.stubFor(get("/api/v4/limited").inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        join(pipeline().send(getText("/limited")));
        assertThat(fixture.sleeps).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(2)));
    }

    @Test
    void tooManyRequestsWithRetryAfterDate_waitsUntilThatDate() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().clock(Clock.fixed(now, ZoneOffset.UTC)));
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(now.plusSeconds(7), ZoneOffset.UTC));
        api.stubFor(get("/api/v4/limited").inScenario("rl").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", date)).willSetStateTo("ok"));
        api.stubFor(get("/api/v4/limited").inScenario("rl").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        join(pipeline().send(getText("/limited")));
        assertThat(fixture.sleeps).singleElement().satisfies(d -> assertThat(d).isGreaterThanOrEqualTo(Duration.ofSeconds(7)));
    }

    @Test
    void rateLimitWaitBeyondDeadline_failsFastWithTheWait() {
        api.stubFor(get("/api/v4/limited").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        assertThatThrownBy(() -> join(pipeline().send(getText("/limited"))))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3600)));
        api.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/limited")));
        assertThat(fixture.sleeps).isEmpty();
    }

    @Test
    void postAnsweredWithEmptyResponse_isSentOnceAndAmbiguous() {
        api.stubFor(post("/api/v4/rotate").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThatThrownBy(() -> join(pipeline().send(ApiRequest.post("/rotate").operation("rotate token")
                .expect(r -> r.status())))).isInstanceOf(AmbiguousOutcomeException.class)
                .hasMessageContaining("'rotate token' is unknown").hasMessageContaining("did not send it again");
        api.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/rotate")));
    }

    @Test
    void getAnsweredWithConnectionReset_isRetried() {
        api.stubFor(get("/api/v4/reset").inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        api.stubFor(get("/api/v4/reset").inScenario("reset").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        assertThat(join(pipeline().send(getText("/reset")))).isEqualTo("{}");
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 403, 404, 409, 422})
    void clientErrors_areNotRetried(int status) {
        api.stubFor(get("/api/v4/err").willReturn(aResponse().withStatus(status)
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"nope " + secret + "\"}")));
        PatkitException e = org.junit.jupiter.api.Assertions.assertThrows(PatkitException.class,
                () -> join(pipeline().send(getText("/err"))));
        api.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/err")));
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.getMessage()).contains("nope ***");
        Leaks.assertNotIn(e, secret);
        switch (status) {
            case 401 -> assertThat(e).isInstanceOf(AuthenticationException.class);
            case 403 -> assertThat(e).isInstanceOf(PermissionException.class);
            case 404 -> assertThat(e).isInstanceOf(NotFoundException.class);
            case 400, 422 -> assertThat(e).isInstanceOf(ValidationException.class);
            default -> assertThat(e).isInstanceOf(dev.patkit.core.ConflictException.class);
        }
    }

    @Test
    void dribbledBody_failsWithinTheDeadline() {
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().callTimeout(Duration.ofMillis(800)));
        api.stubFor(get("/api/v4/slow").willReturn(okJson("{\"a\":\"" + "x".repeat(2000) + "\"}")
                .withChunkedDribbleDelay(40, 6000)));
        long start = System.nanoTime();
        assertThatThrownBy(() -> join(pipeline().send(getText("/slow")))).isInstanceOf(DeadlineExceededException.class)
                .hasMessageContaining("deadline of 800 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800 + 200));
    }

    @Test
    void slowPost_pastTheDeadline_isAmbiguous() {
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().callTimeout(Duration.ofMillis(500)));
        api.stubFor(post("/api/v4/create").willReturn(okJson("{}").withFixedDelay(3000)));
        assertThatThrownBy(() -> join(pipeline().send(ApiRequest.post("/create").expect(r -> r.status()))))
                .isInstanceOf(AmbiguousOutcomeException.class).hasCauseInstanceOf(DeadlineExceededException.class);
    }

    @Test
    void plainHttpToARemoteHost_isRefusedBeforeAnyRequest() {
        HttpPipeline p = fixture.pipeline("http://gitlab.example.com/api/v4", token);
        assertThatThrownBy(() -> join(p.send(getText("/x")))).isInstanceOf(InsecureTransportException.class)
                .hasMessageContaining("plain http");
        try (PipelineFixture allowed = new PipelineFixture(PatkitOptions.builder().allowInsecureHttp(true))) {
            assertThat(allowed.pipeline("http://127.0.0.1:" + api.getPort() + "/api/v4", token)).isNotNull();
        }
    }

    @Test
    void enableAllMethodRetry_refusesNonIdempotentCalls() {
        System.setProperty("jdk.httpclient.enableAllMethodRetry", "true");
        try {
            api.stubFor(get("/api/v4/ok").willReturn(okJson("{}")));
            assertThatThrownBy(() -> join(pipeline().send(ApiRequest.post("/rotate").expect(r -> r.status()))))
                    .isInstanceOf(UnsafeConfigurationException.class).hasMessageContaining("enableAllMethodRetry");
            assertThat(join(pipeline().send(getText("/ok")))).isEqualTo("{}");
            try (PipelineFixture optIn = new PipelineFixture(PatkitOptions.builder().allowUnsafeJdkSettings(true))) {
                api.stubFor(post("/api/v4/rotate").willReturn(okJson("{}")));
                int status = join(optIn.pipeline(api.baseUrl() + "/api/v4", token)
                        .send(ApiRequest.post("/rotate").expect(r -> r.status())));
                assertThat(status).isEqualTo(200);
            }
        } finally {
            System.clearProperty("jdk.httpclient.enableAllMethodRetry");
        }
        api.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/rotate")));
    }

    @Test
    void hugeBody_isRefused() {
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().maxResponseBytes(64 * 1024));
        api.stubFor(get("/api/v4/huge").willReturn(okJson("[" + "1,".repeat(100_000) + "1]")));
        assertThatThrownBy(() -> join(pipeline().send(getText("/huge")))).isInstanceOf(ResponseTooLargeException.class)
                .hasMessageContaining("65536 bytes");
    }

    @Test
    void malformedJson_givesParseErrorWithoutValues() {
        api.stubFor(get("/api/v4/bad").willReturn(okJson("{\"id\":\"" + secret + "\", ")));
        api.stubFor(get("/api/v4/word").willReturn(okJson(secret)));
        api.stubFor(get("/api/v4/typed").willReturn(okJson("{\"id\":\"" + secret + "\"}")));
        for (String path : List.of("/bad", "/word")) {
            PatkitException e = org.junit.jupiter.api.Assertions.assertThrows(ResponseParseException.class,
                    () -> join(pipeline().send(ApiRequest.get(path).expect(r -> r.json()))));
            Leaks.assertNotIn(e, secret);
            assertThat(e.getMessage()).contains("line 1");
        }
        PatkitException typed = org.junit.jupiter.api.Assertions.assertThrows(ResponseParseException.class,
                () -> join(pipeline().send(ApiRequest.get("/typed").expect(r -> r.read(IdOnly.class)))));
        assertThat(typed.getMessage()).contains("(path id)");
        Leaks.assertNotIn(typed, secret);
    }

    /** A record whose id cannot hold a token. */
    record IdOnly(long id) {}

    @Test
    void exhaustedBudget_failsFastWithoutSending() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
                .rateLimitPolicy(RateLimitPolicy.FAIL_FAST));
        api.stubFor(get("/api/v4/x").willReturn(okJson("{}").withHeader("x-ratelimit-limit", "5000")
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", String.valueOf(now.getEpochSecond() + 30))
                .withHeader("x-ratelimit-resource", "core")));
        HttpPipeline p = pipeline();
        join(p.send(getText("/x")));
        assertThat(p.rateLimit()).hasValueSatisfying(s -> {
            assertThat(s.remaining()).hasValue(0);
            assertThat(s.limit()).hasValue(5000);
            assertThat(s.resource()).contains("core");
            assertThat(s.resetAt()).contains(now.plusSeconds(30));
        });
        assertThatThrownBy(() -> join(p.send(getText("/x")))).isInstanceOfSatisfying(RateLimitedException.class,
                e -> assertThat(e.resetAt()).contains(now.plusSeconds(30)));
        api.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/x")));
    }

    @Test
    void exhaustedBudget_waitsWhenTheWaitFitsTheDeadline() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().clock(Clock.fixed(now, ZoneOffset.UTC)));
        api.stubFor(get("/api/v4/x").willReturn(okJson("{}").withHeader("RateLimit-Limit", "2000")
                .withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", String.valueOf(now.getEpochSecond() + 20))));
        HttpPipeline p = pipeline();
        join(p.send(getText("/x")));
        join(p.send(getText("/x")));
        assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(21));
        api.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/x")));
    }

    @Test
    void sharedBudget_isSeenByEveryPipelineUsingItsKey() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
                .rateLimitPolicy(RateLimitPolicy.FAIL_FAST));
        api.stubFor(get("/api/v4/x").willReturn(okJson("{}").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", String.valueOf(now.getEpochSecond() + 60))));
        HttpPipeline first = pipeline();
        HttpPipeline second = fixture.pipeline(api.baseUrl() + "/api/v4", Token.of(Canary.opaque()));
        first.useBudget("user-1");
        second.useBudget("user-1");
        join(first.send(getText("/x")));
        assertThatThrownBy(() -> join(second.send(getText("/x")))).isInstanceOf(RateLimitedException.class);
        api.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/x")));
    }

    @Test
    void paginationFollowsNextPageHeadersLazily() {
        for (int page = 1; page <= 5; page++) {
            var response = okJson("[" + page * 10 + "," + (page * 10 + 1) + "]");
            if (page < 5) {
                response = response.withHeader("x-next-page", String.valueOf(page + 1));
            }
            api.stubFor(get(urlPathEqualTo("/api/v4/items")).withQueryParam("page", equalTo(String.valueOf(page)))
                    .willReturn(response));
        }
        ApiRequest<List<Integer>> first = ApiRequest.get("/items").query("page", 1).query("per_page", 2)
                .expect(r -> { List<Integer> out = new java.util.ArrayList<>(); r.json().forEach(n -> out.add(n.asInt())); return out; });
        assertThat(pipeline().paginate(first).limit(3).toList()).containsExactly(10, 11, 20);
        api.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/items")));
        assertThat(pipeline().paginate(first).toList()).hasSize(10).endsWith(50, 51);
    }

    @Test
    void paginationFollowsLinkHeaders_onlyToTheSameOrigin() {
        api.stubFor(get(urlPathEqualTo("/api/v4/linked")).withQueryParam("page", absent()).willReturn(okJson("[1]")
                .withHeader("Link", "<" + api.baseUrl() + "/api/v4/linked?page=2&per_page=1>; rel=\"next\", <"
                        + api.baseUrl() + "/api/v4/linked?page=2>; rel=\"last\"")));
        api.stubFor(get(urlPathEqualTo("/api/v4/linked")).withQueryParam("page", equalTo("2")).willReturn(okJson("[2]")));
        ApiRequest<List<Integer>> first = ApiRequest.get("/linked")
                .expect(r -> { List<Integer> out = new java.util.ArrayList<>(); r.json().forEach(n -> out.add(n.asInt())); return out; });
        assertThat(pipeline().paginate(first).toList()).containsExactly(1, 2);

        api.stubFor(get(urlPathEqualTo("/api/v4/evil")).willReturn(okJson("[1]")
                .withHeader("Link", "<" + other.baseUrl() + "/steal>; rel=\"next\"")));
        ApiRequest<List<Integer>> evil = ApiRequest.get("/evil").expect(r -> List.of(1));
        assertThatThrownBy(() -> pipeline().paginate(evil).toList()).isInstanceOf(RedirectRefusedException.class);
        assertThat(other.getAllServeEvents()).isEmpty();
    }

    /**
     * GitLab builds {@code Link} from its configured external URL (reference github-gitlab.md, "How
     * real clients and servers behave on the wire" / GitLab, "Link is built from the configured
     * external URL"): behind a proxy the link names another origin. The token never goes there and
     * the listing continues on the configured base with {@code x-next-page}, else the link's page.
     */
    @Test
    void paginationWithACrossOriginLink_continuesOnTheConfiguredBaseByPage() {
        api.stubFor(get(urlPathEqualTo("/api/v4/proxied")).withQueryParam("page", absent()).willReturn(okJson("[1]")
                .withHeader("Link", "<" + other.baseUrl() + "/api/v4/proxied?page=2&per_page=1&state=active>; rel=\"next\"")
                .withHeader("x-next-page", "2")));
        api.stubFor(get(urlPathEqualTo("/api/v4/proxied")).withQueryParam("page", equalTo("2")).willReturn(okJson("[2]")
                .withHeader("Link", "<" + other.baseUrl() + "/api/v4/proxied?page=3&per_page=1&state=active>; rel=\"next\"")));
        api.stubFor(get(urlPathEqualTo("/api/v4/proxied")).withQueryParam("page", equalTo("3")).willReturn(okJson("[3]")
                .withHeader("Link", "<" + other.baseUrl() + "/api/v4/proxied?page=2&per_page=1&state=active>; rel=\"prev\"")
                .withHeader("x-next-page", "")));
        ApiRequest<List<Integer>> first = ApiRequest.get("/proxied").query("state", "active").query("per_page", 1)
                .expect(r -> { List<Integer> out = new java.util.ArrayList<>(); r.json().forEach(n -> out.add(n.asInt())); return out; });
        assertThat(pipeline().paginate(first).toList()).containsExactly(1, 2, 3);
        assertThat(other.getAllServeEvents()).isEmpty();
        api.verify(getRequestedFor(urlPathEqualTo("/api/v4/proxied")).withQueryParam("page", equalTo("2"))
                .withQueryParam("state", equalTo("active")).withQueryParam("per_page", equalTo("1")));
        api.verify(getRequestedFor(urlPathEqualTo("/api/v4/proxied")).withQueryParam("page", equalTo("3"))
                .withQueryParam("state", equalTo("active")).withQueryParam("per_page", equalTo("1")));
        api.verify(3, getRequestedFor(urlPathEqualTo("/api/v4/proxied")));
    }

    @Test
    void authenticate_addsCredentialsOnlyForTheSameOrigin() {
        HttpPipeline p = fixture.pipeline(api.baseUrl() + "/api/v4",
                dev.patkit.core.spi.RequestAuthenticator.header("PRIVATE-TOKEN", "", token));
        HttpRequest mine = p.authenticate(HttpRequest.newBuilder(URI.create(api.baseUrl() + "/api/v4/projects"))).build();
        assertThat(mine.headers().firstValue("PRIVATE-TOKEN")).contains(secret);
        assertThatThrownBy(() -> p.authenticate(HttpRequest.newBuilder(URI.create(other.baseUrl() + "/x"))))
                .isInstanceOf(InsecureTransportException.class).hasMessageContaining("another origin")
                .satisfies(e -> Leaks.assertNotIn(e, secret));
    }

    @Test
    void concurrentCallsWithDistinctTokens_eachCarryTheirOwn() {
        api.stubFor(get("/api/v4/me").willReturn(okJson("{}")));
        List<Token> tokens = IntStream.range(0, 100).mapToObj(i -> Token.of(Canary.gitlab())).toList();
        List<CompletableFuture<String>> calls = tokens.stream()
                .map(t -> fixture.pipeline(api.baseUrl() + "/api/v4",
                        dev.patkit.core.spi.RequestAuthenticator.header("PRIVATE-TOKEN", "", t))
                        .send(ApiRequest.get("/me").header("X-Call", t.fingerprint()).expect(r -> "ok")))
                .toList();
        calls.forEach(Futures::join);
        for (var event : api.getAllServeEvents()) {
            Token sent = Token.of(event.getRequest().getHeader("PRIVATE-TOKEN"));
            assertThat(sent.fingerprint()).isEqualTo(event.getRequest().getHeader("X-Call"));
        }
        assertThat(api.getAllServeEvents()).hasSize(100);
    }

    @Test
    void noRetryPolicy_sendsOnce() {
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().retryPolicy(RetryPolicy.none()));
        api.stubFor(get("/api/v4/down").willReturn(aResponse().withStatus(502)));
        assertThatThrownBy(() -> join(pipeline().send(getText("/down")))).isInstanceOf(ServerException.class);
        api.verify(1, getRequestedFor(urlPathEqualTo("/api/v4/down")));
    }

    @Test
    void repeatedQueryParameters_areAllSent() {
        api.stubFor(get(urlPathEqualTo("/api/v4/grants")).willReturn(okJson("[]")));
        join(pipeline().send(ApiRequest.get("/grants").queryAll("owner[]", List.of("alice", "bob")).query("page", 2)
                .expect(r -> r.status())));
        assertThat(api.getAllServeEvents().get(0).getRequest().getUrl())
                .isEqualTo("/api/v4/grants?owner%5B%5D=alice&owner%5B%5D=bob&page=2");
    }

    @Test
    void sharedBudget_keepsTheNewerReportWhenAClientJoinsLate() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().clock(Clock.fixed(now, ZoneOffset.UTC))
                .rateLimitPolicy(RateLimitPolicy.FAIL_FAST));
        api.stubFor(get("/api/v4/b").willReturn(okJson("{}").withHeader("x-ratelimit-remaining", "10")));
        api.stubFor(get("/api/v4/a").willReturn(okJson("{}").withHeader("x-ratelimit-remaining", "0")
                .withHeader("x-ratelimit-reset", String.valueOf(now.getEpochSecond() + 60))));
        HttpPipeline b = pipeline();
        HttpPipeline a = fixture.pipeline(api.baseUrl() + "/api/v4", Token.of(Canary.opaque()));
        join(b.send(getText("/b")));
        b.useBudget("user-x");
        join(a.send(getText("/a")));
        a.useBudget("user-x");
        assertThatThrownBy(() -> join(b.send(getText("/b")))).isInstanceOf(RateLimitedException.class);
    }

    @Test
    void dependentStagesThatBlock_neverStarveTheHttpWorkers() {
        api.stubFor(get("/api/v4/a").willReturn(okJson("{}").withFixedDelay(50)));
        api.stubFor(get("/api/v4/b").willReturn(okJson("{\"b\":1}")));
        HttpPipeline p = pipeline();
        List<CompletableFuture<String>> chains = IntStream.range(0, 32)
                .mapToObj(i -> p.send(getText("/a")).thenApply(x -> Futures.join(p.send(getText("/b")))))
                .toList();
        for (CompletableFuture<String> chain : chains) {
            assertThat(chain.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo("{\"b\":1}");
        }
    }

    @Test
    void blockingPath_dribbledBodyStillFailsWithinTheDeadline_andLeavesNoInterrupt() {
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().callTimeout(Duration.ofMillis(800)));
        api.stubFor(get("/api/v4/slow").willReturn(okJson("{\"a\":\"" + "x".repeat(2000) + "\"}")
                .withChunkedDribbleDelay(40, 6000)));
        HttpPipeline p = pipeline();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Futures.blocking(() -> p.send(getText("/slow"))))
                .isInstanceOf(DeadlineExceededException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(800 + 200));
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    @Test
    void blockingPath_retriesAndReportsLostPosts_sendingNothingOnTheCallersThread() {
        api.stubFor(get("/api/v4/flaky").inScenario("f").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
        api.stubFor(get("/api/v4/flaky").inScenario("f").whenScenarioStateIs("ok").willReturn(okJson("{}")));
        HttpPipeline p = pipeline();
        Thread caller = Thread.currentThread();
        Thread[] mappedOn = new Thread[1];
        String body = Futures.blocking(() -> p.send(ApiRequest.get("/flaky").expect(r -> {
            mappedOn[0] = Thread.currentThread();
            return r.text();
        })));
        assertThat(body).isEqualTo("{}");
        assertThat(mappedOn[0]).as("one send path: the asynchronous one, even for a blocking call").isNotSameAs(caller);
        assertThat(fixture.sleeps).hasSize(1);

        api.stubFor(post("/api/v4/rotate").willReturn(aResponse().withFault(Fault.EMPTY_RESPONSE)));
        assertThatThrownBy(() -> Futures.blocking(() -> p.send(ApiRequest.post("/rotate").expect(r -> r.status()))))
                .isInstanceOf(AmbiguousOutcomeException.class);
        api.verify(1, postRequestedFor(urlPathEqualTo("/api/v4/rotate")));
    }

    @Test
    void blockingPath_noCallRunsOnTheBlockedCallersThread() {
        api.stubFor(get("/api/v4/a").willReturn(okJson("{}")));
        api.stubFor(get("/api/v4/b").willReturn(okJson("{}")));
        HttpPipeline p = pipeline();
        Thread caller = Thread.currentThread();
        Thread[] ran = new Thread[2];
        Futures.blocking(() -> p.send(ApiRequest.get("/a").expect(r -> ran[0] = Thread.currentThread()))
                .thenCompose(x -> p.send(ApiRequest.get("/b").expect(r -> ran[1] = Thread.currentThread()))));
        assertThat(ran[0]).as("the call the blocked caller starts").isNotSameAs(caller);
        assertThat(ran[1]).as("a call started from another's completion").isNotSameAs(caller);
    }

    /** Requests started together inside a blocking call are in flight together, none on the caller's thread. */
    @Test
    void concurrently_insideABlockingCall_sendsNoRequestOnTheCallersThread() {
        api.stubFor(get("/api/v4/a").willReturn(okJson("{}").withFixedDelay(1500)));
        api.stubFor(get("/api/v4/b").willReturn(okJson("{}").withFixedDelay(1500)));
        HttpPipeline p = pipeline();
        Thread caller = Thread.currentThread();
        Thread[] ran = new Thread[2];
        Futures.blocking(() -> {
            CompletableFuture<Thread> a = p.send(ApiRequest.get("/a").expect(r -> ran[0] = Thread.currentThread()));
            CompletableFuture<Thread> b = p.send(ApiRequest.get("/b").expect(r -> ran[1] = Thread.currentThread()));
            return a.thenCombine(b, (x, y) -> x);
        });
        assertThat(ran).doesNotContain(caller);
        List<Long> arrived = api.getAllServeEvents().stream().map(e -> e.getRequest().getLoggedDate().getTime()).toList();
        assertThat(arrived).hasSize(2);
        // Sent one after the other, /b would arrive at least 1500 ms (the answer to /a) after /a.
        assertThat(Math.abs(arrived.get(0) - arrived.get(1))).as("both requests in flight together").isLessThan(1200);
    }

    @Test
    void secretsCarriedInTheBody_areRedactedWhenTheServerEchoesThem() {
        String forge = Canary.gitlab();
        api.stubFor(post("/api/v4/register").willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"token " + forge + " is not valid for host x\"}")));
        PatkitException e = org.junit.jupiter.api.Assertions.assertThrows(ValidationException.class,
                () -> join(pipeline().send(ApiRequest.post("/register").json(Map.of("token", Token.of(forge))).expect(r -> r.status()))));
        assertThat(e.getMessage()).contains("token *** is not valid");
        Leaks.assertNotIn(e, forge);
        Leaks.assertNotLogged(forge);
        assertThat(ApiRequest.post("/register").json(Map.of("token", Token.of(forge))).expect(r -> 1).toString())
                .doesNotContain(forge);
    }

    @Test
    void revokeWhoseResponseWasLost_isDoneWhenTheRetryFindsItGone() {
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete("/api/v4/tokens/7").inScenario("lost")
                .whenScenarioStateIs(Scenario.STARTED).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER))
                .willSetStateTo("gone"));
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete("/api/v4/tokens/7").inScenario("lost")
                .whenScenarioStateIs("gone").willReturn(aResponse().withStatus(404)));
        HttpPipeline p = pipeline();
        String outcome = join(p.send(ApiRequest.delete("/tokens/7").doneOnRetry(404).expect(r -> "revoked")));
        assertThat(outcome).isEqualTo("revoked");
        api.verify(2, com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor(urlPathEqualTo("/api/v4/tokens/7")));
        // A first answer of 404 is still an error: nothing says an earlier attempt happened.
        api.stubFor(com.github.tomakehurst.wiremock.client.WireMock.delete("/api/v4/tokens/8").willReturn(aResponse().withStatus(404)));
        assertThatThrownBy(() -> join(p.send(ApiRequest.delete("/tokens/8").doneOnRetry(404).expect(r -> "revoked"))))
                .isInstanceOf(NotFoundException.class);
    }
}
