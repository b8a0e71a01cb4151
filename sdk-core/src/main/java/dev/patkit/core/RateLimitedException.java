package dev.patkit.core;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The provider's rate limit is exhausted, or waiting for it would pass the call's deadline. */
public class RateLimitedException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final transient Duration retryAfter;
    private final transient Instant resetAt;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param context what it was about
     * @param retryAfter how long to wait before trying again, when known
     * @param resetAt when the budget resets, when known
     */
    public RateLimitedException(String message, ErrorContext context, Optional<Duration> retryAfter,
            Optional<Instant> resetAt) {
        super(message, context);
        this.retryAfter = retryAfter.orElse(null);
        this.resetAt = resetAt.orElse(null);
    }

    /** @return how long to wait before trying again, when the provider or the budget said */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** @return when the budget resets, when known */
    public Optional<Instant> resetAt() {
        return Optional.ofNullable(resetAt);
    }
}
