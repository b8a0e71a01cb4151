package dev.patkit.core.testing;

import dev.patkit.core.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A sleeper that records each wait and returns at once, so tests assert the waits (retries,
 * back-off, rate limits) without sleeping; optionally it moves a {@link TestClock} by each wait.
 * Thread-safe.
 */
public final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final TestClock clock;

    /** A sleeper that moves no clock. */
    public RecordingSleeper() {
        this(null);
    }

    /** @param clock the clock each wait moves forward, or null */
    public RecordingSleeper(TestClock clock) {
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Void> sleep(Duration duration) {
        waits.add(duration);
        if (clock != null) {
            clock.advance(duration);
        }
        return CompletableFuture.completedFuture(null);
    }

    /** @return the waits so far, in order (a live view) */
    public List<Duration> waits() {
        return waits;
    }
}
