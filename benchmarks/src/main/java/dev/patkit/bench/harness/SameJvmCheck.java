package dev.patkit.bench.harness;

import dev.patkit.bench.stub.StubServer;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.ProviderClient;
import dev.patkit.core.Token;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * A/B in one JVM against one stub, interleaved, after a long warm-up: raw {@code HttpClient.send}
 * of GitLab's {@code /personal_access_tokens/self}, Patkit's {@code inspect()} on its own HTTP
 * client, and Patkit's {@code inspect()} on a client with the JDK's default executor. It separates
 * per-call cost from warm-up, which the fresh-JVM comparison mixes. Prints medians in microseconds.
 */
public final class SameJvmCheck {

    private SameJvmCheck() {}

    /** One timed call. */
    @FunctionalInterface
    interface Call {
        void run() throws Exception;
    }

    static double medianMicros(Call call, int n) throws Exception {
        long[] t = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            call.run();
            t[i] = System.nanoTime() - start;
        }
        Arrays.sort(t);
        return t[n / 2] / 1000.0;
    }

    /**
     * Runs the check.
     *
     * @param args unused
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        try (StubServer stub = StubServer.start(4)) {
            String base = stub.baseUrl() + "/api/v4";
            Token token = Token.of("glpat-abcdefghijklmnopqrst");
            HttpClient raw = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/personal_access_tokens/self"))
                    .header("PRIVATE-TOKEN", token.reveal()).header("Accept", "application/json")
                    .timeout(Duration.ofSeconds(30)).GET().build();
            Call rawCall = () -> raw.send(request, HttpResponse.BodyHandlers.ofByteArray());
            try (Patkit own = Patkit.builder().build();
                    Patkit jdkExecutor = Patkit.builder().options(PatkitOptions.builder().httpClient(HttpClient.newBuilder()
                            .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build())
                            .build()).build()) {
                ProviderClient a = own.client("gitlab", URI.create(base), token);
                ProviderClient b = jdkExecutor.client("gitlab", URI.create(base), token);
                for (int round = 0; round < 4; round++) {
                    medianMicros(rawCall, 3000);
                    medianMicros(a::inspect, 3000);
                    medianMicros(b::inspect, 3000);
                }
                for (int round = 1; round <= 3; round++) {
                    System.out.printf("round %d: raw send %.1f us | patkit %.1f us | patkit on the JDK's default executor %.1f us%n",
                            round, medianMicros(rawCall, 5000), medianMicros(a::inspect, 5000),
                            medianMicros(b::inspect, 5000));
                }
            }
        }
    }
}
