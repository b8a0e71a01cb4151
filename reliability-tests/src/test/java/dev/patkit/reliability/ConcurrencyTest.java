package dev.patkit.reliability;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.patkit.core.Authorization;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.core.testing.LogCapture;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Promise 26 of reliability.md section 6: one Patkit instance is safe to share. 200 concurrent
 * inspect calls with 200 distinct tokens: WireMock answers each token with an answer that names its
 * call, so a request that carried another call's token would come back with the wrong answer; the
 * journal must hold each token exactly once, and the JDK client's threads stay bounded.
 */
class ConcurrencyTest {

    static final int CALLS = 200;

    @RegisterExtension
    static WireMockExtension wm = WireMockExtension.newInstance()
            .options(wireMockConfig().dynamicPort().containerThreads(64)).build();

    @ParameterizedTest
    @EnumSource(Forge.class)
    void twoHundredConcurrentCalls_eachCarryTheirOwnToken(Forge forge) throws Exception {
        LogCapture.clear();
        int httpBefore = Threads.httpClient();
        List<String> secrets = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            String secret = forge.newSecret();
            secrets.add(secret);
            wm.stubFor(get(urlPathEqualTo(forge.inspectPath())).withHeader(forge.authHeader(), equalTo(forge.authValue(secret)))
                    .willReturn(okJson(forge.inspectBody(i))));
        }
        int httpPeak = 0;
        long start = System.nanoTime();
        try (Patkit patkit = Patkit.builder().options(PatkitOptions.builder().callTimeout(Duration.ofSeconds(30))
                // Retries wait as configured: a burst beyond the server's HTTP/2 concurrent-stream limit makes
                // the JDK refuse streams until earlier ones finish, and an instant retry meets the same refusal.
                .sleeper(d -> CompletableFuture.runAsync(() -> { }, CompletableFuture.delayedExecutor(d.toMillis(),
                        java.util.concurrent.TimeUnit.MILLISECONDS))).build()).build()) {
            ExecutorService callers = Executors.newFixedThreadPool(CALLS);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Authorization>> results = new ArrayList<>();
            try {
                for (String secret : secrets) {
                    results.add(callers.submit(() -> {
                        go.await();
                        return Futures.join(forge.client(patkit, wm.baseUrl(), secret).async().inspect());
                    }));
                }
                go.countDown();
                for (int i = 0; i < CALLS; i++) {
                    Authorization a = results.get(i).get();
                    httpPeak = Math.max(httpPeak, Threads.httpClient());
                    assertThat(forge.identify(a)).as("call %d got the answer for its own token", i).isEqualTo(String.valueOf(i));
                    for (String secret : secrets) {
                        assertThat(a.toString()).doesNotContain(secret);
                    }
                }
            } finally {
                callers.shutdownNow();
            }
        }
        long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();

        // GitLab's inspect also reads GET /user alongside the token (for the owner's login); count the token reads.
        List<LoggedRequest> requests = wm.getAllServeEvents().stream().map(e -> e.getRequest())
                .filter(r -> r.getUrl().startsWith(forge.inspectPath())).toList();
        assertThat(requests).hasSize(CALLS);
        Map<String, Integer> seen = new HashMap<>();
        for (LoggedRequest r : requests) {
            String value = r.getHeader(forge.authHeader());
            seen.merge(value, 1, Integer::sum);
            assertThat(r.getUrl()).as("no token in a URL").doesNotContain(value.replace("Bearer ", ""));
        }
        for (String secret : secrets) {
            assertThat(seen.get(forge.authValue(secret))).as("requests carrying one token").isEqualTo(1);
            Leaks.assertNotLogged(secret);
        }
        int httpAfter = Threads.httpClient();
        String figure = forge + ": " + CALLS + " calls in " + elapsedMs + " ms; HttpClient-* threads before/peak/after "
                + httpBefore + "/" + httpPeak + "/" + httpAfter;
        System.out.println("FIGURE ConcurrencyTest " + figure);
        assertThat(httpPeak).as(figure).isLessThanOrEqualTo(httpBefore + 16);
    }
}
