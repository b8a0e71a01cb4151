package dev.patkit.testkit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * A settable UTC clock that drives token expiry, rate-limit windows and timestamps in the fakes.
 *
 * <p>Starts at the real current instant unless told otherwise; {@link #setNow(Instant)} and
 * {@link #advance(Duration)} move it. Several fakes may share one clock ({@link FakeForges} does).
 * Thread-safe.
 */
public final class FakeClock extends Clock {

    private volatile Instant now;

    /**
     * Creates a clock standing at an instant.
     *
     * @param start the first instant, not null
     */
    public FakeClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /** @return a clock standing at the real current instant (it does not move by itself) */
    public static FakeClock ofNow() {
        return new FakeClock(Instant.now());
    }

    /**
     * @param start the first instant
     * @return a clock standing at that instant
     */
    public static FakeClock at(Instant start) {
        return new FakeClock(start);
    }

    /**
     * Moves the clock to an instant (backwards too).
     *
     * @param instant the new now, not null
     */
    public void setNow(Instant instant) {
        this.now = Objects.requireNonNull(instant, "instant");
    }

    /**
     * Moves the clock forward.
     *
     * @param duration how far; negative moves back
     */
    public synchronized void advance(Duration duration) {
        this.now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** @return a view of this clock in another zone, moving with it */
    @Override
    public Clock withZone(ZoneId zone) {
        FakeClock self = this;
        return new Clock() {
            @Override
            public ZoneId getZone() {
                return zone;
            }

            @Override
            public Clock withZone(ZoneId z) {
                return self.withZone(z);
            }

            @Override
            public Instant instant() {
                return self.instant();
            }
        };
    }

    @Override
    public String toString() {
        return "FakeClock[" + now + "]";
    }
}
