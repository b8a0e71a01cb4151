package dev.patkit.spring;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.PatkitException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inspection of each configured token, reused for a configured time, so a health probe
 * every few seconds and a metrics scrape do not each call the forge. Thread-safe: one inspection
 * per provider at a time.
 */
final class TokenStandings {

    private static final Logger LOG = LoggerFactory.getLogger(TokenStandings.class);

    /**
     * One inspection's result: the authorization, or what the inspection ended with.
     *
     * @param checkedAt when the inspection finished
     * @param authorization the token's authorization, if the provider answered with one
     * @param error the failure, if it did not: a Patkit exception's type and message (which hold no
     *     token), or only the type of any other exception
     * @param rejected whether the provider refused the token itself
     */
    record Standing(Instant checkedAt, Optional<Authorization> authorization, Optional<String> error, boolean rejected) {}

    private final PatkitClients clients;
    private final Duration ttl;
    private final Clock clock;
    private final Map<String, Standing> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    TokenStandings(PatkitClients clients, Duration ttl, Clock clock) {
        this.clients = clients;
        this.ttl = ttl;
        this.clock = clock;
    }

    Clock clock() {
        return clock;
    }

    PatkitClients clients() {
        return clients;
    }

    /**
     * @param id a configured provider id
     * @return its standing, inspected now if the cached one is older than the time to live
     */
    Standing get(String id) {
        Standing s = cache.get(id);
        if (fresh(s)) {
            return s;
        }
        synchronized (locks.computeIfAbsent(id, k -> new Object())) {
            s = cache.get(id);
            if (fresh(s)) {
                return s;
            }
            s = inspect(id);
            cache.put(id, s);
            return s;
        }
    }

    private boolean fresh(Standing s) {
        return s != null && s.checkedAt().plus(ttl).isAfter(clock.instant());
    }

    private Standing inspect(String id) {
        try {
            Authorization a = clients.get(id).inspect();
            return new Standing(clock.instant(), Optional.of(a), Optional.empty(), false);
        } catch (RuntimeException e) {
            LOG.debug("Inspecting the {} token failed: {}", id, e.getClass().getName());
            String error = e instanceof PatkitException ? e.getClass().getSimpleName() + ": " + e.getMessage()
                    : e.getClass().getName();
            return new Standing(clock.instant(), Optional.empty(), Optional.of(error), e instanceof AuthenticationException);
        }
    }
}
