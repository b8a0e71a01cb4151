package dev.patkit.core.spi;

import dev.patkit.core.RateLimitSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.OptionalLong;

/** Parsers for {@code Retry-After}, rate-limit and {@code Link} headers. Total: never throw. */
final class HeaderParsers {

    /** Values below this are delta-seconds, above it Unix epoch seconds (RateLimit-Reset is either). */
    private static final long EPOCH_THRESHOLD = 1_000_000_000L;

    private HeaderParsers() {}

    /**
     * Parses {@code Retry-After}: delta-seconds or an HTTP date.
     *
     * @param value the header value
     * @param now the current instant
     * @return the wait, never negative; empty when unparseable
     */
    static Optional<Duration> retryAfter(String value, Instant now) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.trim();
        OptionalLong seconds = parseLong(v);
        if (seconds.isPresent()) {
            long s = seconds.getAsLong();
            return s < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(Math.min(s, 86_400L * 365)));
        }
        try {
            Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration d = Duration.between(now, at);
            return Optional.of(d.isNegative() ? Duration.ZERO : d);
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /**
     * Reads {@code x-ratelimit-*} (GitHub, AtomGit) or {@code RateLimit-*} (GitLab) headers.
     * A reset below 10^9 is taken as delta-seconds, otherwise as Unix epoch seconds.
     *
     * @param headers the headers
     * @param now when the response arrived
     * @return the snapshot, or empty when no limit or remaining header is present
     */
    static Optional<RateLimitSnapshot> rateLimit(ResponseHeaders headers, Instant now) {
        return rateLimit(headers, java.time.Clock.fixed(now, java.time.ZoneOffset.UTC));
    }

    /**
     * As {@link #rateLimit(ResponseHeaders, Instant)}, asking the clock only when the headers are
     * there: most answers of most forges carry none, and each lookup name is a constant.
     */
    static Optional<RateLimitSnapshot> rateLimit(ResponseHeaders headers, java.time.Clock clock) {
        boolean github = headers.first(X_REMAINING).isPresent() || headers.first(X_LIMIT).isPresent();
        OptionalLong limit = number(headers, github ? X_LIMIT : LIMIT);
        OptionalLong remaining = number(headers, github ? X_REMAINING : REMAINING);
        if (limit.isEmpty() && remaining.isEmpty()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Instant> reset = Optional.empty();
        OptionalLong r = number(headers, github ? X_RESET : RESET);
        if (r.isPresent() && r.getAsLong() >= 0) {
            long v = r.getAsLong();
            reset = Optional.of(v < EPOCH_THRESHOLD ? now.plusSeconds(v) : Instant.ofEpochSecond(v));
        }
        Optional<String> resource = headers.first(github ? "x-ratelimit-resource" : "ratelimit-name")
                .map(s -> s.length() > 64 ? s.substring(0, 64) : s);
        return Optional.of(new RateLimitSnapshot(limit, remaining, reset, resource, now));
    }

    private static final String X_LIMIT = "x-ratelimit-limit";
    private static final String X_REMAINING = "x-ratelimit-remaining";
    private static final String X_RESET = "x-ratelimit-reset";
    private static final String LIMIT = "ratelimit-limit";
    private static final String REMAINING = "ratelimit-remaining";
    private static final String RESET = "ratelimit-reset";

    /**
     * Finds the {@code rel="next"} target of a {@code Link} header.
     *
     * @param link the header value
     * @return the target as written, or empty
     */
    static Optional<String> nextLink(String link) {
        if (link == null) {
            return Optional.empty();
        }
        int i = 0;
        while (i < link.length()) {
            int open = link.indexOf('<', i);
            if (open < 0) {
                return Optional.empty();
            }
            int close = link.indexOf('>', open);
            if (close < 0) {
                return Optional.empty();
            }
            String target = link.substring(open + 1, close);
            int next = link.indexOf('<', close);
            String params = link.substring(close + 1, next < 0 ? link.length() : next);
            for (String param : params.split(";")) {
                String p = param.trim();
                int eq = p.indexOf('=');
                if (eq > 0 && p.substring(0, eq).trim().equalsIgnoreCase("rel")) {
                    String rels = p.substring(eq + 1).replace("\"", " ").replace(",", " ").trim();
                    for (String rel : rels.split("\\s+")) {
                        if (rel.equalsIgnoreCase("next")) {
                            return Optional.of(target.trim());
                        }
                    }
                }
            }
            i = close + 1;
        }
        return Optional.empty();
    }

    private static OptionalLong number(ResponseHeaders headers, String name) {
        Optional<String> value = headers.first(name);
        return value.isPresent() ? parseLong(value.get().trim()) : OptionalLong.empty();
    }

    private static OptionalLong parseLong(String v) {
        if (v.isEmpty() || v.length() > 18) {
            return OptionalLong.empty();
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (!(c >= '0' && c <= '9') && !(i == 0 && c == '-' && v.length() > 1)) {
                return OptionalLong.empty();
            }
        }
        return OptionalLong.of(Long.parseLong(v));
    }
}
