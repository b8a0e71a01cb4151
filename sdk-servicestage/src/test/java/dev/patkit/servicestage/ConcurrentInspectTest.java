package dev.patkit.servicestage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Patkit;
import dev.patkit.core.testing.BarrierServer;
import dev.patkit.core.testing.Canary;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Inspections with distinct access keys are independent work: none waits for another. */
class ConcurrentInspectTest {

    @Test
    void thirtyTwoAccessKeys_areInspectedAtOnce() throws Exception {
        int n = 32;
        try (Patkit patkit = Patkit.create();
                BarrierServer server = BarrierServer.start(n, path -> "{\"authorizations\":[],\"count\":0}")) {
            URI base = URI.create(server.baseUri() + "/v1/proj1");
            List<CompletableFuture<Authorization>> calls = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                AccessKey key = AccessKey.of(String.format("AKCONCURRENT%07d", i), Canary.opaque());
                calls.add(patkit.client("servicestage", base, key).async().inspect());
            }
            for (CompletableFuture<Authorization> call : calls) {
                assertThat(call.get(60, TimeUnit.SECONDS).status()).isEqualTo(AuthorizationStatus.ACTIVE);
            }
            assertThat(server.mostInFlight()).as("inspections in flight at once on the server").isEqualTo(n);
            assertThat(server.requestLines()).containsOnly("GET /v1/proj1/git/auths HTTP/1.1");
        }
    }
}
