package dev.patkit.core.spi;

import dev.patkit.core.ErrorContext;
import dev.patkit.core.TransportException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/**
 * Turns the asynchronous form of an operation into its blocking form, exactly as
 * {@link dev.patkit.core.ProviderClient}'s default methods do. Providers use it for the blocking
 * twins of their typed extras, so each endpoint keeps one description.
 */
public final class Futures {

    private Futures() {}

    /**
     * Waits for a future and rethrows its failure as it is (Patkit exceptions are unchecked).
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
     * Runs the blocking form of an operation: starts its asynchronous form and waits for it. The
     * result and failures are exactly those of {@code join(call.get())}. There is one send path:
     * every request goes out on Patkit's sender threads, never on the caller's (a send on the
     * caller's thread was measured to gain nothing at a real round trip; see the benchmarks).
     *
     * @param call starts the operation's asynchronous form
     * @param <T> the result type
     * @return the result
     */
    public static <T> T blocking(java.util.function.Supplier<CompletableFuture<T>> call) {
        return join(call.get());
    }

    /**
     * Strips {@link CompletionException} and {@link ExecutionException} wrappers.
     *
     * @param t a failure
     * @return the first cause that is not a wrapper, as an unchecked exception
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

    /**
     * Starts an asynchronous operation whose input checks may throw: a check that fails before any
     * request becomes a failed future, so an asynchronous method never throws.
     *
     * @param operation checks the input and starts the operation
     * @param <T> the result type
     * @return the operation's future, or a failed one
     */
    public static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> operation) {
        try {
            return operation.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
