package dev.patkit.servicestage.internal;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.TransportException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns the asynchronous form of a typed operation into the blocking one, rethrowing the Patkit
 * exception as it is. (Core's own helper is not exported; this mirrors it.)
 */
public final class Sync {

    private Sync() {}

    /**
     * Waits for a future.
     *
     * @param future the future
     * @param <T> the result type
     * @return the result
     */
    public static <T> T join(CompletableFuture<T> future) {
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
     * Strips completion wrappers.
     *
     * @param t a failure
     * @return the first cause that is not a wrapper, unchecked
     */
    public static RuntimeException unwrap(Throwable t) {
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
