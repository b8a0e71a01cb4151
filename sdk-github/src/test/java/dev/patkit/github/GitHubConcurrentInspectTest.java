package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static dev.patkit.github.GitHubForge.client;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Token;
import dev.patkit.core.testing.BarrierServer;
import dev.patkit.core.testing.Canary;
import dev.patkit.core.testing.Fixtures;
import dev.patkit.core.testing.ProviderHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Inspections from several threads go through the per-host inspection queue; blocking callers must
 * all finish. (A blocked caller's thread once ran every queued caller's request in its own stack.)
 */
class GitHubConcurrentInspectTest {

    @RegisterExtension
    static final ProviderHarness forge = GitHubForge.harness();

    @Test
    void inspectFromFourThreads_everyCallFinishes() {
        forge.wm().stubFor(get("/user").willReturn(okJson(Fixtures.read(GitHubConcurrentInspectTest.class, "user.json")).withHeader("X-OAuth-Scopes", "repo")));
        GitHubClient client = client(forge);
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
        assertThat(forge.wm().getAllServeEvents()).hasSize(600);
    }

    @Test
    void thirtyTwoValidTokens_areInspectedInParallel_notOneAtATime() throws Exception {
        int n = 32;
        String user = Fixtures.read(GitHubConcurrentInspectTest.class, "user.json");
        try (BarrierServer server = BarrierServer.start(n, path -> user)) {
            List<CompletableFuture<Authorization>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                GitHubClient c = forge.patkit().client("github", server.baseUri(), Token.of(Canary.githubClassic()))
                        .unwrap(GitHubClient.class);
                calls.add(c.async().inspect());
            }
            for (CompletableFuture<Authorization> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS).status()).isEqualTo(AuthorizationStatus.ACTIVE);
            }
            // Serialised inspections would reach the server one at a time, each waiting out its 10 s.
            assertThat(server.mostInFlight()).as("inspections in flight at once on the server").isEqualTo(n);
        }
    }
}
