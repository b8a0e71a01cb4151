package dev.patkit.servicestage.internal;

import dev.patkit.core.PatkitException;
import dev.patkit.core.spi.Futures;
import dev.patkit.servicestage.PersonalAuthorization;
import dev.patkit.servicestage.ReplaceReport;
import dev.patkit.servicestage.ServiceStageClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The replace flow: create new, verify new, delete old; every step recorded. One use. */
final class Replacement {

    private static final Logger LOG = LoggerFactory.getLogger(Replacement.class);

    private final ServiceStageClient client;
    private final String oldName;
    private final PersonalAuthorization replacement;
    private final List<ReplaceReport.Step> steps = new ArrayList<>();

    Replacement(ServiceStageClient client, String oldName, PersonalAuthorization replacement) {
        this.client = client;
        this.oldName = oldName;
        this.replacement = replacement;
    }

    CompletableFuture<ReplaceReport> run() {
        String newName = replacement.name();
        return outcome(client.createPersonalAsync(replacement)).thenCompose(created -> {
            if (created.error != null) {
                step(ReplaceReport.Action.CREATE_NEW, ReplaceReport.Status.FAILED,
                        "Registering '" + newName + "' failed: " + created.error.getMessage());
                step(ReplaceReport.Action.VERIFY_NEW, ReplaceReport.Status.SKIPPED, "Not verified: nothing was registered.");
                step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.SKIPPED, "'" + oldName + "' was kept.");
                return done(created.error);
            }
            step(ReplaceReport.Action.CREATE_NEW, ReplaceReport.Status.DONE, "Registered '" + newName + "' ("
                    + created.value.outcome().name().toLowerCase(Locale.ROOT) + ").");
            return outcome(client.verifyAsync(newName)).thenCompose(verified -> {
                if (verified.error != null) {
                    step(ReplaceReport.Action.VERIFY_NEW, ReplaceReport.Status.FAILED,
                            "'" + newName + "' did not work: " + verified.error.getMessage());
                    return outcome(client.deleteAsync(newName)).thenCompose(rolledBack -> {
                        step(ReplaceReport.Action.ROLL_BACK_NEW,
                                rolledBack.error == null ? ReplaceReport.Status.DONE : ReplaceReport.Status.FAILED,
                                rolledBack.error == null ? "Deleted the unusable '" + newName + "'."
                                        : "Could not delete the unusable '" + newName + "': " + rolledBack.error.getMessage());
                        step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.SKIPPED, "'" + oldName + "' was kept.");
                        return done(verified.error);
                    });
                }
                step(ReplaceReport.Action.VERIFY_NEW, ReplaceReport.Status.DONE, "'" + newName + "' sees "
                        + verified.value.size() + " namespace(s).");
                return outcome(client.deleteAsync(oldName)).thenCompose(deleted -> {
                    if (deleted.error != null) {
                        step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.FAILED, "Deleting '" + oldName
                                + "' failed (both authorizations exist; '" + newName + "' works): "
                                + deleted.error.getMessage());
                        return done(deleted.error);
                    }
                    step(ReplaceReport.Action.DELETE_OLD, ReplaceReport.Status.DONE, "Deleted '" + oldName + "'.");
                    return done(null);
                });
            });
        });
    }

    private void step(ReplaceReport.Action action, ReplaceReport.Status status, String detail) {
        LOG.debug("servicestage: replace '{}' -> '{}': {} {}", oldName, replacement.name(), action, status);
        steps.add(new ReplaceReport.Step(action, status, detail));
    }

    private CompletableFuture<ReplaceReport> done(PatkitException failure) {
        return CompletableFuture.completedFuture(
                new ReplaceReport(oldName, replacement.name(), steps, Optional.ofNullable(failure)));
    }

    /** A step's value or failure. */
    private record Outcome<T>(T value, PatkitException error) {}

    private static <T> CompletableFuture<Outcome<T>> outcome(CompletableFuture<T> f) {
        return f.handle((v, e) -> {
            if (e == null) {
                return new Outcome<>(v, null);
            }
            RuntimeException r = Futures.unwrap(e);
            if (r instanceof PatkitException p) {
                return new Outcome<>(null, p);
            }
            throw r;
        });
    }
}
