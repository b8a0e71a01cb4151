package dev.patkit.core.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.http.Fault;
import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.InsecureTransportException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RedirectRefusedException;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.ResponseTooLargeException;
import dev.patkit.core.ServerException;
import dev.patkit.core.TransportException;
import dev.patkit.core.ValidationException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.spi.PipelineSpec;
import dev.patkit.core.testing.Leaks;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pipeline's safety rules tried as an attacker or an unlucky network would: every request that
 * may carry a secret is checked, loopback is an address, a change whose outcome is unknown is
 * ambiguous, no URL carries credentials, and no answer from another origin passes for the
 * credential's own. Each rule on the async path and on the blocking (caller's thread) path.
 */
class TransportSafetyTest extends PipelineTestBase {

    /** Runs a call as an async caller or as a blocking one (the caller's-thread send path). */
    private static <T> T call(boolean blocking, Supplier<CompletableFuture<T>> call) {
        return blocking ? Futures.blocking(call) : Futures.join(call.get());
    }

    private ApiRequest<Integer> revokeBatch() {
        return ApiRequest.post("/credentials/revoke").json(Map.of("credentials", List.of(token))).authenticated(false).operation("revoke credentials").expect(r -> r.status());
    }

    // ---- 1. every request that may carry a secret passes the transport check --------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void unauthenticatedRequests_overPlainHttpToARemoteHost_areRefusedBeforeSending(boolean blocking) {
        HttpPipeline p = fixture.pipeline("http://forge.example:8080", token);
        for (ApiRequest<Integer> r : List.of(revokeBatch(),
                ApiRequest.post("/v3/auth/tokens").json(Map.of("password", secret)).authenticated(false)
                        .expect(x -> x.status()),
                ApiRequest.get("/meta").authenticated(false).expect(x -> x.status()))) {
            Throwable e = catchThrowable(() -> call(blocking, () -> p.send(r)));
            // InsecureTransportException, not a TransportException: no name was looked up, nothing sent.
            assertThat(e).isInstanceOf(InsecureTransportException.class).hasMessageContaining("plain http to http://forge.example:8080")
                    .hasMessageContaining("allowInsecureHttp");
            Leaks.assertNotIn(e, secret);
        }
    }

    @Test
    void theExplicitOptIn_letsPlainHttpThrough() {
        try (PipelineFixture allowed = new PipelineFixture(PatkitOptions.builder().allowInsecureHttp(true))) {
            api.stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(202)));
            // A loopback name the rule refuses, reached only because the caller opted in.
            HttpPipeline p = allowed.pipeline("http://127.0.0.1:" + api.getPort(), token);
            int status = Futures.join(p.send(revokeBatch()));
            assertThat(status).isEqualTo(202);
        }
    }

    // ---- 2. loopback is an address ------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1.attacker.example", "localhost.example.com", "localhost.", "127.1", "127.0.1",
            "127.000.000.001", "0177.0.0.1", "0x7f.0.0.1", "2130706433", "0x7f000001"})
    void namesThatOnlyLookLikeLoopback_getNoSecret(String host) {
        HttpPipeline p;
        try {
            p = fixture.pipeline("http://" + host + ":" + api.getPort() + "/api/v4", token);
        } catch (IllegalArgumentException e) {
            // java.net.URI finds no host in some spellings: such a base is refused outright.
            assertThat(e).hasMessageContaining("with a host");
            return;
        }
        for (boolean blocking : new boolean[] {false, true}) {
            assertThatThrownBy(() -> call(blocking, () -> p.send(ApiRequest.get("/user").expect(r -> r.status()))))
                    .isInstanceOf(InsecureTransportException.class);
            assertThatThrownBy(() -> call(blocking, () -> p.send(revokeBatch())))
                    .isInstanceOf(InsecureTransportException.class);
        }
        // 127.1 and the other short forms would reach this very server if sent: nothing arrived.
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "LOCALHOST"})
    void loopbackAddresses_areServedOverPlainHttp(String host) {
        api.stubFor(get("/api/v4/user").willReturn(okJson("{}")));
        HttpPipeline p = fixture.pipeline("http://" + host + ":" + api.getPort() + "/api/v4", token);
        int status = Futures.join(p.send(ApiRequest.get("/user").expect(r -> r.status())));
        assertThat(status).isEqualTo(200);
    }

    // ---- 3. a change whose outcome is unknown is ambiguous --------------------------------------

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 520})
    void postAnsweredWithA5xx_isAmbiguous_andSentOnce(int status) {
        api.stubFor(post("/api/v4/tokens").willReturn(aResponse().withStatus(status).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>" + status + " Bad Gateway</h1>" + secret + "</body></html>")));
        for (boolean blocking : new boolean[] {false, true}) {
            Throwable e = catchThrowable(() -> call(blocking, () -> pipeline().send(ApiRequest.post("/tokens")
                    .json(Map.of("name", "bot")).operation("create token").expect(r -> r.status()))));
            assertThat(e).isInstanceOf(AmbiguousOutcomeException.class)
                    .hasMessageContaining("'create token' is unknown").hasMessageContaining("HTTP " + status)
                    .hasCauseInstanceOf(ServerException.class);
            assertThat(((PatkitException) e).httpStatus()).isEqualTo(status);
            Leaks.assertNotIn(e, secret);
        }
        api.verify(2, postRequestedFor(urlPathEqualTo("/api/v4/tokens")));
        assertThat(fixture.sleeps).isEmpty();
    }

    @Test
    void postAnsweredWithAClientError_isAPlainError() {
        api.stubFor(post("/api/v4/bad").willReturn(aResponse().withStatus(422).withHeader("Content-Type", "application/json")
                .withBody("{\"message\":\"name taken\"}")));
        api.stubFor(post("/api/v4/slow").willReturn(aResponse().withStatus(429).withHeader("Retry-After", "7")));
        assertThatThrownBy(() -> Futures.join(pipeline().send(ApiRequest.post("/bad").expect(r -> r.status()))))
                .isInstanceOf(ValidationException.class);
        assertThatThrownBy(() -> Futures.join(pipeline().send(ApiRequest.post("/slow").expect(r -> r.status()))))
                .isInstanceOf(RateLimitedException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void a2xxWhoseBodyCannotBeRead_isAmbiguousForAChange_andAParseErrorForARead(boolean blocking) {
        api.stubFor(post("/api/v4/tokens").willReturn(aResponse().withStatus(201).withHeader("Content-Type", "text/html")
                .withBody("<html>created</html>")));
        api.stubFor(get("/api/v4/tokens").willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/html")
                .withBody("<html>list</html>")));
        assertThatThrownBy(() -> call(blocking, () -> pipeline().send(ApiRequest.post("/tokens").expect(r -> r.json()))))
                .isInstanceOf(AmbiguousOutcomeException.class).hasMessageContaining("answer could not be read")
                .hasCauseInstanceOf(ResponseParseException.class);
        assertThatThrownBy(() -> call(blocking, () -> pipeline().send(ApiRequest.get("/tokens").expect(r -> r.json()))))
                .isInstanceOf(ResponseParseException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void a2xxTooLargeOrCut_isAmbiguousForAChange(boolean blocking) {
        fixture.close();
        fixture = new PipelineFixture(PatkitOptions.builder().maxResponseBytes(4096));
        api.stubFor(post("/api/v4/huge").willReturn(okJson("[" + "1,".repeat(10_000) + "1]")));
        api.stubFor(post("/api/v4/cut").willReturn(aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK)));
        api.stubFor(post("/api/v4/refused").willReturn(aResponse().withStatus(400).withBody("x".repeat(10_000))));
        assertThatThrownBy(() -> call(blocking, () -> pipeline().send(ApiRequest.post("/huge").expect(r -> r.status()))))
                .isInstanceOf(AmbiguousOutcomeException.class).hasCauseInstanceOf(ResponseTooLargeException.class);
        assertThatThrownBy(() -> call(blocking, () -> pipeline().send(ApiRequest.post("/cut").expect(r -> r.status()))))
                .isInstanceOf(AmbiguousOutcomeException.class);
        // A refusal with a huge body is still a refusal: nothing was created.
        assertThatThrownBy(() -> call(blocking, () -> pipeline().send(ApiRequest.post("/refused").expect(r -> r.status()))))
                .isInstanceOf(ResponseTooLargeException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aRefusedConnection_isNotAmbiguous(boolean blocking) throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        HttpPipeline p = fixture.pipeline("http://127.0.0.1:" + port + "/api/v4", token);
        assertThatThrownBy(() -> call(blocking, () -> p.send(ApiRequest.post("/tokens").expect(r -> r.status()))))
                .isInstanceOf(TransportException.class).isNotInstanceOf(AmbiguousOutcomeException.class);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aFailedTlsHandshake_isNotAmbiguous_andSendsNothing(boolean blocking) {
        // The default client does not trust the test server's certificate: the handshake fails.
        HttpPipeline p = fixture.pipeline("https://localhost:" + secure.getHttpsPort() + "/api/v4", token);
        Throwable e = catchThrowable(() -> call(blocking, () -> p.send(ApiRequest.post("/tokens").expect(r -> r.status()))));
        assertThat(e).isInstanceOf(TransportException.class).isNotInstanceOf(AmbiguousOutcomeException.class);
        assertThat(secure.getAllServeEvents()).isEmpty();
    }

    // ---- 4. no credentials in URLs ---------------------------------------------------------------

    @Test
    void aBaseWithUserInfo_isRefusedWithoutEchoingIt() {
        for (String base : List.of("https://bot:" + secret + "@gitlab.example.com/api/v4", "https://" + secret + "@gitlab.example.com",
                "http://bot:" + secret + "@127.0.0.1:" + api.getPort())) {
            assertThatThrownBy(() -> fixture.pipeline(base, token)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("must not hold user info").satisfies(e -> Leaks.assertNotIn(e, secret));
            assertThatThrownBy(() -> PatkitOptions.builder().baseUri(URI.create(base)))
                    .isInstanceOf(IllegalArgumentException.class).satisfies(e -> Leaks.assertNotIn(e, secret));
            assertThatThrownBy(() -> new PipelineSpec("demo", URI.create(base), PipelineFixture.allCredentialHeaders(token),
                    PipelineFixture.MESSAGE_ERRORS, Map.of())).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void authenticatingACallersRequestWithUserInfo_isRefused() {
        HttpPipeline p = pipeline();
        URI withUserInfo = URI.create("http://bot:" + secret + "@localhost:" + api.getPort() + "/api/v4/projects");
        assertThatThrownBy(() -> p.authenticate(HttpRequest.newBuilder(withUserInfo)))
                .isInstanceOf(InsecureTransportException.class).hasMessageContaining("user info")
                .satisfies(e -> Leaks.assertNotIn(e, secret));
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void redirectsAndNextPageLinksWithUserInfo_areNotFollowed(boolean blocking) {
        String userInfo = "http://bot:" + secret + "@localhost:" + api.getPort();
        api.stubFor(get("/api/v4/moved").willReturn(aResponse().withStatus(302).withHeader("Location", userInfo + "/api/v4/x")));
        api.stubFor(get(urlPathEqualTo("/api/v4/things")).willReturn(okJson("[1]")
                .withHeader("Link", "<" + userInfo + "/api/v4/things?page=2>; rel=\"next\"")));
        HttpPipeline p = fixture.pipeline("http://localhost:" + api.getPort() + "/api/v4", token);
        assertThatThrownBy(() -> call(blocking, () -> p.send(ApiRequest.get("/moved").expect(r -> r.status()))))
                .isInstanceOf(RedirectRefusedException.class).hasMessageContaining("user info")
                .satisfies(e -> Leaks.assertNotIn(e, secret));
        ApiRequest<List<Integer>> first = ApiRequest.get("/things").expect(r -> List.of(1));
        Throwable e = catchThrowable(() -> p.paginate(first).toList());
        assertThat(e).isInstanceOf(PatkitException.class);
        Leaks.assertNotIn(e, secret);
        assertThat(api.getAllServeEvents()).hasSize(2);
    }

    // ---- 5. an answer from another origin is never the credential's own --------------------------

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void anAuthenticatedReadRedirectedToAnotherOrigin_isRefused_notReportedAsTheTokensStanding(boolean blocking) {
        api.stubFor(get("/api/v4/user").willReturn(aResponse().withStatus(302).withHeader("Location", other.baseUrl() + "/user")));
        other.stubFor(get("/user").willReturn(okJson("{\"login\":\"someone-else\",\"state\":\"active\"}")));
        assertThatThrownBy(() -> call(blocking, () -> pipeline().send(ApiRequest.get("/user").operation("inspect")
                .expect(r -> r.json().path("login").asText())))).isInstanceOf(RedirectRefusedException.class)
                .hasMessageContaining("another origin");
        assertThat(other.getAllServeEvents()).isEmpty();
    }

    @Test
    void anUnauthenticatedPostCarryingASecret_redirectedElsewhere_isNotFollowedEvenAsAGet() {
        api.stubFor(post("/credentials/revoke").willReturn(aResponse().withStatus(302).withHeader("Location", other.baseUrl() + "/ok")));
        other.stubFor(get("/ok").willReturn(aResponse().withStatus(202)));
        HttpPipeline p = fixture.pipeline(api.baseUrl(), token);
        assertThatThrownBy(() -> Futures.join(p.send(revokeBatch()))).isInstanceOf(RedirectRefusedException.class);
        assertThat(other.getAllServeEvents()).isEmpty();
    }

    // ---- the exception families ---------------------------------------------------------------

    @Test
    void exceptionsComeInFamilies_responseTransportAndSafety() {
        api.stubFor(get("/api/v4/gone").willReturn(aResponse().withStatus(404).withHeader("X-Request-Id", "req-404")
                .withHeader("Content-Type", "application/json").withBody("{\"message\":\"404 Not Found\"}")));
        api.stubFor(post("/api/v4/tokens").willReturn(aResponse().withStatus(502).withHeader("X-Request-Id", "req-502")));
        Throwable notFound = catchThrowable(() -> Futures.join(pipeline().send(ApiRequest.get("/gone").expect(r -> r.status()))));
        assertThat(notFound).isInstanceOf(dev.patkit.core.NotFoundException.class).isInstanceOf(dev.patkit.core.ApiException.class);
        assertThat(((dev.patkit.core.ApiException) notFound).statusCode()).isEqualTo(404);
        assertThat(((dev.patkit.core.ApiException) notFound).requestId()).contains("req-404");

        Throwable unknown = catchThrowable(() -> Futures.join(pipeline().send(ApiRequest.post("/tokens").expect(r -> r.status()))));
        assertThat(unknown).isInstanceOf(AmbiguousOutcomeException.class).isInstanceOf(TransportException.class);
        assertThat(((PatkitException) unknown).context().requestId()).contains("req-502");

        Throwable refused = catchThrowable(() -> Futures.join(fixture.pipeline("http://forge.example", token)
                .send(ApiRequest.get("/x").expect(r -> r.status()))));
        assertThat(refused).isInstanceOf(dev.patkit.core.SafetyRefusedException.class);
        assertThat(((dev.patkit.core.SafetyRefusedException) refused).reason())
                .isEqualTo(dev.patkit.core.SafetyRefusedException.Reason.INSECURE_TRANSPORT);
    }
}
