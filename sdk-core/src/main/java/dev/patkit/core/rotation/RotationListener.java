package dev.patkit.core.rotation;

/** Receives every step of a rotation plan as it happens. Must not throw. */
@FunctionalInterface
public interface RotationListener {

    /**
     * Called for each step's start, end, skip or failure.
     *
     * @param event the event
     */
    void onEvent(RotationEvent event);
}
