package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Token;
import dev.patkit.core.testing.Canary;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Inspections from several threads go through the per-host inspection queue; blocking callers must
 * all finish. (A blocked caller's thread once ran every queued caller's request in its own stack.)
 */
class GitHubConcurrentInspectTest extends GitHubTestSupport {

    @Test
    void inspectFromFourThreads_everyCallFinishes() {
        wm.stubFor(get("/user").willReturn(okJson(fixture("user.json")).withHeader("X-OAuth-Scopes", "repo")));
        GitHubClient client = client();
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Integer>> workers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    workers.add(pool.submit(() -> {
                        int active = 0;
                        for (int i = 0; i < 150; i++) {
                            if (client.inspect().status() == AuthorizationStatus.ACTIVE) {
                                active++;
                            }
                        }
                        return active;
                    }));
                }
                for (Future<Integer> w : workers) {
                    assertThat(w.get()).isEqualTo(150);
                }
            } finally {
                pool.shutdownNow();
            }
        });
        assertThat(wm.getAllServeEvents()).hasSize(600);
    }

    @Test
    void thirtyTwoValidTokens_areInspectedInParallel_notOneAtATime() throws Exception {
        int n = 32;
        CountDownLatch allArrived = new CountDownLatch(n);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        byte[] body = fixture("user.json").getBytes(StandardCharsets.UTF_8);
        ExecutorService handlers = Executors.newFixedThreadPool(n + 4);
        ServerSocket server = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        // A bare HTTP/1.1 server: each answer waits until every inspection has arrived, so
        // serialised inspections would reach it one at a time and each wait out the 10 s in vain.
        handlers.submit(() -> {
            while (!server.isClosed()) {
                Socket socket;
                try {
                    socket = server.accept();
                } catch (IOException closed) {
                    return null;
                }
                handlers.submit(() -> {
                    try (socket) {
                        BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                                StandardCharsets.ISO_8859_1));
                        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
                            // request line and headers: not needed
                        }
                        mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                        allArrived.countDown();
                        allArrived.await(10, TimeUnit.SECONDS);
                        inFlight.decrementAndGet();
                        OutputStream out = socket.getOutputStream();
                        out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-OAuth-Scopes: repo\r\n"
                                + "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.write(body);
                        out.flush();
                    }
                    return null;
                });
            }
            return null;
        });
        try {
            URI base = URI.create("http://127.0.0.1:" + server.getLocalPort());
            List<CompletableFuture<Authorization>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                GitHubClient c = patkit.client("github", base, Token.of(Canary.githubClassic())).unwrap(GitHubClient.class);
                calls.add(c.inspectAsync());
            }
            for (CompletableFuture<Authorization> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS).status()).isEqualTo(AuthorizationStatus.ACTIVE);
            }
            assertThat(allArrived.getCount()).isZero();
            assertThat(mostInFlight.get()).as("inspections in flight at once on the server").isEqualTo(n);
        } finally {
            server.close();
            handlers.shutdownNow();
        }
    }
}
