package dev.patkit.core.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Enforces call deadlines without waking a timer thread for every call: in-flight calls register
 * their deadline, and one daemon thread looks at them every {@link #TICK_NANOS} while there are any,
 * so a deadline fires at most one tick late. After {@link #IDLE_NANOS} without calls the thread
 * parks until the next registration.
 *
 * <p>Thread-safe.
 */
final class DeadlineWatchdog {

    static final long TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(10);
    static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(2);

    /** One registered deadline. */
    final class Entry {
        private final long deadlineNanos;
        private final Runnable onExpiry;

        private Entry(long deadlineNanos, Runnable onExpiry) {
            this.deadlineNanos = deadlineNanos;
            this.onExpiry = onExpiry;
        }

        /** Forgets the deadline: the call finished in time. */
        void cancel() {
            active.remove(this);
        }
    }

    private final Map<Entry, Boolean> active = new ConcurrentHashMap<>();
    private volatile Thread thread;
    private volatile boolean parkedIdle;
    private volatile boolean closed;

    /**
     * Registers a deadline.
     *
     * @param deadlineNanos a {@link System#nanoTime()} value
     * @param onExpiry runs on the watchdog's thread once the deadline has passed, unless cancelled first;
     *     it must be quick and must not throw
     * @return the entry, to cancel
     */
    Entry register(long deadlineNanos, Runnable onExpiry) {
        Entry e = new Entry(deadlineNanos, onExpiry);
        active.put(e, Boolean.TRUE);
        Thread t = thread;
        if (t == null) {
            start();
        } else if (parkedIdle) {
            LockSupport.unpark(t);
        }
        return e;
    }

    private synchronized void start() {
        if (thread == null && !closed) {
            Thread t = new Thread(this::run, "patkit-deadlines");
            t.setDaemon(true);
            thread = t;
            t.start();
        }
    }

    private void run() {
        long busySince = System.nanoTime();
        while (!closed) {
            long now = System.nanoTime();
            for (Entry e : active.keySet()) {
                if (now - e.deadlineNanos >= 0 && active.remove(e) != null) {
                    try {
                        e.onExpiry.run();
                    } catch (RuntimeException ignored) {
                        // An expiry action must not stop the watchdog.
                    }
                }
            }
            if (!active.isEmpty()) {
                busySince = now;
            } else if (now - busySince > IDLE_NANOS) {
                parkedIdle = true;
                if (active.isEmpty() && !closed) {
                    LockSupport.park(this);
                }
                parkedIdle = false;
                busySince = System.nanoTime();
                continue;
            }
            LockSupport.parkNanos(this, TICK_NANOS);
        }
    }

    /** Stops the thread; registered deadlines no longer fire. */
    void close() {
        closed = true;
        Thread t = thread;
        if (t != null) {
            LockSupport.unpark(t);
        }
    }
}
