package dev.patkit.core;

/** What a call does when the provider's rate-limit budget is known to be exhausted. */
public enum RateLimitPolicy {
    /**
     * Wait for the budget to reset when that fits within the call's deadline; otherwise fail at
     * once with {@link RateLimitedException} carrying the reset time. The default.
     */
    WAIT_WITHIN_DEADLINE,
    /** Fail at once with {@link RateLimitedException}. */
    FAIL_FAST
}
