package dev.patkit.github.internal;

import dev.patkit.core.Sleeper;
import dev.patkit.core.spi.Futures;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Runs calls one at a time, each starting no earlier than a gap after the previous one ended.
 * The gap is decided by a policy from the previous call's outcome, so a pacer can space mutating
 * calls evenly or back off after failed logins.
 *
 * <p>Waits go through the injected {@link Sleeper} and are measured with the injected
 * {@link Clock}, so tests record them instead of sleeping. Thread-safe; never blocks a thread.
 */
public final class Pacer {

    private final Sleeper sleeper;
    private final Clock clock;
    private final BiFunction<Object, Throwable, Duration> gapPolicy;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private Instant lastEnd;
    private Duration gap = Duration.ZERO;
    private volatile boolean idle = true;

    /**
     * Creates a pacer.
     *
     * @param sleeper how to wait
     * @param clock what now is
     * @param gapPolicy the gap to keep after a call, from its result and its failure (one of the two is
     *     null: the failure after a success, the result after a failure)
     */
    public Pacer(Sleeper sleeper, Clock clock, BiFunction<Object, Throwable, Duration> gapPolicy) {
        this.sleeper = sleeper;
        this.clock = clock;
        this.gapPolicy = gapPolicy;
    }

    /**
     * A pacer with a fixed gap after every call.
     *
     * @param sleeper how to wait
     * @param clock what now is
     * @param gap the gap
     * @return the pacer
     */
    public static Pacer fixed(Sleeper sleeper, Clock clock, Duration gap) {
        return new Pacer(sleeper, clock, (result, failure) -> gap);
    }

    /**
     * Queues a call behind the ones already queued.
     *
     * @param call starts the call
     * @param <T> the result type
     * @return the call's result
     */
    public <T> CompletableFuture<T> run(Supplier<CompletableFuture<T>> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        CompletableFuture<Void> previous;
        synchronized (this) {
            previous = tail;
            tail = result.handle((v, e) -> null);
        }
        previous.whenComplete((ignored, alsoIgnored) -> {
            Duration wait = waitNow();
            CompletableFuture<Void> slept = wait.isZero() ? CompletableFuture.completedFuture(null) : sleeper.sleep(wait);
            slept.whenComplete((v, sleepError) -> {
                if (sleepError != null) {
                    finish(result, null, sleepError);
                    return;
                }
                start(call).whenComplete((value, error) -> finish(result, value, error));
            });
        });
        return result;
    }

    /**
     * Runs a call at once, outside the queue, and records its outcome like a queued call's: the
     * next queued call keeps the gap it decides.
     *
     * @param call starts the call
     * @param <T> the result type
     * @return the call's result
     */
    public <T> CompletableFuture<T> runNow(Supplier<CompletableFuture<T>> call) {
        return start(call).whenComplete((value, error) -> record(value, error == null ? null : Futures.unwrap(error)));
    }

    /**
     * Keeps the gap the outcome decides. While the gap is and stays zero there is nothing to keep:
     * calls that succeed one after another (valid tokens inspected in parallel) share no lock.
     */
    private void record(Object value, Throwable cause) {
        Duration next = gapPolicy.apply(value, cause);
        if (next.isZero() && idle) {
            return;
        }
        synchronized (this) {
            lastEnd = clock.instant();
            gap = next;
            idle = next.isZero();
        }
    }

    private static <T> CompletableFuture<T> start(Supplier<CompletableFuture<T>> call) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <T> void finish(CompletableFuture<T> result, T value, Throwable error) {
        Throwable cause = error == null ? null : Futures.unwrap(error);
        record(value, cause);
        if (cause != null) {
            result.completeExceptionally(cause);
        } else {
            result.complete(value);
        }
    }

    private synchronized Duration waitNow() {
        if (lastEnd == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(clock.instant(), lastEnd.plus(gap));
        return d.isNegative() ? Duration.ZERO : d;
    }
}
