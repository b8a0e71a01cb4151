package dev.patkit.servicestage;

import dev.patkit.core.PatkitException;
import dev.patkit.core.rotation.RotationEvent;
import dev.patkit.core.rotation.RotationEvent.Outcome;
import dev.patkit.core.rotation.RotationEvent.Step;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What replacing a stored credential did, as the events of the rotation steps it ran (ServiceStage
 * has no update: the new credential is installed under a new name, verified, and only then the old
 * one is retired). The events are those a {@link dev.patkit.core.rotation.RotationPlan} reports for
 * a {@link ServiceStageClient#holder}: {@link Step#INSTALL}, {@link Step#VERIFY} and
 * {@link Step#RETIRE}, each {@code STARTED} then {@code DONE} or {@code FAILED}. Their target is
 * {@code servicestage:} and the authorization acted on; a replacement that failed verification is
 * deleted again, reported as a {@code RETIRE} of the new name. Never holds a secret.
 *
 * @param oldName the authorization that was to be replaced
 * @param newName the authorization that was to replace it
 * @param events the steps' events in the order they happened
 * @param failure the failure that stopped the replacement, if one did
 */
public record ReplaceReport(String oldName, String newName, List<RotationEvent> events, Optional<PatkitException> failure) {

    /**
     * Creates a report.
     *
     * @param oldName the old name
     * @param newName the new name
     * @param events the events
     * @param failure the failure, if any
     */
    public ReplaceReport {
        Objects.requireNonNull(oldName, "oldName");
        Objects.requireNonNull(newName, "newName");
        events = List.copyOf(events);
        Objects.requireNonNull(failure, "failure");
    }

    /** @return whether the new authorization was registered (and, if it failed verification, not deleted again) */
    public boolean created() {
        return finished(Step.INSTALL, newName) && !deleted(newName);
    }

    /** @return whether the new authorization was verified */
    public boolean verified() {
        return finished(Step.VERIFY, newName);
    }

    /** @return true when every step succeeded: the new credential works and the old one is gone */
    public boolean succeeded() {
        return failure.isEmpty() && verified() && deleted(oldName);
    }

    /** @return whether the old authorization still exists (it is deleted only after the new one verified) */
    public boolean oldKept() {
        return !deleted(oldName);
    }

    /** @return the event of the step that failed, if one did */
    public Optional<RotationEvent> failedStep() {
        return events.stream().filter(e -> e.outcome() == Outcome.FAILED).findFirst();
    }

    private boolean deleted(String name) {
        return events.stream().anyMatch(e -> e.step() == Step.RETIRE && e.outcome() == Outcome.DONE
                && e.target().equals("servicestage:" + name));
    }

    /** INSTALL and VERIFY events name the old holder as target and the new authorization as detail. */
    private boolean finished(Step step, String name) {
        return events.stream().anyMatch(e -> e.step() == step && e.outcome() == Outcome.DONE && e.detail().equals(name));
    }
}
