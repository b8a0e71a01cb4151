package dev.patkit.github.internal;

import dev.patkit.core.AuthenticationException;
import dev.patkit.core.Authorization;
import dev.patkit.core.AuthorizationStatus;
import dev.patkit.core.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The pacing state of one {@link dev.patkit.core.Patkit} instance, shared by all its GitHub clients
 * through {@link dev.patkit.core.spi.ProviderContext#shared}.
 *
 * <ul>
 *   <li>Mutating calls: one at a time per host and token fingerprint, at least
 *       {@link #MUTATION_GAP} apart (GitHub: "wait at least one second between each request").</li>
 *   <li>Inspections: concurrent while the host has seen no failed login, so a thousand valid
 *       tokens are inspected in parallel. After a token GitHub rejects with 401, inspections of
 *       that host go one at a time, the next waiting 1 s, 2 s, 4 s ... up to
 *       {@link #MAX_LOGIN_BACKOFF}; a success resets it and lets them run concurrently again.
 *       GitHub locks out authentication after "several" failed logins "in a short period" without
 *       publishing numbers (UNVERIFIED thresholds), so after a failure this errs on the slow side.</li>
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
    private final ConcurrentMap<String, LoginGate> gates = new ConcurrentHashMap<>();

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
     * The gate for inspections against one host.
     *
     * @param origin the API origin
     * @param sleeper how to wait
     * @param clock what now is
     * @return the gate
     */
    public LoginGate inspections(String origin, Sleeper sleeper, Clock clock) {
        return gates.computeIfAbsent(origin, k -> {
            AtomicInteger failures = new AtomicInteger();
            return new LoginGate(failures, new Pacer(sleeper, clock, (result, error) -> {
                if (GitHubErrors.isLoginLockout(error)) {
                    failures.set(7);
                    return MAX_LOGIN_BACKOFF;
                }
                // A rejected token is a failed login, whether the inspection answers it (INVALID) or raises it.
                if (error instanceof AuthenticationException
                        || result instanceof Authorization a && a.status() == AuthorizationStatus.INVALID) {
                    int n = Math.min(failures.incrementAndGet(), 7);
                    Duration backoff = Duration.ofSeconds(1L << (n - 1));
                    return backoff.compareTo(MAX_LOGIN_BACKOFF) > 0 ? MAX_LOGIN_BACKOFF : backoff;
                }
                if (error == null) {
                    failures.set(0);
                }
                return Duration.ZERO;
            }));
        });
    }

    /**
     * One host's inspections: at once while no login has failed there, else queued and spaced by
     * the back-off. Thread-safe.
     */
    public static final class LoginGate {
        private final AtomicInteger failures;
        private final Pacer queue;

        LoginGate(AtomicInteger failures, Pacer queue) {
            this.failures = failures;
            this.queue = queue;
        }

        /**
         * Runs an inspection.
         *
         * @param call starts it
         * @param <T> the result type
         * @return its result
         */
        public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
            return failures.get() == 0 ? queue.runNow(call) : queue.run(call);
        }
    }
}
