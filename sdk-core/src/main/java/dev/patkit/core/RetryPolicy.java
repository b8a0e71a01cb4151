package dev.patkit.core;

import java.time.Duration;
import java.util.Objects;

/**
 * How idempotent calls (GET, DELETE) are retried on connect errors, HTTP 408, 429 and 5xx.
 *
 * <p>Waits grow exponentially with full jitter: attempt {@code n} waits a uniform random time in
 * {@code [0, min(maxDelay, baseDelay * 2^(n-1))]}, and never less than the server asked for
 * ({@code Retry-After} or a rate-limit reset). Calls that change state are never retried once
 * they may have reached the server.
 *
 * @param maxAttempts attempts in all, including the first; at least 1
 * @param baseDelay the first backoff ceiling
 * @param maxDelay the largest backoff ceiling
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /**
     * Creates a policy.
     *
     * @param maxAttempts attempts in all, including the first; at least 1
     * @param baseDelay the first backoff ceiling
     * @param maxDelay the largest backoff ceiling
     */
    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
    }

    /**
     * The default: 3 attempts, 100 ms base, 20 s cap.
     *
     * @return the default policy
     */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(20));
    }

    /**
     * No retries at all.
     *
     * @return a policy with one attempt
     */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
    }
}
