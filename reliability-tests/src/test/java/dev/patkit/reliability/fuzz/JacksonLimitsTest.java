package dev.patkit.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.ResponseParseException;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.testing.Leaks;
import dev.patkit.reliability.Forge;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Promise 30 of reliability.md section 6: Jackson's limits are tight. A 2 MB document, nesting
 * 1000 deep and a 10,000-digit number, answered to every provider's inspect, each give a
 * {@link ResponseParseException} (its subclass ResponseTooLargeException for the 2 MB one) quickly
 * and without the token.
 */
class JacksonLimitsTest {

    static final CannedHttpClient HTTP = new CannedHttpClient();
    static final Patkit PATKIT = Patkit.builder().options(PatkitOptions.builder().httpClient(HTTP)
            .allowInsecureHttp(true).callTimeout(Duration.ofSeconds(5))
            .sleeper(d -> CompletableFuture.completedFuture(null)).build()).build();

    static Stream<Arguments> cases() {
        String twoMb = "{\"login\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        String deep = "[".repeat(1000) + "]".repeat(1000);
        String longNumber = "{\"id\":" + "9".repeat(10_000) + "}";
        return Stream.of(Forge.values()).flatMap(f -> Stream.of(
                Arguments.of(f, "2 MB document", twoMb),
                Arguments.of(f, "depth 1000", deep),
                Arguments.of(f, "10k-digit number", longNumber)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void oversizedDocuments_failFastAsParseErrors(Forge forge, String what, String body) {
        String secret = forge.newSecret();
        HTTP.answer(new CannedHttpClient.Canned(200, Map.of("Content-Type", List.of("application/json")),
                (body + secret).getBytes(StandardCharsets.UTF_8)));
        long start = System.nanoTime();
        Throwable e = catchThrowable(() -> Futures.join(forge.client(PATKIT, "http://127.0.0.1:1", secret).async().inspect()));
        long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
        System.out.println("FIGURE JacksonLimitsTest " + forge + " " + what + ": "
                + (e == null ? "accepted" : e.getClass().getSimpleName()) + " in " + ms + " ms");
        assertThat(e).as("%s %s", forge, what).isInstanceOf(ResponseParseException.class);
        assertThat(ms).isLessThan(1000);
        Leaks.assertNotIn(e, secret);
    }
}
