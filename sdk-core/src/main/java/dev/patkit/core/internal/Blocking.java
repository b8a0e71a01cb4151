package dev.patkit.core.internal;

/**
 * Marks the current thread as one that will block on the call it is starting, so the pipeline can
 * send that call on this thread with the JDK's blocking {@code send} instead of {@code sendAsync}:
 * the response then needs no hand-off between threads.
 *
 * <p>The mark is taken by the first call the pipeline starts ({@link #take()}), and only that call
 * runs on this thread. Calls started later on the same stack, such as the next call a queue starts
 * when this one completes, go asynchronously: otherwise one blocked caller's thread would run every
 * queued caller's request in turn, ever deeper in its own stack.
 */
public final class Blocking {

    private static final ThreadLocal<Boolean> ACTIVE = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private Blocking() {}

    /** @return whether the current thread is starting a call it will then wait for */
    public static boolean active() {
        return ACTIVE.get();
    }

    /**
     * Takes the mark: true once for the call that the marking caller starts, then false.
     *
     * @return whether the current thread was marked
     */
    public static boolean take() {
        if (ACTIVE.get()) {
            ACTIVE.set(Boolean.FALSE);
            return true;
        }
        return false;
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
