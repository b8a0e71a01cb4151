package dev.patkit.core.rotation;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.PatkitException;

/**
 * A rotation plan stopped at a step. The journal says how far it got; running the plan again
 * resumes from there (the message says when a person must act first).
 */
public class RotationException extends PatkitException {

    private static final long serialVersionUID = 1L;

    private final RotationEvent.Step step;
    private final boolean resumable;

    /**
     * Creates the exception.
     *
     * @param message what happened and what to do next
     * @param step the step that failed
     * @param resumable whether running the plan again can finish it
     * @param cause the failure
     */
    public RotationException(String message, RotationEvent.Step step, boolean resumable, Throwable cause) {
        super(message, context(step), cause);
        this.step = step;
        this.resumable = resumable;
    }

    /**
     * Creates the exception for a refusal of the plan's own, with no failure beneath it.
     *
     * @param message what happened and what to do next
     * @param step the step that was refused
     * @param resumable whether running the plan again can finish it
     */
    public RotationException(String message, RotationEvent.Step step, boolean resumable) {
        super(message, context(step));
        this.step = step;
        this.resumable = resumable;
    }

    private static ErrorContext context(RotationEvent.Step step) {
        return ErrorContext.of("patkit", "rotate " + step.name().toLowerCase(java.util.Locale.ROOT));
    }

    /** @return the step that failed */
    public RotationEvent.Step step() {
        return step;
    }

    /** @return whether running the plan again can finish it without a person acting first */
    public boolean resumable() {
        return resumable;
    }
}
