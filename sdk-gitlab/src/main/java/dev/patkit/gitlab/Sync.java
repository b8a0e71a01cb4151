package dev.patkit.gitlab;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.TransportException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * The blocking form of the typed extras' asynchronous operations, with the semantics of core's
 * {@code ProviderClient} defaults.
 *
 * <p>TEMPORARY: a copy of core's non-exported {@code internal.Futures}; requested as an exported
 * helper in {@code /tmp/core-requests/gitlab.md} and to be deleted once core has it.
 */
final class Sync {

    private Sync() {}

    static <T> T join(CompletableFuture<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new TransportException("Interrupted while waiting for the call", ErrorContext.NONE, e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        } catch (CancellationException e) {
            throw new TransportException("The call was cancelled", ErrorContext.NONE, e);
        }
    }

    /**
     * Strips {@link CompletionException} and {@link ExecutionException} wrappers.
     *
     * @param t a failure
     * @return the first cause that is not a wrapper, as an unchecked exception
     */
    static RuntimeException unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new TransportException("The call failed (" + cause.getClass().getSimpleName() + ")", ErrorContext.NONE, cause);
    }
}
