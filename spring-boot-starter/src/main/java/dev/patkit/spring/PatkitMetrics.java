package dev.patkit.spring;

import dev.patkit.core.PatkitListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Patkit's Micrometer meters. All are tagged {@code provider} and {@code host} (the API host, never
 * a path or query):
 * <ul>
 *   <li>{@code patkit.token.expiry}: gauge, seconds until the configured token expires (negative
 *       once it has; NaN when it never expires or is unknown), from the health indicator's cached
 *       inspection;</li>
 *   <li>{@code patkit.requests}: counter of attempts sent, also tagged {@code method};</li>
 *   <li>{@code patkit.responses}: counter of answers, tagged {@code method} and {@code status};</li>
 *   <li>{@code patkit.retries}: counter of retries scheduled, tagged {@code method};</li>
 *   <li>{@code patkit.rate.limit.waits}: counter of waits for an exhausted rate-limit budget.</li>
 * </ul>
 * The counters are fed by the {@link PatkitListener} events of the Patkit bean; events before the
 * registry is bound are not counted. Thread-safe.
 */
public final class PatkitMetrics implements PatkitListener, MeterBinder {

    private final Supplier<TokenStandings> standings;
    private volatile MeterRegistry registry;

    PatkitMetrics(Supplier<TokenStandings> standings) {
        this.standings = standings;
    }

    @Override
    public void bindTo(MeterRegistry meterRegistry) {
        TokenStandings s = standings.get();
        if (s != null) {
            for (String id : s.clients().ids()) {
                Gauge.builder("patkit.token.expiry", s, st -> secondsUntilExpiry(st, id))
                        .description("Seconds until the configured Patkit token expires")
                        .baseUnit("seconds")
                        .tag("provider", id)
                        .tag("host", s.clients().get(id).baseUri().getHost())
                        .register(meterRegistry);
            }
        }
        this.registry = meterRegistry;
    }

    private static double secondsUntilExpiry(TokenStandings s, String id) {
        Instant now = s.clock().instant();
        return s.get(id).authorization().flatMap(a -> a.expiresAt())
                .map(e -> (double) Duration.between(now, e).toSeconds()).orElse(Double.NaN);
    }

    @Override
    public void requestSent(String provider, String host, String method, int attempt) {
        count("patkit.requests", "Requests Patkit sent (each attempt)", provider, host, "method", method);
    }

    @Override
    public void responseReceived(String provider, String host, String method, int status, int attempt,
            Duration elapsed) {
        count("patkit.responses", "Answers Patkit received", provider, host, "method", method,
                "status", Integer.toString(status));
    }

    @Override
    public void retryScheduled(String provider, String host, String method, int nextAttempt, Duration wait) {
        count("patkit.retries", "Retries Patkit scheduled", provider, host, "method", method);
    }

    @Override
    public void rateLimitWait(String provider, String host, Duration wait) {
        count("patkit.rate.limit.waits", "Waits for an exhausted rate-limit budget", provider, host);
    }

    private void count(String name, String description, String provider, String host, String... tags) {
        MeterRegistry r = registry;
        if (r != null) {
            Counter.builder(name).description(description).tag("provider", provider).tag("host", host).tags(tags)
                    .register(r).increment();
        }
    }
}
