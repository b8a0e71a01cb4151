package dev.patkit.core.internal;

/**
 * Marks the current thread as one that will block on the call it is starting, so the pipeline can
 * send on this thread with the JDK's blocking {@code send} instead of {@code sendAsync}: the
 * response then needs no hand-off between threads. The mark only holds while the call is being
 * started; anything that continues on another thread (a retry after a wait) runs asynchronously.
 */
public final class Blocking {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Blocking() {}

    /** @return whether the current thread is starting a call it will then wait for */
    public static boolean active() {
        return ACTIVE.get();
    }

    /**
     * Sets or clears the mark.
     *
     * @param active the new value
     * @return the previous value, to restore
     */
    public static boolean set(boolean active) {
        boolean before = ACTIVE.get();
        ACTIVE.set(active);
        return before;
    }
}
