package dev.patkit.core.audit;

import dev.patkit.core.Authorization;
import java.time.Duration;

/**
 * A token crossed an expiry threshold.
 *
 * @param authorization the token
 * @param threshold the threshold crossed, for example 7 days
 * @param remaining the time left until expiry when the warning was raised (negative once expired)
 */
public record ExpiryWarning(Authorization authorization, Duration threshold, Duration remaining) {}
