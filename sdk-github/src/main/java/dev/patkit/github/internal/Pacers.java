package dev.patkit.github.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pacing state one {@link dev.patkit.github.GitHubClientFactory} shares among its clients.
 *
 * <ul>
 *   <li>Mutating calls: one at a time per host and token fingerprint, at least
 *       {@link #MUTATION_GAP} apart (GitHub: "wait at least one second between each request").</li>
 *   <li>Inspections: one at a time per host. After each token GitHub rejects with 401 the next
 *       inspection waits 1 s, 2 s, 4 s ... up to {@link #MAX_LOGIN_BACKOFF}; a success resets it.
 *       GitHub locks out authentication after "several" failed logins "in a short period" without
 *       publishing numbers (UNVERIFIED thresholds), so this errs on the slow side.</li>
 * </ul>
 *
 * <p>Thread-safe. Holds one small object per host and token seen.
 */
public final class Pacers {

    /** The least time between two mutating calls of one token. */
    public static final Duration MUTATION_GAP = Duration.ofSeconds(1);

    /** The longest wait between inspections after failed logins. */
    public static final Duration MAX_LOGIN_BACKOFF = Duration.ofSeconds(60);

    private final ConcurrentMap<String, Pacer> pacers = new ConcurrentHashMap<>();

    /** Creates empty state. */
    public Pacers() {}

    /**
     * The pacer for one token's mutating calls.
     *
     * @param origin the API origin
     * @param fingerprint the token's fingerprint, or {@code anonymous} for unauthenticated calls
     * @param sleeper how to wait
     * @param clock what now is
     * @return the pacer
     */
    public Pacer mutations(String origin, String fingerprint, Sleeper sleeper, Clock clock) {
        return pacers.computeIfAbsent("mutate|" + origin + "|" + fingerprint,
                k -> Pacer.fixed(sleeper, clock, MUTATION_GAP));
    }

    /**
     * The pacer for inspections against one host.
     *
     * @param origin the API origin
     * @param sleeper how to wait
     * @param clock what now is
     * @return the pacer
     */
    public Pacer inspections(String origin, Sleeper sleeper, Clock clock) {
        return pacers.computeIfAbsent("inspect|" + origin, k -> {
            AtomicInteger failures = new AtomicInteger();
            return new Pacer(sleeper, clock, error -> {
                if (GitHubErrors.isLoginLockout(error)) {
                    failures.set(7);
                    return MAX_LOGIN_BACKOFF;
                }
                if (error instanceof AuthenticationException) {
                    int n = Math.min(failures.incrementAndGet(), 7);
                    Duration backoff = Duration.ofSeconds(1L << (n - 1));
                    return backoff.compareTo(MAX_LOGIN_BACKOFF) > 0 ? MAX_LOGIN_BACKOFF : backoff;
                }
                if (error == null) {
                    failures.set(0);
                }
                return Duration.ZERO;
            });
        });
    }
}
