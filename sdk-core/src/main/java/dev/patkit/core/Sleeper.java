package dev.patkit.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Waits between retries. Injected so tests can record the waits instead of sleeping.
 *
 * <p>Implementations must be thread-safe and must not block the calling thread.
 */
@FunctionalInterface
public interface Sleeper {

    /**
     * Completes after the given time.
     *
     * @param duration how long to wait; never negative
     * @return a future that completes when the wait is over
     */
    CompletableFuture<Void> sleep(Duration duration);

    /**
     * The real sleeper: completes on a shared timer thread after the duration.
     *
     * @return the system sleeper
     */
    static Sleeper system() {
        return duration -> {
            CompletableFuture<Void> done = new CompletableFuture<>();
            CompletableFuture.delayedExecutor(duration.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS)
                    .execute(() -> done.complete(null));
            return done;
        };
    }
}
