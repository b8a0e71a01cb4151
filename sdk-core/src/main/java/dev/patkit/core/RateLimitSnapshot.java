package dev.patkit.core;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A provider's rate-limit budget as last reported, from {@code x-ratelimit-*} (GitHub, AtomGit)
 * or {@code RateLimit-*} (GitLab) response headers.
 *
 * @param limit requests allowed in the window, if reported
 * @param remaining requests left in the window, if reported
 * @param resetAt when the window resets, if reported
 * @param resource the bucket the request counted against (GitHub {@code core}, GitLab
 *     {@code throttle_authenticated_api}), if reported
 * @param observedAt when the response carrying these values arrived
 */
public record RateLimitSnapshot(OptionalLong limit, OptionalLong remaining, Optional<Instant> resetAt,
        Optional<String> resource, Instant observedAt) {

    /**
     * Whether the budget is spent and not yet reset at the given instant.
     *
     * @param now the current instant
     * @return true when remaining is 0 and the reset lies after {@code now}
     */
    public boolean exhaustedAt(Instant now) {
        return remaining.isPresent() && remaining.getAsLong() <= 0
                && resetAt.isPresent() && resetAt.get().isAfter(now);
    }
}
