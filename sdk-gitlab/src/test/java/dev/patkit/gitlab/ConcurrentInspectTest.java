package dev.patkit.gitlab;

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

/** Inspections of distinct tokens are independent work: none waits for another. */
class ConcurrentInspectTest {

    @Test
    void thirtyTwoTokens_areInspectedAtOnce_bothRequestsOfEachInFlightTogether() throws Exception {
        int n = 32;
        // Each inspection reads its token record and GET /user: 64 requests, all held until all arrived.
        try (Patkit patkit = Patkit.create();
                BarrierServer server = BarrierServer.start(2 * n, path -> path.endsWith("/personal_access_tokens/self")
                        ? "{\"id\":7,\"name\":\"ci\",\"scopes\":[\"api\"],\"user_id\":25,\"active\":true,\"revoked\":false}"
                        : "{\"id\":25,\"username\":\"octo\",\"name\":\"Octo\"}")) {
            URI base = URI.create(server.baseUri() + "/api/v4");
            List<CompletableFuture<Authorization>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                calls.add(patkit.client("gitlab", base, Token.of(Canary.gitlab())).async().inspect());
            }
            for (CompletableFuture<Authorization> call : calls) {
                Authorization a = call.get(60, TimeUnit.SECONDS);
                assertThat(a.status()).isEqualTo(AuthorizationStatus.ACTIVE);
                assertThat(a.owner().orElseThrow().login()).contains("octo");
            }
            assertThat(server.mostInFlight()).as("requests in flight at once on the server").isEqualTo(2 * n);
            assertThat(server.requestLines()).filteredOn(l -> l.startsWith("GET /api/v4/user ")).hasSize(n);
        }
    }
}
