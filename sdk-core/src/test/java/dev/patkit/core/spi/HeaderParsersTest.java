package dev.patkit.core.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderParsersTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    private static ResponseHeaders headers(Map<String, String> values) {
        return new ResponseHeaders(HttpHeaders.of(
                values.entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> List.of(e.getValue()))),
                (a, b) -> true));
    }

    @Test
    void retryAfter_secondsAndDates() {
        assertThat(HeaderParsers.retryAfter("2", NOW)).contains(Duration.ofSeconds(2));
        assertThat(HeaderParsers.retryAfter(" 120 ", NOW)).contains(Duration.ofSeconds(120));
        assertThat(HeaderParsers.retryAfter("Sun, 22 Nov 2026 10:00:30 GMT", NOW)).contains(Duration.ofSeconds(30));
        assertThat(HeaderParsers.retryAfter("Sun, 22 Nov 2026 09:00:00 GMT", NOW)).contains(Duration.ZERO);
        assertThat(HeaderParsers.retryAfter("-5", NOW)).isEmpty();
        assertThat(HeaderParsers.retryAfter("soon", NOW)).isEmpty();
        assertThat(HeaderParsers.retryAfter("", NOW)).isEmpty();
        assertThat(HeaderParsers.retryAfter("99999999999999999999999", NOW)).isEmpty();
    }

    @Test
    void rateLimit_githubStyle() {
        var s = HeaderParsers.rateLimit(headers(Map.of("x-ratelimit-limit", "5000", "x-ratelimit-remaining", "4999",
                "x-ratelimit-reset", "1795000000", "x-ratelimit-resource", "core")), NOW).orElseThrow();
        assertThat(s.limit()).hasValue(5000);
        assertThat(s.remaining()).hasValue(4999);
        assertThat(s.resetAt()).contains(Instant.ofEpochSecond(1795000000));
        assertThat(s.resource()).contains("core");
        assertThat(s.observedAt()).isEqualTo(NOW);
    }

    @Test
    void rateLimit_gitlabStyleAndDeltaSeconds() {
        var s = HeaderParsers.rateLimit(headers(Map.of("RateLimit-Limit", "2000", "RateLimit-Remaining", "0",
                "RateLimit-Reset", "30", "RateLimit-Name", "throttle_authenticated_api")), NOW).orElseThrow();
        assertThat(s.resetAt()).contains(NOW.plusSeconds(30));
        assertThat(s.resource()).contains("throttle_authenticated_api");
        assertThat(s.exhaustedAt(NOW)).isTrue();
        assertThat(s.exhaustedAt(NOW.plusSeconds(31))).isFalse();
        assertThat(HeaderParsers.rateLimit(headers(Map.of("X-Other", "1")), NOW)).isEmpty();
        assertThat(HeaderParsers.rateLimit(headers(Map.of("x-ratelimit-remaining", "lots")), NOW)).isEmpty();
    }

    @Test
    void nextLink_findsRelNextAmongOthers() {
        assertThat(HeaderParsers.nextLink("<https://a/x?page=2>; rel=\"next\", <https://a/x?page=5>; rel=\"last\""))
                .contains("https://a/x?page=2");
        assertThat(HeaderParsers.nextLink("<https://a/x?page=1>; rel=\"prev\", <https://a/x?page=3>; rel=next"))
                .contains("https://a/x?page=3");
        assertThat(HeaderParsers.nextLink("<https://a/x?page=3>; rel=\"next last\"")).contains("https://a/x?page=3");
        assertThat(HeaderParsers.nextLink("<https://a/x?page=5>; rel=\"last\"")).isEmpty();
        assertThat(HeaderParsers.nextLink("garbage")).isEmpty();
        assertThat(HeaderParsers.nextLink("<unterminated; rel=next")).isEmpty();
        assertThat(HeaderParsers.nextLink(null)).isEmpty();
    }
}
