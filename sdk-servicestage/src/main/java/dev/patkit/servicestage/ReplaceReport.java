package dev.patkit.servicestage;

import dev.patkit.core.PatkitException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What replacing a stored credential did, step by step (ServiceStage has no update: the new
 * credential is registered under a new name, verified, and only then the old one is deleted).
 *
 * @param oldName the authorization that was to be replaced
 * @param newName the authorization that was to replace it
 * @param steps the steps in the order they ran
 * @param failure the first failure, if a step failed
 */
public record ReplaceReport(String oldName, String newName, List<Step> steps, Optional<PatkitException> failure) {

    /** A step of the replacement. */
    public enum Action {
        /** Register the new credential under the new name. */
        CREATE_NEW,
        /** List namespaces through the new credential ({@code X-Repo-Auth}). */
        VERIFY_NEW,
        /** Delete the new authorization again because it failed verification. */
        ROLL_BACK_NEW,
        /** Delete the old authorization. */
        DELETE_OLD
    }

    /** How a step ended. */
    public enum Status {
        /** It succeeded. */
        DONE,
        /** It failed; see the detail and {@link ReplaceReport#failure()}. */
        FAILED,
        /** It did not run because an earlier step failed. */
        SKIPPED
    }

    /**
     * One step.
     *
     * @param action what the step does
     * @param status how it ended
     * @param detail a sentence for a person; never holds a secret
     */
    public record Step(Action action, Status status, String detail) {

        /**
         * Creates a step.
         *
         * @param action what it does
         * @param status how it ended
         * @param detail a sentence for a person
         */
        public Step {
            Objects.requireNonNull(action, "action");
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /**
     * Creates a report.
     *
     * @param oldName the old name
     * @param newName the new name
     * @param steps the steps
     * @param failure the first failure, if any
     */
    public ReplaceReport {
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        steps = List.copyOf(steps);
        Objects.requireNonNull(failure, "failure");
    }

    /** @return true when every step succeeded: the new credential works and the old one is gone */
    public boolean succeeded() {
        return failure.isEmpty() && steps.stream().allMatch(s -> s.status() == Status.DONE);
    }

    /** @return whether the old authorization still exists (it is deleted only after the new one verified) */
    public boolean oldKept() {
        return steps.stream().noneMatch(s -> s.action() == Action.DELETE_OLD && s.status() == Status.DONE);
    }
}
