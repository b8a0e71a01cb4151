package dev.patkit.testkit.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * A fixed-window request budget per key (a user, or an address for anonymous calls), counted on
 * the fake's clock. Not thread-safe: the fakes call it under their lock.
 */
public final class Budget {

    /**
     * What one request saw.
     *
     * @param limit the budget per window
     * @param remaining what is left after this request
     * @param used what is used, this request included
     * @param reset when the window resets
     * @param allowed whether the request fitted in the budget
     */
    public record Snapshot(int limit, int remaining, int used, Instant reset, boolean allowed) {}

    private static final class Window {
        Instant start;
        int used;
    }

    private int limit;
    private Duration window;
    private final Map<String, Window> windows = new HashMap<>();

    /**
     * @param limit requests per window
     * @param window the window length
     */
    public Budget(int limit, Duration window) {
        this.limit = limit;
        this.window = window;
    }

    /**
     * Changes the budget; counts restart.
     *
     * @param newLimit requests per window
     * @param newWindow the window
     */
    public void configure(int newLimit, Duration newWindow) {
        this.limit = newLimit;
        this.window = newWindow;
        windows.clear();
    }

    /** Forgets every count. */
    public void clear() {
        windows.clear();
    }

    /**
     * Counts one request.
     *
     * @param key whose budget
     * @param now the fake's now
     * @return the snapshot
     */
    public Snapshot take(String key, Instant now) {
        Window w = current(key, now);
        boolean allowed = w.used < limit;
        if (allowed) {
            w.used++;
        }
        return new Snapshot(limit, Math.max(0, limit - w.used), w.used, w.start.plus(window), allowed);
    }

    /**
     * Reads without counting.
     *
     * @param key whose budget
     * @param now the fake's now
     * @return the snapshot
     */
    public Snapshot peek(String key, Instant now) {
        Window w = current(key, now);
        return new Snapshot(limit, Math.max(0, limit - w.used), w.used, w.start.plus(window), w.used < limit);
    }

    private Window current(String key, Instant now) {
        Window w = windows.computeIfAbsent(key, k -> new Window());
        if (w.start == null || !now.isBefore(w.start.plus(window)) || now.isBefore(w.start)) {
            w.start = now;
            w.used = 0;
        }
        return w;
    }
}
