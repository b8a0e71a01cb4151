package dev.patkit.core.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A UTC clock tests set and move; a {@link RecordingSleeper} can move it by each wait. Thread-safe. */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    /** @param start the instant the clock shows first */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    /** @param instant the instant the clock shows from now on */
    public void set(Instant instant) {
        now.set(instant);
    }

    /** @param d how far to move the clock forward */
    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
