package dev.patkit.servicestage;

import java.util.Objects;

/**
 * The result of registering a credential with ServiceStage, and how it came about.
 *
 * @param authorization the stored authorization
 * @param outcome whether it was created at once, found after an unknown outcome, or created on a
 *     second attempt
 */
public record Registration(GitAuthorization authorization, Outcome outcome) {

    /** How a registration came about. */
    public enum Outcome {
        /** The create call succeeded. */
        CREATED,
        /**
         * The create call's outcome was unknown (the response was lost); listing showed the name
         * present, so the create took effect and was not sent again.
         */
        RECONCILED,
        /** The create call's outcome was unknown and the name was absent, so it was sent once more and succeeded. */
        CREATED_ON_RETRY
    }

    /**
     * Creates the result.
     *
     * @param authorization the stored authorization
     * @param outcome how it came about
     */
    public Registration {
        Objects.requireNonNull(authorization, "authorization");
        Objects.requireNonNull(outcome, "outcome");
    }
}
