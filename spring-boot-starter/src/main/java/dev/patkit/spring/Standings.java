package dev.patkit.spring;

import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;

/** Builds the {@link TokenStandings} the health indicator and the metrics share. */
final class Standings {

    private Standings() {}

    static TokenStandings create(PatkitClients clients, PatkitProperties properties, ObjectProvider<Clock> clock) {
        Duration ttl = properties.getHealth().getCacheTtl();
        if (ttl == null || ttl.isNegative()) {
            throw new InvalidPatkitPropertyException("patkit.health.cache-ttl", "must not be negative");
        }
        return new TokenStandings(clients, ttl, clock.getIfUnique(Clock::systemUTC));
    }

    static Duration positive(String property, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new InvalidPatkitPropertyException(property, "must be positive");
        }
        return d;
    }
}
