package dev.patkit.servicestage.internal;

import dev.patkit.core.AmbiguousOutcomeException;
import dev.patkit.core.PatkitException;
import dev.patkit.core.spi.ApiRequest;
import dev.patkit.core.spi.Futures;
import dev.patkit.core.spi.HttpPipeline;
import dev.patkit.servicestage.GitAuthorization;
import dev.patkit.servicestage.Registration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and deletes whose outcome may be unknown, settled by listing: ServiceStage names are
 * unique, so the list says whether a create or a delete took effect. Each operation shares one
 * deadline across its calls. Thread-safe.
 */
final class Reconciling {

    private static final Logger LOG = LoggerFactory.getLogger(Reconciling.class);

    private final HttpPipeline pipeline;
    private final ServiceStageJson mapping;

    Reconciling(HttpPipeline pipeline, ServiceStageJson mapping) {
        this.pipeline = pipeline;
        this.mapping = mapping;
    }

    /**
     * Sends a create; when its outcome is unknown, lists: the name present means it took effect
     * (reconciled), absent means it did not, so it is sent once more.
     */
    CompletableFuture<Registration> create(String pid, String name, Function<String, ApiRequest<GitAuthorization>> create) {
        // One deadline for the create, the reconciling list and a second create together.
        long deadline = pipeline.newDeadline();
        return pipeline.send(create.apply(pid).withDeadline(deadline))
                .thenApply(a -> new Registration(a, Registration.Outcome.CREATED))
                .exceptionallyCompose(error -> {
                    RuntimeException e = Futures.unwrap(error);
                    if (!(e instanceof AmbiguousOutcomeException)) {
                        return CompletableFuture.failedFuture(e);
                    }
                    LOG.debug("servicestage: the outcome of creating '{}' is unknown; listing to reconcile", name);
                    return pipeline.send(ServiceStageEndpoints.list(pid, mapping).withDeadline(deadline)).handle((all, listError) -> {
                        if (listError != null) {
                            e.addSuppressed(Futures.unwrap(listError));
                            return CompletableFuture.<Registration>failedFuture(e);
                        }
                        Optional<GitAuthorization> found = all.stream().filter(a -> a.name().equals(name)).findFirst();
                        if (found.isPresent()) {
                            LOG.debug("servicestage: '{}' is present; the create took effect", name);
                            return CompletableFuture.completedFuture(
                                    new Registration(found.get(), Registration.Outcome.RECONCILED));
                        }
                        LOG.debug("servicestage: '{}' is absent; sending the create once more", name);
                        return pipeline.send(create.apply(pid).withDeadline(deadline))
                                .thenApply(a -> new Registration(a, Registration.Outcome.CREATED_ON_RETRY));
                    }).thenCompose(f -> f);
                });
    }

    /** Deletes; a 500 or an unknown outcome is settled by the list: the name still there means it failed. */
    CompletableFuture<Void> delete(String pid, String name) {
        long deadline = pipeline.newDeadline();
        return pipeline.send(ServiceStageEndpoints.delete(pid, name).withDeadline(deadline)).exceptionallyCompose(error -> {
            RuntimeException e = Futures.unwrap(error);
            // Delete documents 204 and 500 only (B.2): a 500, or an answer that never came, may follow
            // a delete that took effect, so the list decides; the name still there means it failed.
            boolean unknown = e instanceof AmbiguousOutcomeException
                    || (e instanceof PatkitException pe && pe.httpStatus() == 500);
            if (!unknown) {
                return CompletableFuture.failedFuture(e);
            }
            LOG.debug("servicestage: deleting '{}' answered 500; listing to see whether it is gone", name);
            return pipeline.send(ServiceStageEndpoints.list(pid, mapping).withDeadline(deadline)).handle((all, listError) -> {
                if (listError != null) {
                    e.addSuppressed(Futures.unwrap(listError));
                    throw new CompletionException(e);
                }
                if (all.stream().anyMatch(a -> a.name().equals(name))) {
                    throw new CompletionException(e);
                }
                LOG.debug("servicestage: '{}' is not listed; the delete took effect", name);
                return null;
            });
        });
    }
}
