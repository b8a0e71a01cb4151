package dev.patkit.core.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.patkit.core.PatkitListener;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class PatkitListenerTest {

    @RegisterExtension
    static WireMockExtension api = WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

    private final String secret = Canary.gitlab();
    private final Token token = Token.of(secret);
    private final List<String> events = new CopyOnWriteArrayList<>();
    private PipelineFixture fixture;
    private final String host = java.net.URI.create(api.baseUrl()).getHost();

    /** Records every event as text, with the elapsed time left out (it varies). */
    private final PatkitListener recorder = new PatkitListener() {
        @Override
        public void requestSent(String provider, String host, String method, int attempt) {
            events.add("sent " + provider + " " + host + " " + method + " #" + attempt);
        }

        @Override
        public void responseReceived(String provider, String host, String method, int status, int attempt,
                Duration elapsed) {
            events.add("answered " + provider + " " + host + " " + method + " " + status + " #" + attempt
                    + (elapsed.isNegative() ? " negative" : ""));
        }

        @Override
        public void retryScheduled(String provider, String host, String method, int nextAttempt, Duration wait) {
            events.add("retry " + provider + " " + host + " " + method + " #" + nextAttempt + " after " + wait);
        }

        @Override
        public void rateLimitWait(String provider, String host, Duration wait) {
            events.add("rate-limit wait " + provider + " " + host + " " + wait);
        }
    };

    @BeforeEach
    void setUp() {
        LogCapture.clear();
    }

    @AfterEach
    void tearDown() {
        if (fixture != null) {
            fixture.close();
        }
        Leaks.assertNotLogged(secret);
    }

    private HttpPipeline pipeline(PatkitOptions.Builder options) {
        fixture = new PipelineFixture(options);
        return fixture.pipeline(api.baseUrl() + "/api/v4", token);
    }

    private static ApiRequest<String> read(String path) {
        return ApiRequest.get(path).query("private_token_hint", "q").operation("read").expect(r -> r.text());
    }

    @Test
    void retriedCall_reportsEachAttemptItsAnswerAndTheRetryWait() {
        api.stubFor(get(urlPathEqualTo("/api/v4/x")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        api.stubFor(get(urlPathEqualTo("/api/v4/x")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{}")));
        HttpPipeline p = pipeline(PatkitOptions.builder().listener(recorder));

        assertThat(Futures.join(p.send(read("/x")))).isEqualTo("{}");

        assertThat(fixture.sleeps).hasSize(1);
        assertThat(events).containsExactly(
                "sent demo " + host + " GET #1",
                "answered demo " + host + " GET 503 #1",
                "retry demo " + host + " GET #2 after " + fixture.sleeps.get(0),
                "sent demo " + host + " GET #2",
                "answered demo " + host + " GET 200 #2");
        assertThat(String.join("\n", events)).doesNotContain(secret).doesNotContain("/api/v4").doesNotContain("private_token_hint");
    }

    @Test
    void exhaustedBudget_reportsTheRateLimitWait() {
        Instant now = Instant.parse("2026-11-22T10:00:00Z");
        api.stubFor(get(urlPathEqualTo("/api/v4/x")).willReturn(okJson("{}").withHeader("RateLimit-Limit", "2000")
                .withHeader("RateLimit-Remaining", "0").withHeader("RateLimit-Reset", String.valueOf(now.getEpochSecond() + 20))));
        HttpPipeline p = pipeline(PatkitOptions.builder().clock(Clock.fixed(now, ZoneOffset.UTC)).listener(recorder));

        Futures.join(p.send(read("/x")));
        Futures.join(p.send(read("/x")));

        assertThat(events).containsExactly(
                "sent demo " + host + " GET #1",
                "answered demo " + host + " GET 200 #1",
                "rate-limit wait demo " + host + " PT21S",
                "sent demo " + host + " GET #1",
                "answered demo " + host + " GET 200 #1");
        assertThat(fixture.sleeps).containsExactly(Duration.ofSeconds(21));
    }

    @Test
    void listenerThatThrows_neverBreaksTheCall_andIsLoggedAtDebugWithoutItsMessage() {
        api.stubFor(get(urlPathEqualTo("/api/v4/x")).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(502)).willSetStateTo("up"));
        api.stubFor(get(urlPathEqualTo("/api/v4/x")).inScenario("flaky").whenScenarioStateIs("up")
                .willReturn(okJson("{\"ok\":true}")));
        PatkitListener broken = new PatkitListener() {
            @Override
            public void requestSent(String provider, String host, String method, int attempt) {
                throw new IllegalStateException("boom " + secret);
            }

            @Override
            public void responseReceived(String provider, String host, String method, int status, int attempt,
                    Duration elapsed) {
                throw new IllegalStateException("boom " + secret);
            }

            @Override
            public void retryScheduled(String provider, String host, String method, int nextAttempt, Duration wait) {
                throw new NoClassDefFoundError("boom " + secret);
            }
        };
        HttpPipeline p = pipeline(PatkitOptions.builder().listener(broken));

        assertThat(Futures.join(p.send(read("/x")))).isEqualTo("{\"ok\":true}");

        api.verify(2, getRequestedFor(urlPathEqualTo("/api/v4/x")));
        assertThat(LogCapture.events()).filteredOn(e -> e.startsWith("DEBUG dev.patkit.http: The PatkitListener"))
                .hasSize(5)
                .allMatch(e -> e.contains("threw java.lang.IllegalStateException") || e.contains("threw java.lang.NoClassDefFoundError"))
                .anyMatch(e -> e.contains("threw java.lang.NoClassDefFoundError from retryScheduled"));
    }

    @Test
    void defaultOptions_haveTheSilentListener_andKeepACallersListenerThroughToBuilder() {
        assertThat(PatkitOptions.defaults().listener()).isSameAs(PatkitListener.NONE);
        PatkitOptions withListener = PatkitOptions.builder().listener(recorder).build();
        assertThat(withListener.toBuilder().build().listener()).isSameAs(recorder);
    }
}
