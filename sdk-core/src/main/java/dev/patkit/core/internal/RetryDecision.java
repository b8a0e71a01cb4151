package dev.patkit.core.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;
import dev.patkit.core.RateLimitPolicy;
import dev.patkit.core.RateLimitSnapshot;
import dev.patkit.core.RateLimitedException;
import dev.patkit.core.RetryPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Whether and how long the pipeline waits: before an attempt, on an exhausted rate-limit budget;
 * after a failed attempt, by the retry policy's jittered backoff, a {@code Retry-After} or a
 * rate-limit reset, always within the call's deadline. Pure functions of their arguments (the
 * jitter's randomness is passed in); the result is to {@link #SEND_NOW send now}, to wait
 * {@link #waitFor()}, or to stop with {@link #stop()}.
 *
 * @param waitFor how long to wait before the attempt (zero to send at once)
 * @param stop the exception to end the call with, or null to go on
 */
record RetryDecision(Duration waitFor, PatkitException stop) {

    /** Go on at once: the decision of every call whose budget is not exhausted (allocation-free). */
    static final RetryDecision SEND_NOW = new RetryDecision(Duration.ZERO, null);

    /** @return whether the call goes on (after {@link #waitFor()}) */
    boolean proceeds() {
        return stop == null;
    }

    /**
     * Before an attempt: an exhausted budget is waited out until its reset plus a second, or the
     * call fails with a {@link RateLimitedException} without sending when the policy is
     * {@link RateLimitPolicy#FAIL_FAST} or the wait passes the deadline.
     *
     * @param budget the latest budget report, or null when none was seen
     * @param clock asked for the time only when the budget reports nothing left
     */
    static RetryDecision beforeAttempt(RateLimitSnapshot budget, Clock clock, RateLimitPolicy policy,
            long remainingNanos, String provider, String operation, ErrorContext context) {
        if (budget == null || budget.remaining().isEmpty() || budget.remaining().getAsLong() > 0) {
            return SEND_NOW; // not exhausted whatever the time: no need to ask the clock
        }
        Instant now = clock.instant();
        if (!budget.exhaustedAt(now)) {
            return SEND_NOW;
        }
        Instant reset = budget.resetAt().orElseThrow();
        Duration wait = Duration.between(now, reset).plusSeconds(1);
        boolean failFast = policy == RateLimitPolicy.FAIL_FAST;
        if (failFast || wait.toNanos() > remainingNanos) {
            return new RetryDecision(Duration.ZERO, new RateLimitedException(provider + ": the rate-limit budget is"
                    + " exhausted until " + reset + "; '" + operation + "' was not sent"
                    + (failFast ? "" : " because the wait passes the call's deadline"), context, Optional.of(wait),
                    Optional.of(reset)));
        }
        return new RetryDecision(wait, null);
    }

    /**
     * After a failed attempt that may be tried again: stops with {@code lastError} when the
     * attempts are used up or the wait would pass the deadline; otherwise waits a random time up
     * to {@code min(maxDelay, baseDelay * 2^(attempt-1))}, or the server's hint when that is longer.
     *
     * @param attempt the attempt that failed, from 1
     * @param hint the server's {@code Retry-After} or rate-limit reset, or null
     * @param random where the jitter comes from
     */
    static RetryDecision afterFailure(int attempt, RetryPolicy policy, Duration hint, long remainingNanos,
            RandomGenerator random, PatkitException lastError) {
        if (attempt >= policy.maxAttempts()) {
            return new RetryDecision(Duration.ZERO, lastError);
        }
        long cap = backoffCapMillis(attempt, policy);
        Duration wait = Duration.ofMillis(cap <= 0 ? 0 : random.nextLong(cap + 1));
        if (hint != null && hint.compareTo(wait) > 0) {
            wait = hint;
        }
        if (wait.toNanos() >= remainingNanos) {
            return new RetryDecision(wait, lastError);
        }
        return new RetryDecision(wait, null);
    }

    /** @return the longest jittered wait after this attempt, in milliseconds */
    static long backoffCapMillis(int attempt, RetryPolicy policy) {
        return Math.min(policy.maxDelay().toMillis(), policy.baseDelay().toMillis() << Math.min(attempt - 1, 20));
    }

    /**
     * The server's hint for the wait before a retry: a rate-limit error's own, else the answer's
     * {@code Retry-After}.
     *
     * @param retryAfterHeader the answer's {@code Retry-After}, or null
     */
    static Duration hint(PatkitException error, Duration retryAfterHeader) {
        return error instanceof RateLimitedException rl ? rl.retryAfter().orElse(null) : retryAfterHeader;
    }
}
