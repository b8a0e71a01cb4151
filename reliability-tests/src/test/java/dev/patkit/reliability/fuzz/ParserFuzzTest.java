package dev.patkit.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.patkit.core.Patkit;
import dev.patkit.core.PatkitException;
import dev.patkit.core.PatkitOptions;
import dev.patkit.core.Token;
import dev.patkit.core.TokenFormat;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.ApiResponse;
import dev.patkit.core.spi.ResponseHeaders;
import dev.patkit.core.testing.Leaks;
import dev.patkit.reliability.Forge;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Promise 29 of reliability.md section 6: the parsers survive arbitrary input. Without
 * {@code JAZZER_FUZZ=1} each {@code @FuzzTest} replays its checked-in corpus
 * ({@code src/test/resources/dev/patkit/reliability/fuzz/ParserFuzzTestInputs/<method>/}) as a
 * regression test; with it, Jazzer fuzzes and adds what it finds there.
 */
class ParserFuzzTest {

    static final String[] STATUSES_AND_TYPES = {"application/json", "application/json; charset=utf-8",
        "text/html", "text/plain", "", "application/problem+json"};
    static final int[] STATUSES = {200, 201, 204, 301, 400, 401, 403, 404, 409, 410, 422, 429, 500, 502, 503};
    static final String[] HEADER_NAMES = {"Retry-After", "x-ratelimit-remaining", "x-ratelimit-limit",
        "x-ratelimit-reset", "x-ratelimit-resource", "RateLimit-Remaining", "RateLimit-Limit", "RateLimit-Reset",
        "Link", "X-OAuth-Scopes", "X-Accepted-OAuth-Scopes", "GitHub-Authentication-Token-Expiration",
        "X-GitHub-SSO", "x-next-page", "X-Subject-Token", "X-Request-Id"};

    static final CannedHttpClient HTTP = new CannedHttpClient();
    static final Patkit PATKIT = Patkit.builder().options(PatkitOptions.builder().httpClient(HTTP)
            .allowInsecureHttp(true).callTimeout(Duration.ofSeconds(5))
            .sleeper(d -> CompletableFuture.completedFuture(null)).build()).build();

    /**
     * Every provider's response path (status, headers, body through the pipeline, the error mapper
     * and the JSON mapping): only typed Patkit exceptions, and the token (spliced into the body
     * wherever the input says {@code @@}) in no message, cause or result.
     */
    @FuzzTest(maxDuration = "60s")
    void providerResponses(FuzzedDataProvider data) {
        Forge forge = data.pickValue(Forge.values());
        boolean mutate = forge.mutates() && data.consumeBoolean();
        int status = data.pickValue(STATUSES);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("Content-Type", List.of(data.pickValue(STATUSES_AND_TYPES)));
        int extra = data.consumeInt(0, 4);
        for (int i = 0; i < extra; i++) {
            headers.computeIfAbsent(data.pickValue(HEADER_NAMES), k -> new ArrayList<>()).add(clean(data.consumeString(80)));
        }
        String secret = forge.newSecret();
        byte[] body = data.consumeRemainingAsString().replace("@@", secret).getBytes(StandardCharsets.UTF_8);
        HTTP.answer(new CannedHttpClient.Canned(status, headers, body));

        Object result;
        try {
            result = Futures.join((mutate ? Forge.Call.MUTATE : Forge.Call.INSPECT)
                    .on(forge, forge.client(PATKIT, "http://127.0.0.1:1", secret)));
        } catch (PatkitException e) {
            Leaks.assertNotIn(e, secret);
            return;
        }
        assertThat(String.valueOf(result)).doesNotContain(secret);
    }

    /**
     * The header parsers are total: they never throw, whatever the value. Reached through the SPI's
     * public {@code ApiResponse}, as providers and the pipeline reach them.
     */
    @FuzzTest(maxDuration = "60s")
    void headerParsers(FuzzedDataProvider data) {
        Instant now = Instant.ofEpochSecond(data.consumeLong(0, 4_000_000_000L));
        String a = data.consumeString(200);
        String b = data.consumeString(200);
        String c = data.consumeRemainingAsString();
        Map<String, List<String>> retry = new LinkedHashMap<>();
        retry.put("Retry-After", List.of(clean(a)));
        retry.put("Link", List.of(clean(c)));
        ApiResponse first = response(retry, now);
        first.retryAfter().ifPresent(d -> assertThat(d.isNegative()).isFalse());
        first.nextLink();
        Map<String, List<String>> map = new LinkedHashMap<>();
        map.put(data.consumeBoolean() ? "x-ratelimit-remaining" : "RateLimit-Remaining", List.of(clean(a)));
        map.put("x-ratelimit-reset", List.of(clean(b)));
        map.put("RateLimit-Reset", List.of(clean(b)));
        map.put("x-ratelimit-limit", List.of(clean(c)));
        response(map, now).rateLimit();
    }

    private static ApiResponse response(Map<String, List<String>> headers, Instant now) {
        return new ApiResponse(429, new ResponseHeaders(HttpHeaders.of(headers, (x, y) -> true)), new byte[0],
                URI.create("https://forge.example/api"), new com.fasterxml.jackson.databind.ObjectMapper(),
                java.time.Clock.fixed(now, java.time.ZoneOffset.UTC), t -> t, dev.patkit.core.ErrorContext.NONE);
    }

    /**
     * Token recognition, through the public API: {@code Token.of} accepts (and then its format is
     * recognised without throwing) or throws a Patkit exception (or the documented
     * IllegalArgumentException) that never quotes the input.
     */
    @FuzzTest(maxDuration = "60s")
    void tokenFormats(FuzzedDataProvider data) {
        String text = data.consumeRemainingAsString();
        try {
            Token t = Token.of(text);
            TokenFormat format = t.format();
            assertThat(format).isNotNull();
            assertThat(t.toString()).doesNotContain(text.length() >= 8 ? text : "\u0000never");
        } catch (PatkitException | IllegalArgumentException e) {
            if (text.strip().length() >= 8) {
                Leaks.assertNotIn(e, text.strip());
            }
        }
    }

    private static String clean(String header) {
        StringBuilder b = new StringBuilder();
        for (char ch : header.toCharArray()) {
            b.append(ch >= 0x20 && ch < 0x7f ? ch : ' ');
        }
        return b.toString();
    }
}
