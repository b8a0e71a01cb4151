package dev.patkit.github;

import dev.patkit.core.RateLimitSnapshot;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * GitHub's rate-limit budgets as {@code GET /rate_limit} reported them, one per resource
 * ({@code core}, {@code search}, {@code graphql}, ...). Immutable.
 *
 * <p>The call does not count against the primary limit but can count against the secondary one;
 * prefer {@link GitHubClient#rateLimit()}, which reads the headers of the last response.
 *
 * @param resources the budgets by resource name
 * @param observedAt when the response arrived
 */
public record GitHubRateLimits(Map<String, RateLimitSnapshot> resources, Instant observedAt) {

    /**
     * Creates the value.
     *
     * @param resources the budgets by resource name
     * @param observedAt when the response arrived
     */
    public GitHubRateLimits {
        resources = Map.copyOf(resources);
        Objects.requireNonNull(observedAt, "observedAt");
    }

    /** @return the {@code core} budget that REST calls count against, if reported */
    public Optional<RateLimitSnapshot> core() {
        return resource("core");
    }

    /**
     * One resource's budget.
     *
     * @param name the resource, for example {@code search}
     * @return its budget, if reported
     */
    public Optional<RateLimitSnapshot> resource(String name) {
        return Optional.ofNullable(resources.get(name));
    }
}
