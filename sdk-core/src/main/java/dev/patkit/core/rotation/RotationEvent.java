package dev.patkit.core.rotation;

/**
 * One step of a rotation plan, reported to a {@link RotationListener}. Never holds a secret.
 *
 * @param planId the plan's id
 * @param step the step
 * @param outcome what happened to it
 * @param target what the step acted on (the forge token, the store key or a holder id)
 * @param detail ids, fingerprints or the error message
 */
public record RotationEvent(String planId, Step step, Outcome outcome, String target, String detail) {

    /** The steps, in order. */
    public enum Step {
        /** Rotate the token at its forge. */
        ROTATE,
        /** Hand the new secret to the caller's store. */
        STORE,
        /** Install the new token in each holder, beside the old record. */
        INSTALL,
        /** Check each holder's new record works. */
        VERIFY,
        /** Remove each holder's old record. */
        RETIRE
    }

    /** What happened to a step. */
    public enum Outcome {
        /** The step began. */
        STARTED,
        /** The step finished. */
        DONE,
        /** A resumed plan found the step already done. */
        SKIPPED,
        /** The step failed; the plan stopped and can be resumed. */
        FAILED
    }
}
