package dev.patkit.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.DeadlineExceededException;
import dev.patkit.core.NotFoundException;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.ResponseTooLargeException;
import dev.patkit.core.ServerException;
import dev.patkit.core.TransportException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promises 12 and 13 (and 4 for served bodies) of reliability.md section 6, for every provider:
 * each transport fault, slow or huge body and malformed answer ends in a typed Patkit exception
 * within the call's deadline plus 200 ms, with no token in the exception or the logs, and one
 * shared Patkit instance keeps its thread count flat across the whole matrix.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultMatrixTest {

    static final Duration DEADLINE = Duration.ofMillis(1000);
    static final long SLACK_MS = 200;
    static final long HUNDRED_MB = 100L * 1024 * 1024;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().disableRequestJournal().containerThreads(40)).build();

    /** What a fault is and which typed outcomes it may have. */
    enum Case {
        CONNECTION_RESET(s -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), TransportException.class),
        EMPTY_RESPONSE(s -> aResponse().withFault(Fault.EMPTY_RESPONSE), TransportException.class),
        MALFORMED_CHUNK(s -> aResponse().withFault(Fault.MALFORMED_RESPONSE_CHUNK), TransportException.class),
        RANDOM_DATA_THEN_CLOSE(s -> aResponse().withFault(Fault.RANDOM_DATA_THEN_CLOSE), TransportException.class),
        SLOW_HEADERS(s -> json200("{}").withFixedDelay((int) DEADLINE.toMillis() + 3000), DeadlineExceededException.class),
        DRIBBLED_BODY(s -> json200("{\"id\":1,\"login\":\"" + "x".repeat(2000) + "\"}")
                .withChunkedDribbleDelay(50, (int) DEADLINE.toMillis() + 3000), DeadlineExceededException.class),
        HUNDRED_MB_BODY(null, ResponseTooLargeException.class),
        HUNDRED_MB_CHUNKED_BODY(null, ResponseTooLargeException.class),
        MALFORMED_JSON(s -> json200("{\"id\": \"" + s + "\", \"name\": "), ResponseParseException.class),
        JSON_WITH_WRONG_TYPES(s -> json200("{\"id\": {\"x\": \"" + s + "\"}, \"scopes\": \"" + s + "\", \"expires_at\": ["
                + "\"" + s + "\"], \"user\": 12, \"data\": \"" + s + "\", \"authorizations\": \"" + s + "\"}"),
                ResponseParseException.class),
        HTML_ERROR_PAGE_502(s -> aResponse().withStatus(502).withHeader("Content-Type", "text/html")
                .withBody("<html><body><h1>502 Bad Gateway</h1><pre>Authorization: Bearer " + s + "</pre></body></html>"),
                ServerException.class),
        HTML_ERROR_PAGE_404(s -> aResponse().withStatus(404).withHeader("Content-Type", "text/html")
                .withBody("<html><body>Not found: " + s + "</body></html>"), NotFoundException.class),
        WRONG_CONTENT_TYPE(s -> aResponse().withStatus(200).withHeader("Content-Type", "text/html; charset=utf-8")
                .withBody("<html><body>Welcome " + s + "</body></html>"), ResponseParseException.class);

        final Function<String, ResponseDefinitionBuilder> response;
        final Class<? extends PatkitException> expected;

        /** @return whether the fault is a 200 whose body is wrong: a call that ignores the body may succeed */
        boolean isOkWithBadBody() {
            return this == MALFORMED_JSON || this == JSON_WITH_WRONG_TYPES || this == WRONG_CONTENT_TYPE;
        }

        /** @return whether the request may have reached the server before the failure */
        boolean losesTheAnswer() {
            return expected == TransportException.class || expected == DeadlineExceededException.class
                    || expected == ResponseTooLargeException.class;
        }

        /**
         * @return whether a change answered this way may or may not have taken effect: a lost answer,
         *     a 5xx (a gateway's page) or a 2xx that cannot be read
         */
        boolean leavesAChangeUnknown() {
            return losesTheAnswer() || this == HTML_ERROR_PAGE_502 || isOkWithBadBody();
        }

        Case(Function<String, ResponseDefinitionBuilder> response, Class<? extends PatkitException> expected) {
            this.response = response;
            this.expected = expected;
        }
    }

    /** Figures for RELIABILITY.md, printed at the end. */
    static final Map<String, String> FIGURES = new ConcurrentHashMap<>();
    Patkit patkit;
    HugeBodyServer huge;
    int threadsBefore;
    int httpClientThreadsBefore;
    long slowestMs;
    String slowestCase = "";

    @BeforeAll
    void onePatkitPerProvider() {
        threadsBefore = ownThreads();
        httpClientThreadsBefore = Threads.httpClient();
        sendersBefore = Threads.named("patkit-send-");
        watchdogsBefore = Threads.named("patkit-deadlines");
        workersBefore = Threads.named("patkit-http-");
        // One Patkit for the whole matrix, as an application would share it.
        patkit = Patkit.builder().options(PatkitOptions.builder()
                .callTimeout(DEADLINE)
                .sleeper(d -> CompletableFuture.completedFuture(null))
                .build()).build();
        huge = new HugeBodyServer(HUNDRED_MB);
        // Warm up (class loading, JIT, the HTTP client's threads) so the first case is timed like the rest.
        wm.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(503)));
        for (Forge f : Forge.values()) {
            try {
                Futures.join(f.client(patkit, wm.baseUrl(), f.newSecret()).async().inspect());
            } catch (RuntimeException expected) {
                // a 503 three times: ServerException
            }
        }
    }

    @BeforeEach
    void clearLogs() {
        LogCapture.clear();
    }

    static Stream<Arguments> matrix() {
        List<Arguments> all = new ArrayList<>();
        for (Forge f : Forge.values()) {
            for (Forge.Call call : Forge.Call.values()) {
                if (call == Forge.Call.MUTATE && !f.mutates()) {
                    continue;
                }
                for (Case c : Case.values()) {
                    all.add(Arguments.of(f, call, c));
                }
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("matrix")
    void everyFault_endsInATypedExceptionWithinTheDeadline(Forge forge, Forge.Call call, Case fault) {
        String secret = forge.newSecret();
        wm.resetAll();
        String baseUrl = wm.baseUrl();
        if (fault == Case.HUNDRED_MB_BODY || fault == Case.HUNDRED_MB_CHUNKED_BODY) {
            baseUrl = huge.baseUrl(fault == Case.HUNDRED_MB_CHUNKED_BODY);
        } else {
            wm.stubFor(any(anyUrl()).willReturn(fault.response.apply(secret)));
        }
        ProviderClient client = forge.client(patkit, baseUrl, secret);

        long start = System.nanoTime();
        Throwable error = null;
        Object result = null;
        try {
            result = Futures.join(call.on(forge, client));
        } catch (Throwable t) {
            error = t;
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        long bound = DEADLINE.toMillis() * forge.deadlinesPerCall(call) + SLACK_MS;
        assertThat(elapsedMs).as("%s %s %s took %d ms", forge, call, fault, elapsedMs).isLessThanOrEqualTo(bound);
        Leaks.assertNotLogged(secret);

        if (error == null && fault.isOkWithBadBody()) {
            // Lenient parsing of a 200 is allowed (unknown shapes are ignored); leaking is not.
            assertThat(String.valueOf(result)).doesNotContain(secret);
            FIGURES.put(forge + " " + call + " " + fault, "accepted leniently after " + elapsedMs + " ms");
            return;
        }
        assertThat(error).as("%s %s %s must fail", forge, call, fault).isNotNull();
        assertThat(error).as("a typed Patkit exception").isInstanceOf(PatkitException.class);
        assertThat(typeMatches(error, fault, call))
                .as("%s %s %s gave %s", forge, call, fault, error).isTrue();
        Leaks.assertNotIn(error, secret);
        synchronized (this) {
            if (forge.deadlinesPerCall(call) == 1 && elapsedMs > slowestMs) {
                slowestMs = elapsedMs;
                slowestCase = forge + " " + call + " " + fault + " -> " + error.getClass().getSimpleName();
            }
        }
        FIGURES.put(forge + " " + call + " " + fault, error.getClass().getSimpleName() + " after " + elapsedMs + " ms");
    }

    /**
     * The expected type, or for a mutating call whose request may have reached the server or whose
     * answer says nothing of the outcome, an ambiguous outcome (a POST is never re-sent blindly).
     */
    static boolean typeMatches(Throwable error, Case fault, Forge.Call call) {
        if (fault.expected.isInstance(error)) {
            return true;
        }
        return call == Forge.Call.MUTATE && fault.leavesAChangeUnknown() && error instanceof AmbiguousOutcomeException;
    }

    @Test
    void hugeBodyServer_reallyServesAHundredMegabytes() throws Exception {
        for (boolean chunked : new boolean[] {false, true}) {
            java.net.http.HttpResponse<java.io.InputStream> r = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(huge.baseUrl(chunked) + "/x")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            long n = 0;
            try (java.io.InputStream in = r.body()) {
                byte[] buf = new byte[1 << 16];
                for (int k; (k = in.read(buf)) > 0; ) {
                    n += k;
                }
            }
            assertThat(n).as("chunked=%s", chunked).isEqualTo(HUNDRED_MB);
        }
    }

    @AfterAll
    void threadCountStaysFlat() throws InterruptedException {
        patkit.close();
        huge.close();
        // Give cancelled exchanges a moment to wind down before counting.
        Thread.sleep(500);
        int after = ownThreads();
        int httpAfter = Threads.httpClient();
        String figure = "threads (excluding WireMock's) before/after " + threadsBefore + "/" + after
                + ", HttpClient-* " + httpClientThreadsBefore + "/" + httpAfter + "; slowest single-deadline case " + slowestMs + " ms ("
                + slowestCase + "), deadline " + DEADLINE.toMillis() + " ms";
        System.out.println("FIGURE FaultMatrixTest: " + figure);
        FIGURES.forEach((k, v) -> System.out.println("FIGURE FaultMatrixTest " + k + ": " + v));
        // Patkit's own threads, by name: the JVM is shared with other test classes, whose JDK 17
        // clients wind down on their own time, so totals only bound what no name accounts for.
        assertThat(Threads.named("patkit-send-")).as("sender threads after close; " + figure).isLessThanOrEqualTo(sendersBefore);
        assertThat(Threads.named("patkit-deadlines")).as("watchdog after close; " + figure).isLessThanOrEqualTo(watchdogsBefore);
        // JDK 21+ closes the client and its workers; JDK 17 cannot close a client: its idle workers end 30 s later.
        int idleWorkers = Runtime.version().feature() >= 21 ? 0 : 8;
        assertThat(Threads.named("patkit-http-")).as("HTTP workers after close; " + figure)
                .isLessThanOrEqualTo(workersBefore + idleWorkers);
        assertThat(after).as(figure).isLessThanOrEqualTo(threadsBefore + idleWorkers + 10);
    }

    private int sendersBefore;
    private int watchdogsBefore;
    private int workersBefore;

    private static int ownThreads() {
        return Threads.excluding(Set.of("qtp", "WireMock", "Jetty", "jetty", "huge-body-server", "HTTP-Dispatcher"));
    }

    private static ResponseDefinitionBuilder json200(String body) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
    }
}
