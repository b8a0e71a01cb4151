package dev.patkit.core.audit;

import dev.patkit.core.Authorization;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Warns once per token at each expiry threshold (for example 30, 7 and 1 days). Feed it
 * authorizations as often as you like, for example after each audit; a token that crossed several
 * thresholds since it was last seen gets one warning, for the nearest threshold.
 *
 * <p>Thread-safe. What was warned is kept in memory per token (provider, host and id or name).
 */
public final class ExpiryWarnings {

    private final List<Duration> thresholds;
    private final Clock clock;
    private final Consumer<ExpiryWarning> listener;
    private final Map<String, Duration> warned = new ConcurrentHashMap<>();

    /**
     * Creates the warner.
     *
     * @param thresholds the thresholds, in any order; at least one
     * @param clock the clock
     * @param listener receives each warning
     */
    public ExpiryWarnings(Collection<Duration> thresholds, Clock clock, Consumer<ExpiryWarning> listener) {
        if (thresholds.isEmpty()) {
            throw new IllegalArgumentException("at least one threshold is needed");
        }
        List<Duration> sorted = new ArrayList<>(thresholds);
        sorted.sort(null);
        this.thresholds = List.copyOf(sorted);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The usual thresholds: 30, 7 and 1 days.
     *
     * @param clock the clock
     * @param listener receives each warning
     * @return the warner
     */
    public static ExpiryWarnings standard(Clock clock, Consumer<ExpiryWarning> listener) {
        return new ExpiryWarnings(List.of(Duration.ofDays(30), Duration.ofDays(7), Duration.ofDays(1)), clock, listener);
    }

    /**
     * Checks one token and warns if it crossed a threshold it was not warned about.
     *
     * @param authorization the token
     * @return the warning raised, or null
     */
    public ExpiryWarning check(Authorization authorization) {
        if (authorization.expiresAt().isEmpty()) {
            return null;
        }
        Instant now = clock.instant();
        Duration remaining = Duration.between(now, authorization.expiresAt().get());
        Duration crossed = null;
        for (Duration t : thresholds) {
            if (remaining.compareTo(t) <= 0) {
                crossed = t;
                break;
            }
        }
        if (crossed == null) {
            return null;
        }
        Duration nearest = crossed;
        boolean[] fresh = {false};
        warned.compute(key(authorization), (k, before) -> {
            if (before == null || nearest.compareTo(before) < 0) {
                fresh[0] = true;
                return nearest;
            }
            return before;
        });
        if (!fresh[0]) {
            return null;
        }
        ExpiryWarning w = new ExpiryWarning(authorization, nearest, remaining);
        listener.accept(w);
        return w;
    }

    /**
     * Checks many tokens.
     *
     * @param authorizations the tokens
     * @return the warnings raised
     */
    public List<ExpiryWarning> checkAll(Collection<Authorization> authorizations) {
        List<ExpiryWarning> out = new ArrayList<>();
        for (Authorization a : authorizations) {
            ExpiryWarning w = check(a);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    private static String key(Authorization a) {
        return a.provider() + "|" + a.host() + "|" + a.tokenId().orElse("name:" + a.tokenName().orElse("?"));
    }
}
