package dev.patkit.github;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.patkit.core.AuthorizationStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
}
