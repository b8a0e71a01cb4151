package dev.patkit.atomgit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Patkit;
import dev.patkit.core.Token;
import dev.patkit.core.testing.BarrierServer;
import dev.patkit.core.testing.Canary;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Inspections of distinct tokens are independent work: none waits for another, even when the
 * tokens belong to one account (whose rate-limit budget they share; a budget only makes a call
 * wait once the server reports it exhausted).
 */
class ConcurrentInspectTest {

    @Test
    void thirtyTwoTokens_areInspectedAtOnce() throws Exception {
        int n = 32;
        try (Patkit patkit = Patkit.create();
                BarrierServer server = BarrierServer.start(n, path -> "{\"id\":\"4242\",\"login\":\"octo\",\"name\":\"Octo\"}")) {
            URI base = URI.create(server.baseUri() + "/api/v5");
            List<CompletableFuture<Authorization>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(patkit.client("atomgit", base, Token.of(Canary.opaque())).async().inspect());
            }
            for (CompletableFuture<Authorization> call : calls) {
                Authorization a = call.get(60, TimeUnit.SECONDS);
                assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
                assertThat(a.owner().orElseThrow().id()).isEqualTo("4242");
            }
            assertThat(server.mostInFlight()).as("inspections in flight at once on the server").isEqualTo(n);
            assertThat(server.requestLines()).containsOnly("GET /api/v5/user HTTP/1.1");
        }
    }
}
